package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.SigningKey;

class LedgerTest {
  private static final SigningKey NODE = SigningKey.generate(new SecureRandom());
  @TempDir Path dir;

  static ObjectNode payload(int i) {
    return EntryCodec.JSON.createObjectNode().put("ballot", "b1").put("n", i).put("text", "代表" + i);
  }

  private Path ledgerWith(int entries) throws Exception {
    Path file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      List<CompletableFuture<LedgerEntry>> acks = new ArrayList<>();
      for (int i = 0; i < entries; i++) {
        acks.add(ledger.append("cast", payload(i)));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      ledger.checkpoint().get();
    }
    return file;
  }

  @Test
  void appendsAreChainedAndReplayedInOrder() throws Exception {
    Path file = ledgerWith(50);
    List<LedgerEntry> replayed = new ArrayList<>();
    try (Ledger ledger = Ledger.open(file, NODE, null, replayed::add)) {
      assertEquals(51, ledger.recovery().entries());
      assertEquals(0, ledger.recovery().tornBytesCut());
      assertEquals(50, ledger.recovery().lastCheckpoint().orElseThrow().seq());
      LedgerEntry next = ledger.append("cast", payload(50)).get();
      assertEquals(52, next.seq());
      assertEquals(replayed.get(50).hash(), next.prev());
    }
    for (int i = 0; i < 50; i++) {
      assertEquals(i + 1, replayed.get(i).seq());
      assertEquals(i, replayed.get(i).payload().get("n").asInt());
    }
    assertEquals(LedgerEntry.GENESIS, replayed.get(0).prev());
    assertEquals("checkpoint", replayed.get(50).type());
  }

  @Test
  void manyConcurrentAppendsShareFewForces() throws Exception {
    Path file = dir.resolve("busy.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      List<CompletableFuture<LedgerEntry>> acks = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    CompletableFuture<LedgerEntry> ack = ledger.append("cast", payload(i));
                    synchronized (acks) {
                      acks.add(ack);
                    }
                  }
                });
        threads.add(thread);
        thread.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      assertTrue(
          ledger.forces() < 2000, "group commit: " + ledger.forces() + " forces for 2000 appends");
    }
    assertEquals(
        2000, LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}).entries());
  }

  @Test
  void aBatchWritesSecretCastsInTokenOrderAndLeavesTheRestInPlace() {
    // Arrival order: event, secret "c", secret "a", event, secret "b".
    List<String> batch = List.of("open", "s:c", "s:a", "close", "s:b");
    List<String> written =
        BatchOrder.inTokenOrder(
            batch,
            x ->
                x.startsWith("s:")
                    ? java.util.Optional.of(x.substring(2))
                    : java.util.Optional.empty());
    assertEquals(List.of("open", "s:a", "s:b", "close", "s:c"), written);
  }

  @Test
  void secretCastsAreAllWrittenAndReadBack() throws Exception {
    Path file = dir.resolve("secret.ledger");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tokens.add(String.format("%08x-%d", new SecureRandom().nextInt(), i));
    }
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      List<CompletableFuture<LedgerEntry>> acks = new ArrayList<>();
      for (String token : tokens) {
        acks.add(ledger.appendSecret("secret-cast", LinkingAttackTest.cast("b1", token), token));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
    }
    List<String> written = new ArrayList<>();
    LedgerReader.readWhole(file, List.of(), e -> written.add(e.payload().get("token").asText()));
    assertEquals(new java.util.TreeSet<>(tokens), new java.util.TreeSet<>(written));
    assertEquals(300, written.size());
  }

  @Test
  void periodicCheckpointsAreWrittenWhileEntriesArrive() throws Exception {
    Path file = dir.resolve("periodic.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, Duration.ofMillis(100), e -> {})) {
      for (int i = 0; i < 5; i++) {
        ledger.append("cast", payload(i)).get();
        Thread.sleep(120);
      }
    }
    LedgerReader.Scan scan = LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {});
    assertTrue(scan.checkpoints().size() >= 2, "checkpoints: " + scan.checkpoints().size());
  }

  @Test
  void aTornLastLineIsReportedAndCutOnReopen() throws Exception {
    Path file = ledgerWith(10);
    long goodSize = Files.size(file);
    String next =
        new String(
            EntryCodec.encode(12, "x".repeat(64), "cast", payload(99)).line(),
            StandardCharsets.UTF_8);
    Files.writeString(file, next.substring(0, next.length() / 2), StandardOpenOption.APPEND);
    LedgerReader.Scan scan = LedgerReader.read(file, List.of(NODE.verifyingKey()), e -> {});
    assertEquals(11, scan.entries());
    assertEquals(next.length() / 2, scan.tornBytes());
    assertThrows(
        LedgerException.class,
        () -> LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}));
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      assertEquals(next.length() / 2, ledger.recovery().tornBytesCut());
      assertEquals(12, ledger.append("cast", payload(11)).get().seq());
    }
    assertTrue(Files.size(file) > goodSize);
    assertEquals(12, LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}).entries());
  }
}
