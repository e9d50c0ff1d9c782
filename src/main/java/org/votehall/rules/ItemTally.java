package org.votehall.rules;

/** One motion item: its counts, the votes it needed, and whether it passed. */
public record ItemTally(
    String id, String title, ChoiceCount count, int required, ItemOutcome outcome) {}
