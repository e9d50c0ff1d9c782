package org.votehall.rules;

/** Which attempt a ballot is: a first round, a tie revote (再次投票) or a runoff (另行选举). */
public enum Round {
  FIRST,
  /** Among those tied at the boundary, for the remaining places: no threshold, most votes win. */
  TIE,
  /** For seats left unfilled by a first round: the first round's threshold still applies. */
  RUNOFF
}
