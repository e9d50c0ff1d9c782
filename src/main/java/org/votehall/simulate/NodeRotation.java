package org.votehall.simulate;

import java.util.Arrays;

/**
 * Which node a request goes to: each terminal has a home node (terminals are spread round-robin),
 * and a request that got no answer goes to the next node. A node that did not answer is passed over
 * for a while (1 s, doubling with each further failure up to 8 s) while another is up, so a dead
 * node does not cost every request its timeout. Times are passed in (nanoseconds, any origin).
 * Thread-safe.
 */
public final class NodeRotation {
  private static final long FIRST_PENALTY_NANOS = 1_000_000_000L;
  private static final long MAX_PENALTY_NANOS = 8_000_000_000L;

  private final int nodes;
  private final long[] downUntil;
  private final int[] failures;

  public NodeRotation(int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("at least one node, not " + nodes);
    }
    this.nodes = nodes;
    this.downUntil = new long[nodes];
    this.failures = new int[nodes];
  }

  public int size() {
    return nodes;
  }

  /** The home node of terminal number {@code index} (0, 1, …): round-robin. */
  public int home(int index) {
    return Math.floorMod(index, nodes);
  }

  /** Where a request from {@code home} goes first: home, unless it rests and another is up. */
  public synchronized int first(int home, long now) {
    int up = up(home, now) ? home : nextUp(home, now);
    return up < 0 ? home : up;
  }

  /** Where a request that {@code node} did not answer goes next. */
  public synchronized int next(int node, long now) {
    int up = nextUp(node, now);
    return up < 0 ? Math.floorMod(node + 1, nodes) : up;
  }

  /** {@code node} did not answer (or answered 5xx): it rests for a while. */
  public synchronized void failed(int node, long now) {
    int n = Math.min(failures[node]++, 3);
    downUntil[node] = now + Math.min(FIRST_PENALTY_NANOS << n, MAX_PENALTY_NANOS);
  }

  /** {@code node} answered: it is up again. */
  public synchronized void answered(int node) {
    failures[node] = 0;
    downUntil[node] = 0;
  }

  /** Whether {@code node} is up (not resting) at {@code now}. */
  public synchronized boolean up(int node, long now) {
    return downUntil[node] == 0 || now - downUntil[node] >= 0;
  }

  /** The next node after {@code node} (itself last) that is up; -1 if none is. */
  private int nextUp(int node, long now) {
    for (int step = 1; step <= nodes; step++) {
      int candidate = Math.floorMod(node + step, nodes);
      if (up(candidate, now)) {
        return candidate;
      }
    }
    return -1;
  }

  @Override
  public synchronized String toString() {
    return "NodeRotation" + Arrays.toString(failures);
  }
}
