package org.votehall.rules;

/** A listed candidate's counts in one section, over the section's valid ballots. */
public record CandidateTally(String id, String name, ChoiceCount count) {}
