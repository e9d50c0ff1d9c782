package org.votehall.rules;

/** The result of a closed ballot: figures, tally, outcome and announcement; one record per kind. */
public sealed interface BallotResult
    permits MotionResult, ElectionResult, SelectionResult, RatingResult {
  Figures figures();

  Announcement announcement();
}
