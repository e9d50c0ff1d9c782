package org.votehall.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts an election (docs/voting-rules.md §2): judges each section of each ballot, then each
 * section's outcome.
 */
public final class ElectionCount {
  private ElectionCount() {}

  public static ElectionResult of(ElectionSpec spec, Turnout turnout, List<ElectionMarks> ballots) {
    List<SectionTally> tallies = spec.sections().stream().map(SectionTally::new).toList();
    int invalidBallots = 0;
    for (ElectionMarks ballot : ballots) {
      if (!addBallot(spec, tallies, ballot)) {
        invalidBallots++;
      }
    }
    boolean voided = turnout.returnedExceedsIssued();
    List<SectionResult> sections = new ArrayList<>();
    for (SectionTally tally : tallies) {
      sections.add(sectionResult(spec, turnout, tally, voided));
    }
    Figures figures =
        Figures.of(spec, turnout, voided, Figures.ballotRequired(spec, turnout), invalidBallots);
    return new ElectionResult(figures, sections, ElectionAnnouncement.of(spec, figures, sections));
  }

  /** Adds one ballot to every section; false if the ballot is void in every section (无效票). */
  private static boolean addBallot(
      ElectionSpec spec, List<SectionTally> tallies, ElectionMarks ballot) {
    List<Optional<SectionVote>> votes = new ArrayList<>();
    for (SectionTally t : tallies) {
      String id = t.section().id();
      votes.add(SectionVote.judge(t.section(), ballot.marksIn(id), ballot.writeInsIn(id)));
    }
    boolean anyVoid = votes.stream().anyMatch(Optional::isEmpty);
    boolean allVoid =
        votes.stream().allMatch(Optional::isEmpty) || (spec.wholeBallotVoid() && anyVoid);
    for (int i = 0; i < tallies.size(); i++) {
      if (allVoid || votes.get(i).isEmpty()) {
        tallies.get(i).addVoid();
      } else {
        tallies.get(i).add(votes.get(i).get());
      }
    }
    return !allVoid;
  }

  private static SectionResult sectionResult(
      ElectionSpec spec, Turnout turnout, SectionTally tally, boolean voided) {
    Section section = tally.section();
    OptionalInt required =
        spec.round() == Round.TIE
            ? OptionalInt.empty()
            : OptionalInt.of(
                spec.threshold()
                    .required(spec.threshold().baseValue(turnout, tally.validBallots())));
    List<Contender> ranked = Contender.ranked(tally.persons());
    SeatAllocation seats =
        voided
            ? SeatAllocation.none(section.seats())
            : SeatAllocation.of(Contender.eligible(ranked, required), section.seats());
    RunoffProposal runoff =
        spec.round() == Round.FIRST && !voided && seats.unfilled() > 0
            ? RunoffProposal.of(
                section.post(), seats.unfilled(), notElectedCandidates(section, ranked, seats))
            : RunoffProposal.NONE;
    return new SectionResult(
        section.id(),
        section.title(),
        section.seats(),
        tally.validBallots(),
        tally.invalidBallots(),
        required,
        tally.candidateTallies(),
        tally.writeInTallies(),
        seats.elected(),
        seats.tie(),
        seats.unfilled(),
        runoff.candidates(),
        runoff.nominationNeeded());
  }

  /** docs/voting-rules.md §2: written-in persons are never proposed for a runoff. */
  private static List<Contender> notElectedCandidates(
      Section section, List<Contender> ranked, SeatAllocation seats) {
    return ranked.stream()
        .filter(c -> section.lists(c.id()) && !seats.elected().contains(c.id()))
        .toList();
  }
}
