package org.votehall.rules;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One election section's result (docs/voting-rules.md §2): its valid and void ballots, every
 * person's counts, the elected in rank order, a boundary tie, unfilled seats and the proposed
 * runoff candidates.
 */
public record SectionResult(
    String id,
    String title,
    int seats,
    int validBallots,
    int invalidBallots,
    OptionalInt required,
    List<CandidateTally> candidates,
    List<WriteInTally> writeIns,
    List<String> elected,
    Optional<Tie> tie,
    int unfilled,
    List<String> runoffCandidates,
    boolean nominationNeeded) {

  public SectionResult {
    candidates = List.copyOf(candidates);
    writeIns = List.copyOf(writeIns);
    elected = List.copyOf(elected);
    runoffCandidates = List.copyOf(runoffCandidates);
  }
}
