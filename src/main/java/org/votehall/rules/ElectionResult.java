package org.votehall.rules;

import java.util.List;

/**
 * The result of an election: the common figures and one result per section (docs/voting-rules.md
 * §2).
 */
public record ElectionResult(
    Figures figures, List<SectionResult> sections, Announcement announcement)
    implements BallotResult {
  public ElectionResult {
    sections = List.copyOf(sections);
  }
}
