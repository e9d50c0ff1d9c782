package org.votehall.rules;

import java.util.List;
import java.util.Objects;

/** 满意度测评 / 述职评议: each item rated satisfied / basically / dissatisfied (docs/voting-rules.md §4). */
public record RatingSpec(BallotHeader header, List<Item> items, RatingModel model)
    implements BallotSpec {

  public RatingSpec {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(model, "model");
    header.requireRound(BallotKind.RATING, Round.FIRST);
    items = SpecChecks.nonEmpty("items", items);
    SpecChecks.uniqueIds("items", items, Item::id);
  }

  @Override
  public BallotKind kind() {
    return BallotKind.RATING;
  }
}
