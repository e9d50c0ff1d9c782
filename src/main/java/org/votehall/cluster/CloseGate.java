package org.votehall.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's side of the close fence (docs/architecture.md): a cast enters the gate before it
 * touches the box and leaves once it is acknowledged or refused. Closing a ballot shuts the gate to
 * new casts and completes when the casts already inside have left, so a cast that raced the close
 * is either in the box before the tally or refused, never lost.
 */
public final class CloseGate {
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Set<String> closing = new HashSet<>();
  private final Map<String, List<Promise<Void>>> drains = new HashMap<>();

  /** True if the cast may go on (it must then {@link #leave}); false once the ballot is closing. */
  public synchronized boolean enter(String ballot) {
    if (closing.contains(ballot)) {
      return false;
    }
    inFlight.merge(ballot, 1, Integer::sum);
    return true;
  }

  public void leave(String ballot) {
    List<Promise<Void>> drained = List.of();
    synchronized (this) {
      if (inFlight.merge(ballot, -1, Integer::sum) == 0) {
        inFlight.remove(ballot);
        drained = drains.getOrDefault(ballot, List.of());
        drains.remove(ballot);
      }
    }
    drained.forEach(Promise::tryComplete);
  }

  /** Shuts the gate for {@code ballot}; the future completes when no cast for it is in flight. */
  public Future<Void> close(String ballot) {
    Promise<Void> drained = Promise.promise();
    synchronized (this) {
      closing.add(ballot);
      if (inFlight.containsKey(ballot)) {
        drains.computeIfAbsent(ballot, b -> new ArrayList<>()).add(drained);
        return drained.future();
      }
    }
    drained.complete();
    return drained.future();
  }

  public synchronized boolean isClosing(String ballot) {
    return closing.contains(ballot);
  }
}
