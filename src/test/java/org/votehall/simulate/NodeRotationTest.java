package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeRotationTest {
  private static final long S = 1_000_000_000L;

  @Test
  void terminalsAreSpreadRoundRobin() {
    NodeRotation three = new NodeRotation(3);
    assertEquals(0, three.home(0));
    assertEquals(1, three.home(1));
    assertEquals(2, three.home(2));
    assertEquals(0, three.home(3));
    assertEquals(0, new NodeRotation(1).home(7));
    assertThrows(IllegalArgumentException.class, () -> new NodeRotation(0));
  }

  @Test
  void anUnansweredRequestGoesToTheNextNodeInTurn() {
    NodeRotation three = new NodeRotation(3);
    assertEquals(1, three.next(0, 0));
    assertEquals(2, three.next(1, 0));
    assertEquals(0, three.next(2, 0));
    assertEquals(0, new NodeRotation(1).next(0, 0));
  }

  @Test
  void aNodeThatDidNotAnswerIsPassedOverForASecond() {
    NodeRotation three = new NodeRotation(3);
    three.failed(1, 10 * S);
    assertFalse(three.up(1, 10 * S));
    assertEquals(2, three.first(1, 10 * S), "home is resting: the next node that is up");
    assertEquals(2, three.next(0, 10 * S), "the resting node is passed over");
    assertEquals(1, three.first(1, 11 * S), "back after a second");
    assertTrue(three.up(1, 11 * S));
  }

  @Test
  void theRestDoublesWithEachFailureUpToEightSecondsAndAnAnswerEndsIt() {
    NodeRotation two = new NodeRotation(2);
    two.failed(0, 0);
    two.failed(0, 0);
    assertFalse(two.up(0, 2 * S - 1));
    assertTrue(two.up(0, 2 * S));
    two.failed(0, 0);
    two.failed(0, 0);
    two.failed(0, 0);
    assertFalse(two.up(0, 8 * S - 1));
    assertTrue(two.up(0, 8 * S));
    two.failed(0, 0);
    two.answered(0);
    assertTrue(two.up(0, 0));
    two.failed(0, 0);
    assertTrue(two.up(0, S), "one failure after an answer rests a second again");
  }

  @Test
  void whenEveryNodeRestsTheRotationGoesOnInTurn() {
    NodeRotation two = new NodeRotation(2);
    two.failed(0, 0);
    two.failed(1, 0);
    assertEquals(1, two.next(0, 0));
    assertEquals(0, two.next(1, 0));
    assertEquals(0, two.first(0, 0), "no node is up: home");
  }
}
