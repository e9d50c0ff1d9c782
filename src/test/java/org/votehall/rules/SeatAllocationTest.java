package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/voting-rules.md §2 "Elected": all of Q if it fits, else the ranked top, a boundary tie going
 * to a revote.
 */
class SeatAllocationTest {

  private static List<Contender> ranked(int... votes) {
    List<Contender> listed = new java.util.ArrayList<>();
    for (int i = 0; i < votes.length; i++) {
      listed.add(new Contender("c" + (i + 1), votes[i]));
    }
    return Contender.ranked(listed);
  }

  @Test
  void fewerThanSeatsAreAllElectedAndTheRestUnfilled() {
    SeatAllocation a = SeatAllocation.of(ranked(300, 200), 4);
    assertEquals(List.of("c1", "c2"), a.elected());
    assertEquals(Optional.empty(), a.tie());
    assertEquals(2, a.unfilled());
  }

  @Test
  void workedExampleFour() {
    SeatAllocation a = SeatAllocation.of(ranked(300, 280, 250, 200, 200), 4);
    assertEquals(List.of("c1", "c2", "c3"), a.elected());
    assertEquals(Optional.of(new Tie(List.of("c4", "c5"), 1)), a.tie());
    assertEquals(0, a.unfilled());
  }

  @Test
  void aTieAboveTheBoundaryChangesNothing() {
    SeatAllocation a = SeatAllocation.of(ranked(200, 200, 150, 100), 3);
    assertEquals(List.of("c1", "c2", "c3"), a.elected());
    assertEquals(Optional.empty(), a.tie());
  }

  @Test
  void aTieReachingAboveTheBoundaryTakesEveryoneAtThatCount() {
    SeatAllocation a = SeatAllocation.of(ranked(300, 200, 200, 200, 200, 200), 4);
    assertEquals(List.of("c1"), a.elected());
    assertEquals(Optional.of(new Tie(List.of("c2", "c3", "c4", "c5", "c6"), 3)), a.tie());
  }

  @Test
  void rankingIsByVotesThenListedOrder() {
    assertEquals(List.of("c3", "c1", "c2"), Contender.ids(ranked(5, 5, 9)));
  }
}
