package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeputyNumbersTest {
  @Test
  void onePrefixAndOneWidthIsAFormat() {
    assertEquals(
        Optional.of(new DeputyNumbers("d", 3)), DeputyNumbers.of(List.of("d001", "d060", "d327")));
    assertEquals(Optional.of(new DeputyNumbers("", 4)), DeputyNumbers.of(List.of("0001", "3000")));
  }

  @Test
  void numbersWithoutLeadingZerosAreAPrefixAlone() {
    assertEquals(
        Optional.of(new DeputyNumbers("d", 0)),
        DeputyNumbers.of(List.of("d1", "d9", "d10", "d60")));
  }

  @Test
  void mixedRostersHaveNone() {
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "d1000")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d01", "d100")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "e002")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "d00x")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of()));
  }
}
