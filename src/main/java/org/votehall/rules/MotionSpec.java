package org.votehall.rules;

import java.util.List;
import java.util.Objects;

/**
 * 表决: one or more items, each for / against / abstain (docs/voting-rules.md §1). {@code
 * participationQuorum} voids the vote unless more than half of the members returned a ballot.
 */
public record MotionSpec(BallotHeader header, List<Item> items, boolean participationQuorum)
    implements BallotSpec {

  public MotionSpec {
    Objects.requireNonNull(header, "header");
    header.requireRound(BallotKind.MOTION, Round.FIRST);
    items = SpecChecks.nonEmpty("items", items);
    SpecChecks.uniqueIds("items", items, Item::id);
  }

  @Override
  public BallotKind kind() {
    return BallotKind.MOTION;
  }
}
