package org.votehall.rules;

import java.util.List;
import java.util.Objects;

/**
 * 民生实事项目票决: N candidate projects, choose at most {@code select} (K), with N &gt; K
 * (docs/voting-rules.md §3).
 */
public record SelectionSpec(BallotHeader header, List<Item> items, int select)
    implements BallotSpec {

  public SelectionSpec {
    Objects.requireNonNull(header, "header");
    header.requireRound(BallotKind.SELECTION, Round.FIRST, Round.TIE);
    items = SpecChecks.nonEmpty("items", items);
    SpecChecks.uniqueIds("items", items, Item::id);
    if (select < 1 || select >= items.size()) {
      throw new InvalidSpecException(
          "select",
          "must be at least 1 and fewer than the "
              + items.size()
              + " projects [select: "
              + select
              + "]");
    }
  }

  @Override
  public BallotKind kind() {
    return BallotKind.SELECTION;
  }

  /**
   * docs/voting-rules.md §3: more than {@code select} projects marked {@code for} (a void ballot on
   * paper).
   */
  public boolean overSelected(ItemMarks marks) {
    return marks.marks().values().stream().filter(c -> c == Choice.FOR).count() > select;
  }
}
