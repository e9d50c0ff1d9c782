package org.votehall.rules;

import java.util.List;

/**
 * The result of a rating (docs/voting-rules.md §4); {@code model} says which figure leads the
 * announcement.
 */
public record RatingResult(
    Figures figures, RatingModel model, List<RatingTally> ratings, Announcement announcement)
    implements BallotResult {
  public RatingResult {
    ratings = List.copyOf(ratings);
  }
}
