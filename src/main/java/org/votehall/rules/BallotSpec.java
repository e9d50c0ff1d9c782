package org.votehall.rules;

/** A ballot as the clerk defines it (docs/formats.md, "Ballot spec"); one record per kind. */
public sealed interface BallotSpec permits MotionSpec, ElectionSpec, SelectionSpec, RatingSpec {

  BallotHeader header();

  BallotKind kind();

  default String id() {
    return header().id();
  }

  default int members() {
    return header().members();
  }

  default Threshold threshold() {
    return header().threshold();
  }

  default Round round() {
    return header().round();
  }
}
