package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  private static final long MS = 1_000_000;

  @Test
  void nearestRankOfOneToHundredMilliseconds() {
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray();
    Percentiles p = Percentiles.ofNanos(nanos);
    assertEquals(new Percentiles(50.0, 95.0, 99.0, 100.0, 100), p);
    assertEquals(100 * MS, nanos[0], "the samples are not reordered");
  }

  @Test
  void oneSampleIsEveryPercentile() {
    assertEquals(
        new Percentiles(12.3, 12.3, 12.3, 12.3, 1), Percentiles.ofNanos(new long[] {12_345_678}));
  }

  @Test
  void noSamplesAreZeros() {
    assertEquals(new Percentiles(0, 0, 0, 0, 0), Percentiles.ofNanos(new long[0]));
  }

  @Test
  void theRankIsTheSmallestValueWithThatShareAtOrBelowIt() {
    long[] ten = LongStream.rangeClosed(1, 10).toArray();
    assertEquals(5, Percentiles.rank(ten, 50));
    assertEquals(10, Percentiles.rank(ten, 95));
    assertEquals(10, Percentiles.rank(ten, 99));
    assertEquals(1, Percentiles.rank(ten, 1));
    long[] twenty = LongStream.rangeClosed(1, 20).toArray();
    assertEquals(19, Percentiles.rank(twenty, 95));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(ten, 0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(ten, 101));
  }
}
