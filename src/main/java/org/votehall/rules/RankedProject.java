package org.votehall.rules;

/** A project in the selection ranking, with whether it met the threshold. */
public record RankedProject(String id, int votesFor, boolean eligible) {}
