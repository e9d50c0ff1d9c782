package org.votehall.simulate;

import java.util.Arrays;

/**
 * Latency figures of one kind of request, in milliseconds: the nearest-rank 50th, 95th and 99th
 * percentiles, the largest, and how many requests they were taken over.
 */
public record Percentiles(double p50, double p95, double p99, double max, int count) {

  /** The figures of {@code nanos} (not changed); all zero when there are none. */
  public static Percentiles ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        millis(rank(sorted, 50)),
        millis(rank(sorted, 95)),
        millis(rank(sorted, 99)),
        millis(sorted[sorted.length - 1]),
        sorted.length);
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p} percent of the values
   * at or below it.
   */
  static long rank(long[] sorted, int p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  /** Milliseconds with one decimal. */
  private static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }
}
