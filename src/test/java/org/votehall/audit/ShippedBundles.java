package org.votehall.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;

/**
 * Writes the valid example bundles under {@code src/test/resources/bundles/}, one per kind, signed
 * with the development key {@code keys/dev/node-1.key}. Run once by hand: {@code java -cp
 * target/votehall.jar:target/test-classes org.votehall.audit.ShippedBundles}
 */
public final class ShippedBundles {
  private ShippedBundles() {}

  public static void main(String[] args) throws Exception {
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    Path out = Path.of("src", "test", "resources", "bundles");
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("bundles");
    for (String kind : new String[] {"motion", "election", "selection", "rating"}) {
      BallotRun run = new BallotRun(node, work.resolve(kind + ".ledger"), new SecureRandom());
      byte[] bundle = run.run(Ballots.spec(kind), Ballots.lines(kind, 24, 42), 27, 26);
      Files.write(out.resolve(kind + ".bundle.json"), bundle);
    }
  }
}
