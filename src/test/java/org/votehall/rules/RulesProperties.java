package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the rules over random specs and ballots of every kind. Each property runs over a
 * fixed sequence of seeds, so a run is reproducible and a failure names the seed that broke it.
 */
class RulesProperties {

  private static void forSeeds(int tries, LongConsumer property) {
    Random seeds = new Random(20261127L);
    for (int i = 0; i < tries; i++) {
      long seed = seeds.nextLong();
      try {
        property.accept(seed);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " (try " + i + "): " + e.getMessage(), e);
      }
    }
  }

  private static <T> List<T> ballots(RandomBallots r, int max, Supplier<T> one) {
    List<T> out = new ArrayList<>();
    int n = r.count(max);
    for (int i = 0; i < n; i++) {
      out.add(one.get());
    }
    return out;
  }

  @Test
  void electionResultDoesNotDependOnBallotOrder() {
    forSeeds(
        400,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          ElectionSpec spec = r.election();
          List<ElectionMarks> ballots = ballots(r, 40, () -> r.electionBallot(spec));
          int issued = ballots.size() + r.count(3);
          assertEquals(
              ElectionCount.of(spec, turnout(spec, issued, ballots.size()), ballots),
              ElectionCount.of(spec, turnout(spec, issued, ballots.size()), r.shuffled(ballots)));
        });
  }

  @Test
  void otherKindsDoNotDependOnBallotOrder() {
    forSeeds(
        200,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          SelectionSpec selection = r.selection();
          List<ItemMarks> picks = ballots(r, 30, () -> r.itemBallot(selection.items(), 1));
          assertEquals(
              Recount.of(selection, 30, 30, picks),
              Recount.of(selection, 30, 30, r.shuffled(picks)));
          MotionSpec motion = r.motion();
          List<ItemMarks> votes = ballots(r, 30, () -> r.itemBallot(motion.items(), 2));
          assertEquals(
              Recount.of(motion, 30, 30, votes), Recount.of(motion, 30, 30, r.shuffled(votes)));
          RatingSpec rating = r.rating();
          List<RatingMarks> rates = ballots(r, 30, () -> r.ratingBallot(rating));
          assertEquals(
              Recount.of(rating, 30, 30, rates), Recount.of(rating, 30, 30, r.shuffled(rates)));
        });
  }

  @Test
  void aVoidElectionBallotChangesOnlyTheInvalidCountAndReturned() {
    forSeeds(
        400,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          ElectionSpec spec = r.election();
          List<ElectionMarks> ballots = ballots(r, 30, () -> r.electionBallot(spec));
          int issued = ballots.size() + 1 + r.count(3);
          List<ElectionMarks> more = new ArrayList<>(ballots);
          more.add(RandomBallots.voidElectionBallot(spec));
          ElectionResult before =
              ElectionCount.of(spec, turnout(spec, issued, ballots.size()), ballots);
          ElectionResult after = ElectionCount.of(spec, turnout(spec, issued, more.size()), more);

          Figures f = before.figures();
          assertEquals(oneMoreVoid(f), after.figures());
          for (int i = 0; i < before.sections().size(); i++) {
            SectionResult s = before.sections().get(i);
            assertEquals(withOneMoreInvalid(s), after.sections().get(i));
          }
        });
  }

  @Test
  void aVoidSelectionBallotChangesOnlyTheInvalidCountAndReturned() {
    forSeeds(
        300,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          SelectionSpec spec = r.selection();
          List<ItemMarks> ballots = ballots(r, 30, () -> r.itemBallot(spec.items(), 1));
          List<ItemMarks> more = new ArrayList<>(ballots);
          more.add(RandomBallots.voidSelectionBallot(spec));
          int issued = more.size() + r.count(3);
          SelectionResult before =
              SelectionCount.of(spec, turnout(spec, issued, ballots.size()), ballots);
          SelectionResult after = SelectionCount.of(spec, turnout(spec, issued, more.size()), more);
          assertEquals(oneMoreVoid(before.figures()), after.figures());
          assertEquals(before.items(), after.items());
          assertEquals(before.selection(), after.selection());
        });
  }

  @Test
  void electionSectionsKeepTheirArithmetic() {
    forSeeds(
        500,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          ElectionSpec spec = r.election();
          List<ElectionMarks> ballots = ballots(r, 40, () -> r.electionBallot(spec));
          int issued = ballots.size() + r.count(2) - (r.count(8) == 0 ? 1 : 0);
          ElectionResult result =
              ElectionCount.of(spec, turnout(spec, Math.max(0, issued), ballots.size()), ballots);
          for (SectionResult s : result.sections()) {
            assertEquals(ballots.size(), s.validBallots() + s.invalidBallots());
            assertTrue(s.elected().size() <= s.seats(), "no more than seats are elected");
            int tied = s.tie().map(Tie::seats).orElse(0);
            if (!result.figures().voided()) {
              assertEquals(
                  s.seats(),
                  s.elected().size() + tied + s.unfilled(),
                  "every seat elected, tied or unfilled");
            }
            s.candidates()
                .forEach(
                    c ->
                        assertEquals(
                            s.validBallots(),
                            c.count().votesFor() + c.count().against() + c.count().abstain()));
            if (spec.round() == Round.FIRST) {
              assertEveryoneMetTheThreshold(s);
            }
          }
        });
  }

  /**
   * docs/voting-rules.md §2: in a first round, elected ∪ tie never holds a person under the
   * threshold.
   */
  private static void assertEveryoneMetTheThreshold(SectionResult s) {
    java.util.Map<String, Integer> votes = new java.util.HashMap<>();
    s.candidates().forEach(c -> votes.put(c.id(), c.count().votesFor()));
    s.writeIns().forEach(w -> votes.put(w.personId(), w.votesFor()));
    List<String> winners = new ArrayList<>(s.elected());
    s.tie().ifPresent(t -> winners.addAll(t.persons()));
    for (String person : winners) {
      assertTrue(votes.get(person) >= s.required().getAsInt(), person + " is under the threshold");
    }
  }

  @Test
  void selectionFillsAtMostKPlacesFromEligibleProjects() {
    forSeeds(
        300,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          SelectionSpec spec = r.selection();
          List<ItemMarks> ballots = ballots(r, 40, () -> r.itemBallot(spec.items(), 1));
          SelectionOutcome o =
              SelectionCount.of(spec, turnout(spec, ballots.size(), ballots.size()), ballots)
                  .selection();
          int tied = o.tie().map(Tie::seats).orElse(0);
          assertEquals(spec.select(), o.selected().size() + tied + o.unfilled());
          assertEquals(spec.items().size(), o.ranked().size());
          for (String id : o.selected()) {
            assertTrue(
                o.ranked().stream().anyMatch(p -> p.id().equals(id) && p.eligible()),
                id + " selected but not eligible");
          }
        });
  }

  @Test
  void motionAndRatingCountEveryReturnedBallotOnEveryItem() {
    forSeeds(
        300,
        seed -> {
          RandomBallots r = new RandomBallots(seed);
          MotionSpec motion = r.motion();
          List<ItemMarks> votes = ballots(r, 40, () -> r.itemBallot(motion.items(), 1));
          MotionResult m =
              MotionCount.of(motion, turnout(motion, votes.size(), votes.size()), votes);
          for (ItemTally i : m.items()) {
            assertEquals(
                votes.size(), i.count().votesFor() + i.count().against() + i.count().abstain());
            boolean passed = i.count().votesFor() >= i.required();
            assertEquals(
                m.figures().voided()
                    ? ItemOutcome.VOID
                    : passed ? ItemOutcome.PASSED : ItemOutcome.FAILED,
                i.outcome());
          }
          RatingSpec rating = r.rating();
          List<RatingMarks> rates = ballots(r, 40, () -> r.ratingBallot(rating));
          RatingResult result =
              RatingCount.of(rating, turnout(rating, rates.size(), rates.size()), rates);
          for (RatingTally t : result.ratings()) {
            assertEquals(rates.size(), t.validForItem() + t.blank());
            assertEquals(t.validForItem() == 0, t.grade().isEmpty());
          }
        });
  }

  private static Turnout turnout(BallotSpec spec, int issued, int returned) {
    return new Turnout(spec.members(), Math.max(issued, returned), issued, returned);
  }

  private static Figures oneMoreVoid(Figures f) {
    return new Figures(
        f.ballot(),
        f.kind(),
        f.title(),
        f.round(),
        f.members(),
        f.present(),
        f.issued(),
        f.returned() + 1,
        f.notVoted() - 1,
        f.voided(),
        f.required(),
        f.validBallots(),
        f.invalidBallots() + 1);
  }

  private static SectionResult withOneMoreInvalid(SectionResult s) {
    return new SectionResult(
        s.id(),
        s.title(),
        s.seats(),
        s.validBallots(),
        s.invalidBallots() + 1,
        s.required(),
        s.candidates(),
        s.writeIns(),
        s.elected(),
        s.tie(),
        s.unfilled(),
        s.runoffCandidates(),
        s.nominationNeeded());
  }
}
