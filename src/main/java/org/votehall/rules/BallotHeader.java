package org.votehall.rules;

import java.util.Objects;
import java.util.Optional;

/** What every ballot spec has, whatever its kind (docs/formats.md, "Ballot spec"). */
public record BallotHeader(
    String id,
    String title,
    boolean secret,
    int members,
    Threshold threshold,
    Round round,
    Optional<String> follows) {

  public BallotHeader {
    SpecChecks.id("id", id);
    title = title == null || title.isBlank() ? id : title;
    if (members < 1) {
      throw new InvalidSpecException("members", "must be at least 1 [members: " + members + "]");
    }
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(round, "round");
    follows.ifPresent(f -> SpecChecks.id("follows", f));
  }

  void requireRound(BallotKind kind, Round... allowed) {
    for (Round r : allowed) {
      if (r == round) {
        return;
      }
    }
    throw new InvalidSpecException(
        "round",
        "a " + kind.name().toLowerCase() + " cannot have round " + round.name().toLowerCase());
  }
}
