package org.votehall.ledger;

import java.nio.file.Path;
import org.votehall.crypto.KeyFiles;

/**
 * Appends to a ledger as fast as it can, printing {@code ack SEQ} once each append is durable,
 * until it is killed. Run in a child JVM by {@link LedgerCrashTest}.
 */
public final class LedgerCrashDriver {
  private LedgerCrashDriver() {}

  public static void main(String[] args) throws Exception {
    try (Ledger ledger =
        Ledger.open(Path.of(args[0]), KeyFiles.readPrivate(Path.of(args[1])), null, e -> {})) {
      for (int i = 0; ; i++) {
        var ack = ledger.append("cast", LedgerTest.payload(i));
        if (i % 7 == 0) {
          System.out.println("ack " + ack.get().seq());
          System.out.flush();
        }
      }
    }
  }
}
