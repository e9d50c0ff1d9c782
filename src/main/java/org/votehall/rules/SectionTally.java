package org.votehall.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Adds up one election section over the ballots: valid and void ballots, every person's counts. */
final class SectionTally {
  private final Section section;
  private final Map<String, ChoiceCount> candidates = new HashMap<>();
  private final Map<String, Integer> writeIns = new TreeMap<>(CodePointOrder.INSTANCE);
  private int validBallots;
  private int invalidBallots;

  SectionTally(Section section) {
    this.section = section;
  }

  void addVoid() {
    invalidBallots++;
  }

  void add(SectionVote vote) {
    validBallots++;
    for (Candidate c : section.candidates()) {
      Choice choice = vote.marks().getOrDefault(c.id(), Choice.ABSTAIN);
      candidates.merge(c.id(), ChoiceCount.ZERO.plus(choice), ChoiceCount::sum);
    }
    for (String name : vote.writeIns()) {
      writeIns.merge(name, 1, Integer::sum);
    }
  }

  Section section() {
    return section;
  }

  int validBallots() {
    return validBallots;
  }

  int invalidBallots() {
    return invalidBallots;
  }

  List<CandidateTally> candidateTallies() {
    return section.candidates().stream()
        .map(
            c ->
                new CandidateTally(
                    c.id(), c.name(), candidates.getOrDefault(c.id(), ChoiceCount.ZERO)))
        .toList();
  }

  /** Written-in persons in code-point order of their names. */
  List<WriteInTally> writeInTallies() {
    return writeIns.entrySet().stream()
        .map(e -> new WriteInTally(e.getKey(), e.getValue()))
        .toList();
  }

  /** Everyone who can be elected, in listed order: candidates as listed, then write-ins by name. */
  List<Contender> persons() {
    List<Contender> listed =
        candidateTallies().stream().map(c -> new Contender(c.id(), c.count().votesFor())).toList();
    List<Contender> written =
        writeInTallies().stream().map(w -> new Contender(w.personId(), w.votesFor())).toList();
    return Stream.concat(listed.stream(), written.stream()).toList();
  }
}
