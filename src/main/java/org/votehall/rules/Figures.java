package org.votehall.rules;

import java.util.OptionalInt;

/**
 * The figures every result carries (docs/formats.md, "Result"): 应到 / 实到 / 发出 / 收回 / 未按, whether the
 * vote is void, the threshold as a number where it is the same for the whole ballot, and 有效 / 无效.
 */
public record Figures(
    String ballot,
    BallotKind kind,
    String title,
    Round round,
    int members,
    int present,
    int issued,
    int returned,
    int notVoted,
    boolean voided,
    OptionalInt required,
    int validBallots,
    int invalidBallots) {

  static Figures of(
      BallotSpec spec, Turnout turnout, boolean voided, OptionalInt required, int invalidBallots) {
    BallotHeader h = spec.header();
    return new Figures(
        h.id(),
        spec.kind(),
        h.title(),
        h.round(),
        turnout.members(),
        turnout.present(),
        turnout.issued(),
        turnout.returned(),
        turnout.notVoted(),
        voided,
        required,
        turnout.returned() - invalidBallots,
        invalidBallots);
  }

  /**
   * The threshold as one number for the whole ballot: only when its base is the members or those
   * present, and never in a tie revote, which has no threshold (docs/voting-rules.md §0, §2, §3).
   */
  static OptionalInt ballotRequired(BallotSpec spec, Turnout turnout) {
    Threshold t = spec.threshold();
    if (spec.round() == Round.TIE || !t.isBallotWide()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(t.required(t.baseValue(turnout, 0)));
  }
}
