package org.votehall.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expected number of candidates (差额, docs/voting-rules.md §2 and §3), checked when a ballot is
 * defined. These are warnings for the clerk to confirm, not refusals: a session's method may
 * differ.
 */
public final class CandidateCountCheck {
  private CandidateCountCheck() {}

  public static List<String> warnings(BallotSpec spec) {
    List<String> warnings = new ArrayList<>();
    if (spec instanceof ElectionSpec election && election.round() != Round.TIE) {
      List<Section> sections = election.sections();
      for (int i = 0; i < sections.size(); i++) {
        sectionWarning(sections.get(i)).ifPresent(warnings::add);
      }
    }
    if (spec instanceof SelectionSpec selection && selection.round() == Round.FIRST) {
      int k = selection.select();
      int least = (6 * k + 4) / 5; // ⌈1.2 K⌉ in integers
      if (selection.items().size() < least) {
        warnings.add(
            "items: "
                + selection.items().size()
                + " projects for "
                + k
                + " places; at least "
                + least
                + " (⌈1.2 × "
                + k
                + "⌉) are expected");
      }
    }
    return List.copyOf(warnings);
  }

  private static Optional<String> sectionWarning(Section s) {
    int seats = s.seats();
    int least;
    int most;
    switch (s.post()) {
      case CHIEF -> {
        least = seats;
        most = seats + 1;
      }
      case VICE -> {
        least = seats + 1;
        most = seats + 3;
      }
      default -> {
        int extra = RunoffProposal.extra(Post.MEMBER, seats);
        least = seats + extra;
        most = seats + Math.max(extra, seats / 5);
      }
    }
    int n = s.candidates().size();
    boolean chiefSeats = s.post() == Post.CHIEF && seats != 1;
    if (n >= least && n <= most && !chiefSeats) {
      return Optional.empty();
    }
    return Optional.of(
        "sections."
            + s.id()
            + ": a "
            + s.post().name().toLowerCase()
            + " post with "
            + seats
            + (seats == 1 ? " seat" : " seats")
            + " expects "
            + (s.post() == Post.CHIEF ? "one seat and " : "")
            + least
            + " to "
            + most
            + " candidates, it has "
            + n);
  }
}
