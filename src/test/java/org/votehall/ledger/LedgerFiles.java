package org.votehall.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Test fixtures that copy or cut ledgers. An intact copy takes the head file and the spool with the
 * ledger: a ledger copied without its head file does not open (docs/architecture.md, "The ledger").
 */
public final class LedgerFiles {
  private LedgerFiles() {}

  /** Copies a ledger with its head file and spool (those that exist), as a whole node's folder. */
  public static Path copyIntact(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    for (Path beside : new Path[] {Ledger.headFile(from), Ledger.spoolFile(from)}) {
      Path target = to.resolveSibling(to.getFileName() + tail(from, beside));
      if (Files.exists(beside)) {
        Files.copy(beside, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(target);
      }
    }
    return to;
  }

  /** Cuts a file to its first {@code bytes} bytes. */
  public static void cut(Path file, long bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(bytes);
    }
  }

  private static String tail(Path ledger, Path beside) {
    return beside.getFileName().toString().substring(ledger.getFileName().toString().length());
  }
}
