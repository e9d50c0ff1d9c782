package org.votehall.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether marks fit a ballot spec (docs/formats.md, "Marks"): a mark naming an unknown item,
 * section or candidate, or marks of the wrong shape for the kind, make the ballot malformed. A
 * write-in that breaks a rule is not malformed: it voids its section when counted.
 */
public final class MarksCheck {
  private MarksCheck() {}

  /** The first problem with these marks, naming the field, or empty if they fit the spec. */
  public static Optional<String> problem(BallotSpec spec, Marks marks) {
    if (spec instanceof ElectionSpec election) {
      return marks instanceof ElectionMarks m ? electionProblem(election, m) : shape("election");
    }
    if (spec instanceof RatingSpec rating) {
      return marks instanceof RatingMarks m
          ? unknownKey("marks", itemIds(rating.items()), m.marks().keySet(), "item")
          : shape("rating");
    }
    Set<String> items =
        itemIds(spec instanceof MotionSpec m ? m.items() : ((SelectionSpec) spec).items());
    return marks instanceof ItemMarks m
        ? unknownKey("marks", items, m.marks().keySet(), "item")
        : shape(spec.kind().name().toLowerCase());
  }

  private static Optional<String> electionProblem(ElectionSpec spec, ElectionMarks marks) {
    Set<String> sections = spec.sections().stream().map(Section::id).collect(Collectors.toSet());
    return unknownKey("marks", sections, marks.marks().keySet(), "section")
        .or(() -> unknownKey("writeIns", sections, marks.writeIns().keySet(), "section"))
        .or(
            () ->
                marks.marks().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> unknownCandidate(spec.section(e.getKey()), e.getValue().keySet()))
                    .flatMap(Optional::stream)
                    .findFirst());
  }

  private static Optional<String> unknownCandidate(Section section, Set<String> used) {
    Set<String> known =
        section.candidates().stream().map(Candidate::id).collect(Collectors.toSet());
    return unknownKey("marks." + section.id(), known, used, "candidate");
  }

  private static Optional<String> unknownKey(
      String field, Set<String> known, Set<String> used, String what) {
    return used.stream()
        .filter(k -> !known.contains(k))
        .sorted()
        .findFirst()
        .map(k -> field + "." + k + ": unknown " + what + " \"" + k + "\"");
  }

  private static Set<String> itemIds(List<Item> items) {
    return items.stream().map(Item::id).collect(Collectors.toSet());
  }

  private static Optional<String> shape(String kind) {
    return Optional.of("marks: not the marks of a " + kind + " ballot");
  }
}
