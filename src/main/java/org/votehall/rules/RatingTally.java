package org.votehall.rules;

import java.util.Optional;

/**
 * One rated item: its counts, the grade, and both rates as exact 4-place decimals
 * (docs/voting-rules.md §4). Grade and rates are empty when no ballot rated the item.
 */
public record RatingTally(
    String id,
    String title,
    int satisfied,
    int basically,
    int dissatisfied,
    int blank,
    int required,
    Optional<Grade> grade,
    Optional<String> rate,
    Optional<String> satisfiedRate) {

  /** The ratings that count for this item: every mark but {@code blank}. */
  public int validForItem() {
    return satisfied + basically + dissatisfied;
  }
}
