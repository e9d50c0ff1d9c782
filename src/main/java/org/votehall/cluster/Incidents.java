package org.votehall.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node found wrong in what others hold or send: a record no trusted node signed, a box
 * that differs from the ledgers, a message with a bad signature. Each is logged and kept (the
 * newest {@value #KEPT}) for the clerk; none names a secret cast's deputy (there is none to name).
 */
public final class Incidents {
  private static final Logger LOG = LoggerFactory.getLogger(Incidents.class);
  private static final int KEPT = 1000;

  private final Deque<Incident> recent = new ArrayDeque<>();
  private final AtomicLong total = new AtomicLong();
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  private final Clock clock;

  /** One incident: when this node saw it, and what it was. */
  public record Incident(Instant at, String what) {}

  public Incidents(Clock clock) {
    this.clock = clock;
  }

  /**
   * Reports an incident the first time it is seen: a bad record is met on every read of its map,
   * and would otherwise push every other incident out.
   */
  public void reportOnce(String what) {
    synchronized (seen) {
      if (seen.size() >= KEPT * 10) {
        seen.clear();
      }
      if (!seen.add(what)) {
        return;
      }
    }
    report(what);
  }

  public void report(String what) {
    LOG.warn("INCIDENT: {}", what);
    total.incrementAndGet();
    synchronized (recent) {
      recent.addLast(new Incident(clock.instant(), what));
      if (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
  }

  /** The newest incidents, oldest first. */
  public List<Incident> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /** How many were reported since the node started. */
  public long total() {
    return total.get();
  }
}
