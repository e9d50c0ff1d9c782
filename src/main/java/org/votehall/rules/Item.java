package org.votehall.rules;

/** One thing voted on: a motion item, a candidate project or a rated item. */
public record Item(String id, String title) {
  public Item {
    SpecChecks.id("id", id);
    title = title == null || title.isBlank() ? id : title;
  }
}
