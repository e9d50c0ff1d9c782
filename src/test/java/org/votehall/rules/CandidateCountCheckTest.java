package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/voting-rules.md §2 and §3: the expected candidate counts (差额), as warnings. */
class CandidateCountCheckTest {

  private static ElectionSpec election(Post post, int seats, int candidates, Round round) {
    List<Candidate> list = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      list.add(new Candidate("c" + i, "候选人" + i));
    }
    BallotHeader header =
        new BallotHeader("e", "e", true, 100, Threshold.DEFAULT, round, Optional.empty());
    return new ElectionSpec(
        header, List.of(new Section("s", "s", post, seats, list, WriteInRule.DEFAULT)), false);
  }

  @ParameterizedTest(name = "{0}, {1} seat(s), {2} candidates → warned: {3}")
  @CsvSource({
    "CHIEF, 1, 1, false",
    "CHIEF, 1, 2, false",
    "CHIEF, 1, 3, true",
    "CHIEF, 2, 3, true", // a chief post has one seat
    "VICE, 4, 4, true",
    "VICE, 4, 5, false",
    "VICE, 4, 7, false",
    "VICE, 4, 8, true",
    "MEMBER, 5, 5, true",
    "MEMBER, 5, 6, false", // extra 1..max(1, 1)
    "MEMBER, 5, 7, true",
    "MEMBER, 12, 13, true", // extra from ⌈12/10⌉ = 2
    "MEMBER, 12, 14, false", // to max(2, ⌊12/5⌋ = 2)
    "MEMBER, 12, 15, true",
    "MEMBER, 30, 32, true", // extra 3..6
    "MEMBER, 30, 33, false",
    "MEMBER, 30, 36, false",
    "MEMBER, 30, 37, true"
  })
  void electionCandidateCounts(Post post, int seats, int candidates, boolean warned) {
    assertEquals(
        warned,
        !CandidateCountCheck.warnings(election(post, seats, candidates, Round.FIRST)).isEmpty());
  }

  @org.junit.jupiter.api.Test
  void aTieRevoteIsNotChecked() {
    // Five candidates for one vice seat would be warned in a first round (see above).
    assertEquals(1, CandidateCountCheck.warnings(election(Post.VICE, 1, 5, Round.FIRST)).size());
    assertEquals(List.of(), CandidateCountCheck.warnings(election(Post.VICE, 1, 5, Round.TIE)));
  }

  @org.junit.jupiter.api.Test
  void theWarningStatesTheFacts() {
    assertEquals(
        List.of("sections.s: a vice post with 4 seats expects 5 to 7 candidates, it has 4"),
        CandidateCountCheck.warnings(election(Post.VICE, 4, 4, Round.FIRST)));
  }

  @ParameterizedTest(name = "select {0} of {1} → warned: {2}")
  @CsvSource({
    "12, 14, true",
    "12, 15, false",
    "10, 12, false",
    "10, 11, true",
    "1, 2, false",
    "4, 5, false",
    "5, 6, false",
    "6, 7, true"
  })
  void selectionNeedsAtLeastOnePointTwoTimesK(int k, int n, boolean warned) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new Item("p" + i, null));
    }
    BallotHeader header =
        new BallotHeader("p", "p", true, 100, Threshold.DEFAULT, Round.FIRST, Optional.empty());
    assertEquals(
        warned, !CandidateCountCheck.warnings(new SelectionSpec(header, items, k)).isEmpty());
  }
}
