package org.votehall.rules;

import java.util.Map;

/** Marks on a motion or a selection: item id → choice; an absent item is {@code abstain}. */
public record ItemMarks(Map<String, Choice> marks) implements Marks {
  public ItemMarks {
    marks = Map.copyOf(marks);
  }

  public Choice choiceFor(String itemId) {
    return marks.getOrDefault(itemId, Choice.ABSTAIN);
  }
}
