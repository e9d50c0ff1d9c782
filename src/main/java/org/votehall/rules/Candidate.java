package org.votehall.rules;

/** A listed candidate in an election section. */
public record Candidate(String id, String name) {
  public Candidate {
    SpecChecks.id("id", id);
    SpecChecks.text("name", name);
  }

  /** The name as a write-in of it would read after cleaning (docs/voting-rules.md §2). */
  public String cleanName() {
    return WriteInName.clean(name).orElse(name);
  }
}
