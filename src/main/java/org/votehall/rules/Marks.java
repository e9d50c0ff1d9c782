package org.votehall.rules;

/** The content of one cast ballot (docs/formats.md, "Marks"); one record per shape of ballot. */
public sealed interface Marks permits ItemMarks, RatingMarks, ElectionMarks {}
