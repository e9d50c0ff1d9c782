package org.votehall.rules;

import java.util.Optional;

/**
 * What one cast may carry, so that a terminal cannot send a ballot no deputy could write: per
 * election section at most {@code seats + 10} written-in names (enough to over-mark a section as a
 * deputy can on paper, which the rules then count as void, docs/voting-rules.md §2), each at most
 * 64 characters. Checked when a cast arrives; {@code recount} of paper ballot files does not apply
 * it.
 */
public final class CastLimits {
  /** Write-ins a section may carry beyond its seats. */
  public static final int EXTRA_WRITE_INS = 10;

  /** The longest written-in name, in characters (Unicode code points). */
  public static final int NAME_LENGTH = 64;

  private CastLimits() {}

  /** Why these marks carry more than a cast may, if they do. */
  public static Optional<String> problem(BallotSpec spec, Marks marks) {
    if (!(spec instanceof ElectionSpec election) || !(marks instanceof ElectionMarks m)) {
      return Optional.empty();
    }
    for (Section section : election.sections()) {
      var names = m.writeInsIn(section.id());
      int most = section.seats() + EXTRA_WRITE_INS;
      if (names.size() > most) {
        return Optional.of(
            "writeIns."
                + section.id()
                + ": "
                + names.size()
                + " names, at most "
                + most
                + " (seats + "
                + EXTRA_WRITE_INS
                + ")");
      }
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (name.codePointCount(0, name.length()) > NAME_LENGTH) {
          return Optional.of(
              "writeIns."
                  + section.id()
                  + "["
                  + i
                  + "]: a name of at most "
                  + NAME_LENGTH
                  + " characters");
        }
      }
    }
    return Optional.empty();
  }
}
