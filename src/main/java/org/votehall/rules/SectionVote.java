package org.votehall.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One ballot's valid vote in one election section: the candidates it marked {@code for} and {@code
 * against} and the cleaned names it wrote in. {@link #judge} decides whether the section is valid
 * on that ballot (docs/voting-rules.md §2).
 */
record SectionVote(Map<String, Choice> marks, List<String> writeIns) {

  /** The vote, or empty if the section is void (作废) on this ballot. */
  static Optional<SectionVote> judge(
      Section section, Map<String, Choice> marks, List<String> rawWriteIns) {
    List<String> writeIns =
        rawWriteIns.stream().map(WriteInName::clean).flatMap(Optional::stream).toList();
    long votesFor = count(marks, Choice.FOR);
    long against = count(marks, Choice.AGAINST);
    boolean valid =
        votesFor + writeIns.size() <= section.seats()
            && (writeIns.isEmpty() || writeInsRegular(section, writeIns, against));
    return valid ? Optional.of(new SectionVote(marks, writeIns)) : Optional.empty();
  }

  /**
   * docs/voting-rules.md §2: write-ins must be allowed, distinct, not a listed candidate of the
   * section, and (with requireAgainst) no more than the {@code against} marks: {@code writeIns ≤
   * against}.
   */
  private static boolean writeInsRegular(Section section, List<String> writeIns, long against) {
    WriteInRule rule = section.writeIns();
    if (!rule.allowed() || (rule.requireAgainst() && writeIns.size() > against)) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (Candidate c : section.candidates()) {
      seen.add(c.cleanName());
    }
    return writeIns.stream().allMatch(seen::add);
  }

  private static long count(Map<String, Choice> marks, Choice choice) {
    return marks.values().stream().filter(c -> c == choice).count();
  }
}
