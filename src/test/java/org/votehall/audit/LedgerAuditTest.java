package org.votehall.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.cli.Main;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;

/**
 * {@code verify --ledger}: the chain, the checkpoints, and the bundle's checkpoint in the ledger.
 */
class LedgerAuditTest {
  @TempDir Path dir;

  @Test
  void aBallotsLedgerHoldsTheCheckpointItsBundleNames() throws Exception {
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    Path ledger = dir.resolve("node-1.ledger");
    byte[] bundle =
        new BallotRun(node, ledger, new SecureRandom())
            .run(Ballots.ELECTION, Ballots.lines("election", 5, 3), 8, 7);
    Optional<org.votehall.ledger.Checkpoint> checkpoint = BundleVerifier.checkpointOf(bundle);
    assertInstanceOf(
        Verification.Holds.class,
        LedgerAudit.check(ledger, List.of(node.verifyingKey()), checkpoint));

    Path other = dir.resolve("other.ledger");
    new BallotRun(node, other, new SecureRandom())
        .run(Ballots.MOTION, Ballots.lines("motion", 2, 3), 4, 3);
    Verification.Fails fails =
        assertInstanceOf(
            Verification.Fails.class,
            LedgerAudit.check(other, List.of(node.verifyingKey()), checkpoint));
    assertTrue(
        fails.failures().get(0).contains("holds no checkpoint"), fails.failures().toString());

    Path bundleFile = Files.write(dir.resolve("b.json"), bundle);
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "verify",
              bundleFile.toString(),
              "--ledger",
              ledger.toString(),
              "--trust",
              "keys/dev/node-1.pub"
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertEquals(0, code, out.toString());
    assertEquals(
        2, out.toString().lines().filter(l -> l.startsWith("verified: ")).count(), out.toString());

    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ledger));
    lines.remove(3);
    Files.write(ledger, lines);
    Verification broken = LedgerAudit.check(ledger, List.of(node.verifyingKey()), checkpoint);
    assertTrue(
        ((Verification.Fails) broken)
            .failures()
            .get(0)
            .contains("line 4: sequence number 5 where 4 was due"),
        broken.toString());
  }
}
