package org.votehall.rules;

import java.util.List;

/** The result of a project selection (docs/voting-rules.md §3). */
public record SelectionResult(
    Figures figures,
    List<ProjectTally> items,
    SelectionOutcome selection,
    Announcement announcement)
    implements BallotResult {
  public SelectionResult {
    items = List.copyOf(items);
  }
}
