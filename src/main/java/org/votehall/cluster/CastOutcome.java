package org.votehall.cluster;

/**
 * What became of a cast put into the cluster: kept (first time or an identical retry), or refused.
 */
public sealed interface CastOutcome permits CastOutcome.Kept, CastOutcome.AlreadyVoted {

  /**
   * The cast is in the map with its backup; {@code retry} if an identical cast was there already.
   */
  record Kept(String receipt, boolean retry) implements CastOutcome {}

  /** A different cast by the same deputy or token is already in the box. */
  record AlreadyVoted(String voter) implements CastOutcome {}
}
