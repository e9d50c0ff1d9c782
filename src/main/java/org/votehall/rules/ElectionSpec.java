package org.votehall.rules;

import java.util.List;
import java.util.Objects;

/**
 * 选举: always secret; one section per post (docs/voting-rules.md §2). {@code wholeBallotVoid} makes
 * a void section void every section of that ballot.
 */
public record ElectionSpec(BallotHeader header, List<Section> sections, boolean wholeBallotVoid)
    implements BallotSpec {

  public ElectionSpec {
    Objects.requireNonNull(header, "header");
    if (!header.secret()) {
      throw new InvalidSpecException("secret", "an election is always a secret ballot");
    }
    sections = SpecChecks.nonEmpty("sections", sections);
    SpecChecks.uniqueIds("sections", sections, Section::id);
    if (header.round() == Round.TIE) {
      sections = sections.stream().map(Section::withoutWriteIns).toList();
    }
  }

  @Override
  public BallotKind kind() {
    return BallotKind.ELECTION;
  }

  public Section section(String sectionId) {
    return sections.stream()
        .filter(s -> s.id().equals(sectionId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No section " + sectionId + " in " + id()));
  }
}
