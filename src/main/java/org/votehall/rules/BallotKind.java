package org.votehall.rules;

/** The four kinds of ballot (RULES.md §1–§4). */
public enum BallotKind {
  MOTION,
  ELECTION,
  SELECTION,
  RATING
}
