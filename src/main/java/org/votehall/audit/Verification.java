package org.votehall.audit;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * What checking a bundle or a ledger found: it holds, it fails (with every failure), or the file
 * could not be read. Bytes that were read but are not what they should be fail: that is tampering.
 */
public sealed interface Verification
    permits Verification.Holds, Verification.Fails, Verification.Unreadable {

  /** Every check held; notes say what the check rested on (e.g. which keys were trusted). */
  record Holds(String summary, List<String> notes) implements Verification {
    public Holds {
      notes = List.copyOf(notes);
    }
  }

  /** At least one check failed; each failure states the facts. */
  record Fails(List<String> failures, List<String> notes) implements Verification {
    public Fails {
      failures = List.copyOf(failures);
      notes = List.copyOf(notes);
    }
  }

  /** The file could not be read at all (an I/O error), so nothing could be checked. */
  record Unreadable(String reason) implements Verification {

    /**
     * Why {@code file} could not be read; an I/O exception's own message is often the path alone.
     */
    public static Unreadable of(Path file, IOException e) {
      if (e instanceof NoSuchFileException) {
        return new Unreadable(file + ": no such file");
      }
      if (e instanceof AccessDeniedException) {
        return new Unreadable(file + ": not allowed to read it");
      }
      if (Files.isDirectory(file)) {
        return new Unreadable(file + ": a directory, not a file");
      }
      String message = String.valueOf(e.getMessage());
      return new Unreadable(message.startsWith(file.toString()) ? message : file + ": " + message);
    }
  }
}
