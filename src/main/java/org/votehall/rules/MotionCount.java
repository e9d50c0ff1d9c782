package org.votehall.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts a motion (docs/voting-rules.md §1): each item passes if its {@code for} meets the
 * threshold.
 */
public final class MotionCount {
  private MotionCount() {}

  public static MotionResult of(MotionSpec spec, Turnout turnout, List<ItemMarks> ballots) {
    Map<String, ChoiceCount> counts = new HashMap<>();
    for (ItemMarks ballot : ballots) {
      spec.items()
          .forEach(
              i ->
                  counts.merge(
                      i.id(), ChoiceCount.ZERO.plus(ballot.choiceFor(i.id())), ChoiceCount::sum));
    }
    boolean voided = turnout.returnedExceedsIssued() || failsParticipationQuorum(spec, turnout);
    // Every returned motion ballot is valid, so a "valid" base is the number returned.
    int required =
        spec.threshold().required(spec.threshold().baseValue(turnout, turnout.returned()));
    List<ItemTally> items =
        spec.items().stream()
            .map(i -> tally(i, counts.getOrDefault(i.id(), ChoiceCount.ZERO), required, voided))
            .toList();
    Figures figures = Figures.of(spec, turnout, voided, Figures.ballotRequired(spec, turnout), 0);
    return new MotionResult(figures, items, MotionAnnouncement.of(spec, figures, items));
  }

  /**
   * docs/voting-rules.md §1: with participationQuorum, the vote is void unless {@code returned * 2
   * > members}.
   */
  static boolean failsParticipationQuorum(MotionSpec spec, Turnout turnout) {
    return spec.participationQuorum() && (long) turnout.returned() * 2 <= turnout.members();
  }

  private static ItemTally tally(Item item, ChoiceCount count, int required, boolean voided) {
    ItemOutcome outcome =
        voided
            ? ItemOutcome.VOID
            : count.votesFor() >= required ? ItemOutcome.PASSED : ItemOutcome.FAILED;
    return new ItemTally(item.id(), item.title(), count, required, outcome);
  }
}
