package org.votehall.rules;

/** 赞成 / 反对 / 弃权 counts for one item, candidate or project. */
public record ChoiceCount(int votesFor, int against, int abstain) {
  public static final ChoiceCount ZERO = new ChoiceCount(0, 0, 0);

  public ChoiceCount plus(Choice choice) {
    return switch (choice) {
      case FOR -> new ChoiceCount(votesFor + 1, against, abstain);
      case AGAINST -> new ChoiceCount(votesFor, against + 1, abstain);
      case ABSTAIN -> new ChoiceCount(votesFor, against, abstain + 1);
    };
  }

  public static ChoiceCount sum(ChoiceCount a, ChoiceCount b) {
    return new ChoiceCount(
        a.votesFor() + b.votesFor(), a.against() + b.against(), a.abstain() + b.abstain());
  }
}
