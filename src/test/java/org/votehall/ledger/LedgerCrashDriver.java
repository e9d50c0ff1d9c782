package org.votehall.ledger;

import java.nio.file.Path;
import java.util.Random;
import org.votehall.crypto.KeyFiles;

/**
 * Appends to a ledger as fast as it can, printing {@code ack SEQ} once each append is durable,
 * until it is killed; with a third argument {@code secret}, casts secret casts one after another
 * through the spool and prints {@code ack TOKEN} for each. Run in a child JVM by {@link
 * LedgerCrashTest}.
 */
public final class LedgerCrashDriver {
  private LedgerCrashDriver() {}

  public static void main(String[] args) throws Exception {
    boolean secret = args.length > 2 && args[2].equals("secret");
    Random random = new Random();
    try (Ledger ledger =
        Ledger.open(Path.of(args[0]), KeyFiles.readPrivate(Path.of(args[1])), null, e -> {})) {
      for (int i = 0; ; i++) {
        if (secret) {
          String token = LinkingAttackTest.token(random);
          ledger.appendSecret("secret-cast", LinkingAttackTest.cast("b1", token), token).get();
          System.out.println("ack " + token);
          System.out.flush();
          continue;
        }
        var ack = ledger.append("cast", LedgerTest.payload(i));
        if (i % 7 == 0) {
          System.out.println("ack " + ack.get().seq());
          System.out.flush();
        }
      }
    }
  }
}
