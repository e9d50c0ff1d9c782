package org.votehall.rules;

/** A candidate project's counts over the valid selection ballots. */
public record ProjectTally(String id, String title, ChoiceCount count) {}
