package org.votehall.rules;

import java.util.List;
import java.util.Objects;

/** One post in an election (市长, 副市长, 委员 …), judged on its own (docs/voting-rules.md §2). */
public record Section(
    String id,
    String title,
    Post post,
    int seats,
    List<Candidate> candidates,
    WriteInRule writeIns) {

  public Section {
    SpecChecks.id("id", id);
    title = title == null || title.isBlank() ? id : title;
    Objects.requireNonNull(post, "post");
    Objects.requireNonNull(writeIns, "writeIns");
    if (seats < 1) {
      throw new InvalidSpecException(
          "seats", "a section needs at least one seat [seats: " + seats + "]");
    }
    candidates = SpecChecks.nonEmpty("candidates", candidates);
    SpecChecks.uniqueIds("candidates", candidates, Candidate::id);
  }

  public boolean lists(String candidateId) {
    return candidates.stream().anyMatch(c -> c.id().equals(candidateId));
  }

  /**
   * The same section as a tie revote runs it: docs/voting-rules.md §2, a tie revote takes no
   * write-ins.
   */
  Section withoutWriteIns() {
    return new Section(id, title, post, seats, candidates, WriteInRule.NONE);
  }
}
