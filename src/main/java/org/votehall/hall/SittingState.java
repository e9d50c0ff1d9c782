package org.votehall.hall;

import java.io.Serializable;
import org.votehall.rules.Fraction;
import org.votehall.rules.Quorum;

/**
 * A sitting as the cluster keeps it: its size (应到) and the quorum it needs, as plain values. The
 * roster and the terminals live in maps of their own ({@link HallMaps#roster}, {@link
 * HallMaps#terminals}), so that a check-in or a cast reads one deputy, not thousands. The decoy is
 * the hash of a random PIN with the roster's parameters: a check-in with an unknown deputy number
 * is checked against it, so that it takes as long as one with a known number.
 */
public record SittingState(
    String id,
    String title,
    int members,
    int quorumNumerator,
    int quorumDenominator,
    boolean quorumStrict,
    String decoyPinHash)
    implements Serializable {

  public Quorum quorum() {
    return new Quorum(new Fraction(quorumNumerator, quorumDenominator), quorumStrict);
  }
}
