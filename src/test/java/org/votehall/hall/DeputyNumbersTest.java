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
  void mixedRostersHaveNone() {
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "d1000")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "e002")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of("d001", "d00x")));
    assertEquals(Optional.empty(), DeputyNumbers.of(List.of()));
  }
}
