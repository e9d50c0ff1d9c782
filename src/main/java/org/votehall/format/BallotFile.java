package org.votehall.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;

/**
 * Reads a file of ballots, JSON Lines, one marks object per line (docs/formats.md). Blank lines are
 * skipped and are not ballots; every malformed line is reported with its number, never counted.
 */
public final class BallotFile {
  private BallotFile() {}

  /** A line that was refused: its 1-based number in the file and why. */
  public record LineError(long line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  /** The ballots read, and the lines refused; the ballots count only if no line was refused. */
  public record Ballots(List<Marks> marks, List<LineError> errors) {
    public Ballots {
      marks = List.copyOf(marks);
      errors = List.copyOf(errors);
    }
  }

  public static Ballots read(BallotSpec spec, BufferedReader reader) throws IOException {
    List<Marks> marks = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    long number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (line.isBlank() || (number == 1 && line.equals("\uFEFF"))) {
        continue;
      }
      try {
        marks.add(MarksJson.parse(spec, line));
      } catch (MalformedException e) {
        errors.add(new LineError(number, e.getMessage()));
      }
    }
    return new Ballots(marks, errors);
  }
}
