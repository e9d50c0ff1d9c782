package org.votehall.rules;

/** What a threshold is a fraction of (docs/voting-rules.md §0). */
public enum ThresholdBase {
  /** All deputies or committee members (全体代表, 应到). */
  MEMBERS,
  /** Those checked in for the sitting (实到). */
  PRESENT,
  /** The valid ballots of the item or section being judged (有效票). */
  VALID
}
