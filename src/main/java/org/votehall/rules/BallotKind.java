package org.votehall.rules;

/** The four kinds of ballot (docs/voting-rules.md §1–§4). */
public enum BallotKind {
  MOTION,
  ELECTION,
  SELECTION,
  RATING
}
