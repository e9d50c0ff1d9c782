package org.votehall.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/voting-rules.md §2 "Runoff": S' + extra proposed, ties with the last one included,
 * nominations if short.
 */
class RunoffProposalTest {

  private static List<Contender> notElected(int... votes) {
    List<Contender> out = new ArrayList<>();
    for (int i = 0; i < votes.length; i++) {
      out.add(new Contender("c" + (i + 1), votes[i]));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} post, {1} unfilled → extra {2}")
  @CsvSource({
    "CHIEF, 1, 1",
    "VICE, 1, 1",
    "VICE, 3, 1",
    "MEMBER, 1, 1",
    "MEMBER, 10, 1",
    "MEMBER, 11, 2",
    "MEMBER, 20, 2",
    "MEMBER, 21, 3"
  })
  void extraCandidates(Post post, int unfilled, int extra) {
    assertEquals(extra, RunoffProposal.extra(post, unfilled));
  }

  @org.junit.jupiter.api.Test
  void proposesUnfilledPlusOneForAVicePost() {
    RunoffProposal p = RunoffProposal.of(Post.VICE, 1, notElected(150, 120, 90));
    assertEquals(List.of("c1", "c2"), p.candidates());
    assertEquals(false, p.nominationNeeded());
  }

  @org.junit.jupiter.api.Test
  void includesThoseTiedWithTheLastProposed() {
    RunoffProposal p = RunoffProposal.of(Post.VICE, 1, notElected(150, 120, 120, 90));
    assertEquals(List.of("c1", "c2", "c3"), p.candidates());
  }

  @org.junit.jupiter.api.Test
  void exactlyEnoughLeftNeedsNoNomination() {
    RunoffProposal p = RunoffProposal.of(Post.CHIEF, 1, notElected(150, 120));
    assertEquals(List.of("c1", "c2"), p.candidates());
    assertEquals(false, p.nominationNeeded());
  }

  @org.junit.jupiter.api.Test
  void tooFewLeftProposesAllAndCallsForNominations() {
    RunoffProposal p = RunoffProposal.of(Post.VICE, 2, notElected(150, 120));
    assertEquals(List.of("c1", "c2"), p.candidates());
    assertEquals(true, p.nominationNeeded());
    assertEquals(true, RunoffProposal.of(Post.CHIEF, 1, List.of()).nominationNeeded());
  }
}
