package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/voting-rules.md §0: thresholds in exact integer arithmetic, and the sitting quorum (§6.3).
 */
class ThresholdTest {

  @ParameterizedTest(name = "{0}/{1} of {2}, strict {3} → {4}")
  @CsvSource({
    "1, 2, 327, true, 164", // more than half of 327
    "1, 2, 30, true, 16", // 15 fails, 16 passes (§6.2)
    "1, 2, 2977, true, 1489",
    "2, 3, 2977, false, 1985", // two thirds or more of 2977
    "2, 3, 2977, true, 1985", // 2·2977/3 = 1984.67: strict and not strict agree
    "2, 3, 30, false, 20", // 20·3 = 60 = 2·30
    "2, 3, 30, true, 21", // strictly more than 20
    "1, 2, 0, true, 1", // never below 1: zero votes never pass
    "1, 2, 0, false, 1",
    "1, 1, 10, false, 10", // unanimity
    "1, 3, 7, false, 3"
  })
  void requiredVotes(int p, int q, long base, boolean strict, int required) {
    assertEquals(required, new Fraction(p, q).required(base, strict));
  }

  @ParameterizedTest(name = "members {0}: {1} votes meet the default threshold: {2}")
  @CsvSource({
    "327, 163, false",
    "327, 164, true",
    "327, 165, true",
    "30, 15, false",
    "30, 16, true"
  })
  void moreThanHalfOfMembers(int members, int votes, boolean met) {
    Turnout turnout = new Turnout(members, members, members, members);
    int required = Threshold.DEFAULT.required(Threshold.DEFAULT.baseValue(turnout, 0));
    assertEquals(met, votes >= required);
  }

  @ParameterizedTest(name = "congress of {0}: {1} present → quorum {2}")
  @CsvSource({
    "327, 217, false",
    "327, 218, true",
    "327, 219, true",
    "2977, 1984, false",
    "2977, 1985, true"
  })
  void congressQuorum(int members, int present, boolean met) {
    assertEquals(met, Quorum.CONGRESS.isMet(present, members));
  }

  @ParameterizedTest(name = "committee of {0}: {1} present → quorum {2}")
  @CsvSource({"30, 15, false", "30, 16, true", "31, 15, false", "31, 16, true"})
  void standingCommitteeQuorum(int members, int present, boolean met) {
    assertEquals(met, Quorum.STANDING_COMMITTEE.isMet(present, members));
  }

  @ParameterizedTest
  @CsvSource({"0, 2", "3, 2", "1, 0", "-1, 2"})
  void fractionsOutsideZeroToOneAreRefused(int p, int q) {
    assertThrows(IllegalArgumentException.class, () -> new Fraction(p, q));
  }

  @org.junit.jupiter.api.Test
  void baseIsMembersPresentOrValid() {
    Turnout turnout = new Turnout(327, 314, 314, 300);
    assertEquals(327, Threshold.DEFAULT.baseValue(turnout, 299));
    assertEquals(
        314, new Threshold(ThresholdBase.PRESENT, Fraction.HALF, true).baseValue(turnout, 299));
    assertEquals(
        299, new Threshold(ThresholdBase.VALID, Fraction.HALF, true).baseValue(turnout, 299));
    assertTrue(Threshold.DEFAULT.isBallotWide());
    assertFalse(new Threshold(ThresholdBase.VALID, Fraction.HALF, true).isBallotWide());
  }

  @org.junit.jupiter.api.Test
  void notVotedIsNeverNegative() {
    assertEquals(14, new Turnout(327, 314, 314, 300).notVoted());
    assertEquals(0, new Turnout(327, 314, 314, 315).notVoted());
    assertTrue(new Turnout(327, 314, 314, 315).returnedExceedsIssued());
  }
}
