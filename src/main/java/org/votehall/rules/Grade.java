package org.votehall.rules;

/** A rating item's grade under the grade model (docs/voting-rules.md §4). */
public enum Grade {
  /** 满意. */
  SATISFIED,
  /** 基本满意. */
  BASICALLY,
  /** 不满意. */
  DISSATISFIED
}
