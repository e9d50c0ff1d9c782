package org.votehall.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts a rating (docs/voting-rules.md §4): per item the four marks, a grade against the threshold
 * and both rates. Every returned rating ballot is valid; blanks count per item.
 */
public final class RatingCount {
  private RatingCount() {}

  public static RatingResult of(RatingSpec spec, Turnout turnout, List<RatingMarks> ballots) {
    Map<String, Map<Satisfaction, Integer>> counts = new HashMap<>();
    for (RatingMarks ballot : ballots) {
      for (Item item : spec.items()) {
        counts
            .computeIfAbsent(item.id(), k -> new EnumMap<>(Satisfaction.class))
            .merge(ballot.ratingFor(item.id()), 1, Integer::sum);
      }
    }
    boolean voided = turnout.returnedExceedsIssued();
    List<RatingTally> ratings =
        spec.items().stream()
            .map(i -> tally(spec, turnout, i, counts.getOrDefault(i.id(), Map.of()), voided))
            .toList();
    Figures figures = Figures.of(spec, turnout, voided, Figures.ballotRequired(spec, turnout), 0);
    return new RatingResult(
        figures, spec.model(), ratings, RatingAnnouncement.of(spec, figures, ratings));
  }

  private static RatingTally tally(
      RatingSpec spec,
      Turnout turnout,
      Item item,
      Map<Satisfaction, Integer> counts,
      boolean voided) {
    int satisfied = counts.getOrDefault(Satisfaction.SATISFIED, 0);
    int basically = counts.getOrDefault(Satisfaction.BASICALLY, 0);
    int dissatisfied = counts.getOrDefault(Satisfaction.DISSATISFIED, 0);
    int valid = satisfied + basically + dissatisfied;
    int required = spec.threshold().required(spec.threshold().baseValue(turnout, valid));
    Optional<Grade> grade =
        voided || valid == 0
            ? Optional.empty()
            : Optional.of(grade(satisfied, basically, required));
    return new RatingTally(
        item.id(),
        item.title(),
        satisfied,
        basically,
        dissatisfied,
        counts.getOrDefault(Satisfaction.BLANK, 0),
        required,
        grade,
        rate(satisfied + basically, valid),
        rate(satisfied, valid));
  }

  /** docs/voting-rules.md §4, grade model: 满意, else 基本满意 on satisfied + basically, else 不满意. */
  static Grade grade(int satisfied, int basically, int required) {
    if (satisfied >= required) {
      return Grade.SATISFIED;
    }
    return satisfied + basically >= required ? Grade.BASICALLY : Grade.DISSATISFIED;
  }

  /**
   * An exact share rounded half-up to exactly 4 places ("0.9655", "1.0000"); empty over nothing.
   */
  static Optional<String> rate(int part, int whole) {
    if (whole == 0) {
      return Optional.empty();
    }
    return Optional.of(
        BigDecimal.valueOf(part)
            .divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
            .toPlainString());
  }
}
