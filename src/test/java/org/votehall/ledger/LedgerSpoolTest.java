package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.SigningKey;

/** The mixing spool of secret casts: acknowledged when durable there, moved in token order. */
class LedgerSpoolTest {
  private static final SigningKey NODE = SigningKey.generate(new SecureRandom());
  private static final Ledger.Mixing NEVER = new Ledger.Mixing(10_000, Duration.ofHours(1));
  @TempDir Path dir;
  private final Random random = new Random(7);

  private List<String> cast(Ledger ledger, String ballot, int casts) throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < casts; i++) {
      String token = LinkingAttackTest.token(random);
      tokens.add(token);
      LedgerEntry ack =
          ledger.appendSecret("secret-cast", LinkingAttackTest.cast(ballot, token), token).get();
      assertEquals(0, ack.seq(), "no place in the ledger yet");
    }
    return tokens;
  }

  /** The secret casts in the ledger, in ledger order, as "ballot token". */
  private static List<String> secretCasts(Path file) throws Exception {
    List<String> casts = new ArrayList<>();
    LedgerReader.readWhole(
        file,
        List.of(NODE.verifyingKey()),
        e -> {
          if (e.type().equals("secret-cast")) {
            casts.add(e.payload().get("ballot").asText() + " " + e.payload().get("token").asText());
          }
        });
    return casts;
  }

  private static List<String> named(String ballot, List<String> tokens) {
    return tokens.stream().map(t -> ballot + " " + t).toList();
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  @Test
  void anAcknowledgedSecretCastIsInTheSpoolNotYetInTheLedger() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      List<String> tokens = cast(ledger, "b1", 3);
      assertEquals(3, ledger.spooled());
      assertEquals(List.of(), secretCasts(file));
      String spool = Files.readString(Ledger.spoolFile(file));
      assertEquals(3, spool.lines().count());
      tokens.forEach(t -> assertTrue(spool.contains(t)));
      assertTrue(!spool.contains("time") && !spool.contains("seq"), spool);
      assertEquals(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
          Files.getPosixFilePermissions(Ledger.spoolFile(file)),
          "only the node's user reads the order of the casts waiting");
    }
  }

  @Test
  void flushSecretMovesOnlyThatBallotsCastsInTokenOrder() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      List<String> first = cast(ledger, "b1", 10);
      List<String> second = cast(ledger, "b2", 5);
      first.addAll(cast(ledger, "b1", 10));
      List<LedgerEntry> moved = ledger.flushSecret("b1").get();
      assertEquals(20, moved.size());
      assertEquals(
          sorted(first),
          moved.stream().map(e -> e.payload().get("token").asText()).toList(),
          "one batch, in token order");
      for (int i = 1; i < moved.size(); i++) {
        assertEquals(moved.get(i - 1).seq() + 1, moved.get(i).seq());
      }
      assertEquals(named("b1", sorted(first)), secretCasts(file));
      assertEquals(5, ledger.spooled());
      String spool = Files.readString(Ledger.spoolFile(file));
      assertEquals(5, spool.lines().count());
      second.forEach(t -> assertTrue(spool.contains(t)));
      assertEquals(List.of(), ledger.flushSecret("b1").get(), "nothing left of b1");
    }
    assertEquals(0, Files.size(Ledger.spoolFile(file)), "close moves the rest");
  }

  @Test
  void aFullWindowMovesOnItsOwn() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger =
        Ledger.open(file, NODE, null, new Ledger.Mixing(8, Duration.ofHours(1)), e -> {})) {
      List<String> b1 = cast(ledger, "b1", 8);
      cast(ledger, "b2", 7);
      awaitSpooled(ledger, 7);
      assertEquals(named("b1", sorted(b1)), secretCasts(file));
    }
  }

  @Test
  void anOldEnoughWindowMovesOnItsOwn() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger =
        Ledger.open(file, NODE, null, new Ledger.Mixing(64, Duration.ofMillis(300)), e -> {})) {
      List<String> tokens = cast(ledger, "b1", 2);
      awaitSpooled(ledger, 0);
      assertEquals(named("b1", sorted(tokens)), secretCasts(file));
    }
  }

  private static void awaitSpooled(Ledger ledger, int left) throws InterruptedException {
    for (int i = 0; i < 200 && ledger.spooled() != left; i++) {
      Thread.sleep(50);
    }
    assertEquals(left, ledger.spooled());
  }

  /** A snapshot of the files while the ledger is open is what a crash (kill -9) leaves. */
  @Test
  void spooledCastsSurviveACrashAndAreReplayedInTokenOrder() throws Exception {
    Path file = dir.resolve("node.ledger");
    Path crashed = dir.resolve("crashed.ledger");
    List<String> tokens;
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      ledger.append("ballot-opened", LedgerTest.payload(0)).get();
      tokens = cast(ledger, "b1", 12);
      LedgerFiles.copyIntact(file, crashed);
    }
    List<LedgerEntry> replayed = new ArrayList<>();
    try (Ledger ledger = Ledger.open(crashed, NODE, null, NEVER, replayed::add)) {
      assertEquals(12, ledger.recovery().spooledCasts());
      assertEquals(13, ledger.recovery().entries());
      assertEquals(0, ledger.spooled());
    }
    assertEquals(13, replayed.size());
    assertEquals(
        sorted(tokens),
        replayed.subList(1, 13).stream().map(e -> e.payload().get("token").asText()).toList());
    assertEquals(named("b1", sorted(tokens)), secretCasts(crashed));
    assertEquals(0, Files.size(Ledger.spoolFile(crashed)));
  }

  /** Killed after the moved casts were forced in the ledger, before the spool was rewritten. */
  @Test
  void castsAlreadyInTheLedgerAreNotMovedTwice() throws Exception {
    Path file = dir.resolve("node.ledger");
    Path staleSpool = dir.resolve("stale.spool");
    List<String> tokens;
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      tokens = cast(ledger, "b1", 6);
      List<String> other = cast(ledger, "b2", 2);
      Files.copy(Ledger.spoolFile(file), staleSpool);
      ledger.flushSecret("b1").get();
      tokens.addAll(other);
    }
    Files.copy(staleSpool, Ledger.spoolFile(file), StandardCopyOption.REPLACE_EXISTING);
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      assertEquals(0, ledger.recovery().spooledCasts());
    }
    List<String> casts = secretCasts(file);
    assertEquals(8, casts.size(), casts.toString());
  }

  @Test
  void aTornLastSpoolLineWasNeverAcknowledgedAndIsCut() throws Exception {
    Path file = dir.resolve("node.ledger");
    Path crashed = dir.resolve("crashed.ledger");
    List<String> tokens;
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      tokens = cast(ledger, "b1", 3);
      LedgerFiles.copyIntact(file, crashed);
    }
    Files.writeString(
        Ledger.spoolFile(crashed), "{\"payload\":{\"ballot\":\"b1\"", StandardOpenOption.APPEND);
    try (Ledger ledger = Ledger.open(crashed, NODE, null, NEVER, e -> {})) {
      assertEquals(3, ledger.recovery().spooledCasts());
    }
    assertEquals(named("b1", sorted(tokens)), secretCasts(crashed));
  }

  @Test
  void aSpoolLineThatDoesNotReadRefusesToOpen() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      ledger.append("cast", LedgerTest.payload(1)).get();
    }
    Files.writeString(Ledger.spoolFile(file), "{\"payload\":{}}\n", StandardCharsets.UTF_8);
    LedgerException e =
        assertThrows(LedgerException.class, () -> Ledger.open(file, NODE, null, x -> {}));
    assertTrue(e.getMessage().startsWith("line 1 of the spool "), e.getMessage());
  }

  @Test
  void aSecretCastNamesItsBallot() throws Exception {
    try (Ledger ledger = Ledger.open(dir.resolve("node.ledger"), NODE, null, e -> {})) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              ledger.appendSecret(
                  "secret-cast", EntryCodec.JSON.createObjectNode().put("token", "t"), "t"));
    }
  }

  @Test
  void checkpointsAndOtherEventsKeepTheirOrderAroundAFlush() throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, NEVER, e -> {})) {
      cast(ledger, "b1", 4);
      var opened = ledger.append("before", LedgerTest.payload(1));
      var flushed = ledger.flushSecret("b1");
      var checkpoint = ledger.checkpoint();
      assertEquals(1, opened.get().seq());
      assertEquals(List.of(2L, 3L, 4L, 5L), flushed.get().stream().map(LedgerEntry::seq).toList());
      assertEquals(5, checkpoint.get().seq());
    }
  }
}
