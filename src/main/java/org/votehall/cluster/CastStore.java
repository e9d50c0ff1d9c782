package org.votehall.cluster;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The box of every ballot, in Hazelcast: one map per ballot, keyed by voter. {@code putIfAbsent} is
 * the uniqueness check on any node; an identical retry finds its own value and is kept again. Calls
 * block on Hazelcast: run them on a worker thread, never on an event loop.
 */
public final class CastStore {
  private static final int TALLY_ATTEMPTS = 20;
  private static final long SAFE_WAIT_NANOS = 30_000_000_000L;

  private final HazelcastInstance hazelcast;

  public CastStore(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  public CastOutcome put(String ballot, StoredCast cast) {
    StoredCast existing = box(ballot).putIfAbsent(cast.voter(), cast);
    if (existing == null) {
      return new CastOutcome.Kept(cast.receipt(), false);
    }
    return existing.content().equals(cast.content())
        ? new CastOutcome.Kept(existing.receipt(), true)
        : new CastOutcome.AlreadyVoted(cast.voter());
  }

  /**
   * The ballot's casts counted by marks, across every member. An aggregation that runs while a
   * member's partitions are being taken over can miss them, so this waits for a safe cluster (no
   * migration under way) and checks the counted total against the box's size, trying again if they
   * differ; it refuses rather than return a partial tally.
   */
  public Map<String, Long> tally(String ballot) {
    return consistent(
        ballot,
        box -> box.aggregate(new MarksTally()),
        counts -> counts.values().stream().mapToLong(Long::longValue).sum());
  }

  /** Every cast in the box, for the bundle; as complete as {@link #tally}. */
  public List<StoredCast> all(String ballot) {
    return consistent(ballot, box -> List.copyOf(box.values()), casts -> (long) casts.size());
  }

  private <T> T consistent(
      String ballot, Function<IMap<String, StoredCast>, T> read, ToLongFunction<T> total) {
    IMap<String, StoredCast> box = box(ballot);
    for (int attempt = 0; attempt < TALLY_ATTEMPTS; attempt++) {
      awaitSafeCluster();
      T value = read.apply(box);
      if (total.applyAsLong(value) == box.size()
          && hazelcast.getPartitionService().isClusterSafe()) {
        return value;
      }
    }
    throw new IllegalStateException(
        "No consistent count of "
            + ballot
            + " after "
            + TALLY_ATTEMPTS
            + " attempts: the cluster keeps changing");
  }

  /**
   * How many casts the box holds ("voted so far"), across every member; a live figure, not the
   * tally.
   */
  public long returned(String ballot) {
    return box(ballot).aggregate(Aggregators.count());
  }

  /** The voter keys in the box (deputies, for a recorded ballot); a live figure. */
  public java.util.Set<String> voters(String ballot) {
    return java.util.Set.copyOf(box(ballot).keySet());
  }

  private void awaitSafeCluster() {
    long deadline = System.nanoTime() + SAFE_WAIT_NANOS;
    while (!hazelcast.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a safe cluster", e);
      }
    }
  }

  private IMap<String, StoredCast> box(String ballot) {
    return hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + "casts." + ballot);
  }
}
