package org.votehall.rules;

import java.util.Objects;

/**
 * The quorum a sitting needs before any ballot opens (docs/voting-rules.md §0): a congress needs
 * two thirds or more of its members present, a standing committee more than half.
 */
public record Quorum(Fraction fraction, boolean strict) {

  /** 全体代表的三分之二以上: {@code present * 3 >= 2 * members}. */
  public static final Quorum CONGRESS = new Quorum(Fraction.TWO_THIRDS, false);

  /** 常委会全体组成人员的过半数: {@code present * 2 > members}. */
  public static final Quorum STANDING_COMMITTEE = new Quorum(Fraction.HALF, true);

  public Quorum {
    Objects.requireNonNull(fraction, "fraction");
  }

  /** The least number present that makes a quorum of {@code members}. */
  public int required(int members) {
    return fraction.required(members, strict);
  }

  public boolean isMet(int present, int members) {
    return present >= required(members);
  }
}
