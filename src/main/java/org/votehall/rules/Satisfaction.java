package org.votehall.rules;

/** A mark on a rating item (docs/voting-rules.md §4). */
public enum Satisfaction {
  /** 满意. */
  SATISFIED,
  /** 基本满意. */
  BASICALLY,
  /** 不满意. */
  DISSATISFIED,
  /** Not rated; also what an unmarked item counts as. Not valid for that item. */
  BLANK;

  public boolean isValid() {
    return this != BLANK;
  }
}
