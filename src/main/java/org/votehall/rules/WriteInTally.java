package org.votehall.rules;

/** A written-in person's {@code for} count in one section (write-ins have only {@code for}). */
public record WriteInTally(String name, int votesFor) {
  /** How a written-in person is named among the elected and the tied: {@code writein:NAME}. */
  public String personId() {
    return WriteInTally.personId(name);
  }

  public static String personId(String name) {
    return "writein:" + name;
  }
}
