package org.votehall.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Counts a project selection (docs/voting-rules.md §3): a ballot with more than K {@code for} is
 * void; eligible projects, ranked, fill the K places.
 */
public final class SelectionCount {
  private SelectionCount() {}

  public static SelectionResult of(SelectionSpec spec, Turnout turnout, List<ItemMarks> ballots) {
    Map<String, ChoiceCount> counts = new HashMap<>();
    int invalidBallots = 0;
    for (ItemMarks ballot : ballots) {
      if (spec.overSelected(ballot)) {
        invalidBallots++;
      } else {
        spec.items()
            .forEach(
                i ->
                    counts.merge(
                        i.id(), ChoiceCount.ZERO.plus(ballot.choiceFor(i.id())), ChoiceCount::sum));
      }
    }
    List<ProjectTally> items =
        spec.items().stream()
            .map(
                i ->
                    new ProjectTally(
                        i.id(), i.title(), counts.getOrDefault(i.id(), ChoiceCount.ZERO)))
            .toList();
    boolean voided = turnout.returnedExceedsIssued();
    SelectionOutcome outcome =
        outcome(spec, turnout, items, turnout.returned() - invalidBallots, voided);
    Figures figures =
        Figures.of(spec, turnout, voided, Figures.ballotRequired(spec, turnout), invalidBallots);
    return new SelectionResult(
        figures, items, outcome, SelectionAnnouncement.of(spec, figures, items, outcome));
  }

  private static SelectionOutcome outcome(
      SelectionSpec spec,
      Turnout turnout,
      List<ProjectTally> items,
      int validBallots,
      boolean voided) {
    OptionalInt required =
        spec.round() == Round.TIE
            ? OptionalInt.empty()
            : OptionalInt.of(
                spec.threshold().required(spec.threshold().baseValue(turnout, validBallots)));
    List<Contender> ranked =
        Contender.ranked(
            items.stream().map(p -> new Contender(p.id(), p.count().votesFor())).toList());
    List<Contender> eligible = voided ? List.of() : Contender.eligible(ranked, required);
    SeatAllocation places =
        voided ? SeatAllocation.none(spec.select()) : SeatAllocation.of(eligible, spec.select());
    List<RankedProject> ranking =
        ranked.stream()
            .map(c -> new RankedProject(c.id(), c.votes(), eligible.contains(c)))
            .toList();
    return new SelectionOutcome(
        required, ranking, places.elected(), places.tie(), places.unfilled());
  }
}
