package org.votehall.rules;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which projects a selection chose (docs/voting-rules.md §3): all projects ranked, the selected, a
 * tie, places left.
 */
public record SelectionOutcome(
    OptionalInt required,
    List<RankedProject> ranked,
    List<String> selected,
    Optional<Tie> tie,
    int unfilled) {
  public SelectionOutcome {
    ranked = List.copyOf(ranked);
    selected = List.copyOf(selected);
  }
}
