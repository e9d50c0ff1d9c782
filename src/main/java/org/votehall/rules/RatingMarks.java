package org.votehall.rules;

import java.util.Map;

/** Marks on a rating: item id → satisfaction; an absent item is {@code blank}. */
public record RatingMarks(Map<String, Satisfaction> marks) implements Marks {
  public RatingMarks {
    marks = Map.copyOf(marks);
  }

  public Satisfaction ratingFor(String itemId) {
    return marks.getOrDefault(itemId, Satisfaction.BLANK);
  }
}
