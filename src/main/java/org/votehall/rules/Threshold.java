package org.votehall.rules;

import java.util.Objects;

/**
 * How many votes an item, person or project needs: a fraction of a base, strict ("more than") or
 * not ("at least"). The default is more than half of all members (docs/voting-rules.md §0).
 */
public record Threshold(ThresholdBase base, Fraction fraction, boolean strict) {

  public static final Threshold DEFAULT = new Threshold(ThresholdBase.MEMBERS, Fraction.HALF, true);

  public Threshold {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(fraction, "fraction");
  }

  /** The number of votes needed, given the value of the base for the thing judged. */
  public int required(long baseValue) {
    return fraction.required(baseValue, strict);
  }

  /** The value of the base: all members, those present, or the valid ballots given. */
  public long baseValue(Turnout turnout, long validBallots) {
    return switch (base) {
      case MEMBERS -> turnout.members();
      case PRESENT -> turnout.present();
      case VALID -> validBallots;
    };
  }

  /** True when the base is the same for every item or section, so the ballot has one number. */
  public boolean isBallotWide() {
    return base != ThresholdBase.VALID;
  }
}
