package org.votehall.rules;

import java.util.List;

/**
 * Applies a ballot's rules to its cast marks: the one entry point from any kind of spec to its
 * result.
 */
public final class Recount {
  private Recount() {}

  /**
   * @param present 实到, the base when the threshold names {@code present}
   * @param issued 发出; more ballots than this voids the vote
   * @param ballots the marks of every returned ballot, each already checked with {@link MarksCheck}
   */
  public static BallotResult of(
      BallotSpec spec, int present, int issued, List<? extends Marks> ballots) {
    Turnout turnout = new Turnout(spec.members(), present, issued, ballots.size());
    ballots.forEach(
        b ->
            MarksCheck.problem(spec, b)
                .ifPresent(
                    p -> {
                      throw new IllegalArgumentException(p);
                    }));
    if (spec instanceof MotionSpec motion) {
      return MotionCount.of(motion, turnout, cast(ballots, ItemMarks.class));
    }
    if (spec instanceof ElectionSpec election) {
      return ElectionCount.of(election, turnout, cast(ballots, ElectionMarks.class));
    }
    if (spec instanceof SelectionSpec selection) {
      return SelectionCount.of(selection, turnout, cast(ballots, ItemMarks.class));
    }
    return RatingCount.of((RatingSpec) spec, turnout, cast(ballots, RatingMarks.class));
  }

  private static <M extends Marks> List<M> cast(List<? extends Marks> ballots, Class<M> type) {
    return ballots.stream().map(type::cast).toList();
  }
}
