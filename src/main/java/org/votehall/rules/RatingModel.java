package org.votehall.rules;

/**
 * Which figure leads a rating's announcement; both are always computed (docs/voting-rules.md §4).
 */
public enum RatingModel {
  /** 满意 / 基本满意 / 不满意 against the threshold. */
  GRADE,
  /** The share of satisfied-or-basically ratings among the valid ones. */
  RATE
}
