package org.votehall.rules;

import java.util.List;

/** The result of a motion (docs/voting-rules.md §1). */
public record MotionResult(Figures figures, List<ItemTally> items, Announcement announcement)
    implements BallotResult {
  public MotionResult {
    items = List.copyOf(items);
  }
}
