package org.votehall.rules;

/** What became of a motion item. */
public enum ItemOutcome {
  /** 通过. */
  PASSED,
  /** 未获通过: {@code for} fell short of the threshold, whatever {@code against} was. */
  FAILED,
  /** The whole vote is void (docs/voting-rules.md §0, §1). */
  VOID
}
