package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.SigningKey;

/**
 * Attacks (a) and (b) of docs/threat-model.md: a ledger cut at a line boundary or mid-line does not
 * open, because its head file names a later entry; only the torn tail of the last, unacknowledged
 * batch is forgiven.
 */
class LedgerCutTest {
  private static final SigningKey NODE = SigningKey.generate(new SecureRandom());
  @TempDir Path dir;
  private Path file;
  private List<Long> ends; // the byte offset after each entry

  /** 1,000 casts in batches of 20, a checkpoint after every 60 and one at the end: 1,017. */
  @BeforeEach
  void writeALedger() throws Exception {
    file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      for (int i = 0; i < 1000; i += 20) {
        List<CompletableFuture<LedgerEntry>> acks = new ArrayList<>();
        for (int j = i; j < i + 20; j++) {
          acks.add(ledger.append("cast", LedgerTest.payload(j)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        if ((i + 20) % 60 == 0) {
          ledger.checkpoint().get();
        }
      }
      ledger.checkpoint().get();
    }
    ends = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        ends.add((long) i + 1);
      }
    }
    assertEquals(1017, ends.size());
    assertEquals(
        "{\"hash\":\"" + lastHash() + "\",\"seq\":1017}", Files.readString(Ledger.headFile(file)));
  }

  private String lastHash() throws Exception {
    return LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}).head();
  }

  private LedgerException refused() {
    List<LedgerEntry> replayed = new ArrayList<>();
    return assertThrows(LedgerException.class, () -> Ledger.open(file, NODE, null, replayed::add));
  }

  @Test
  void theWholeLedgerOpens() throws Exception {
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      assertEquals(1017, ledger.recovery().entries());
    }
  }

  @Test
  void entriesRemovedAfterACheckpointAreCaught() throws Exception {
    int checkpoint = 976; // the 16th checkpoint: entry 16 * 61
    assertTrue(Files.readAllLines(file).get(checkpoint - 1).contains("\"type\":\"checkpoint\""));
    LedgerFiles.cut(file, ends.get(checkpoint - 1));
    LedgerException e = refused();
    assertEquals(
        "the ledger "
            + file
            + " ends at entry 976 but its head file "
            + Ledger.headFile(file)
            + " names entry 1017: it was cut after entry 976",
        e.getMessage());
    assertEquals(977, e.line());
  }

  @Test
  void everythingAfterTheFirstEntryRemovedIsCaught() throws Exception {
    LedgerFiles.cut(file, ends.get(0));
    assertTrue(refused().getMessage().contains(" ends at entry 1 but its head file "));
  }

  @Test
  void aCutMidLineAtHalfTheLengthIsNotForgivenAsATornTail() throws Exception {
    long half = Files.size(file) / 2;
    assertFalse(ends.contains(half), "mid-line");
    LedgerFiles.cut(file, half);
    long whole = ends.stream().filter(end -> end <= half).count();
    long torn = half - ends.get((int) whole - 1);
    LedgerException e = refused();
    assertEquals(
        "the ledger "
            + file
            + " ends at entry "
            + whole
            + " (then "
            + torn
            + " bytes of a torn line) but its head file "
            + Ledger.headFile(file)
            + " names entry 1017: it was cut after entry "
            + whole,
        e.getMessage());
    assertEquals(half, Files.size(file), "a refused ledger is left as it was, for the auditors");
  }

  @Test
  void theTornTailOfTheLastBatchIsStillForgiven() throws Exception {
    String next =
        new String(
            EntryCodec.encode(1018, lastHash(), "cast", LedgerTest.payload(1000)).line(),
            StandardCharsets.UTF_8);
    Files.writeString(file, next.substring(0, next.length() / 2), StandardOpenOption.APPEND);
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      assertEquals(1017, ledger.recovery().entries());
      assertEquals(next.length() / 2, ledger.recovery().tornBytesCut());
      assertEquals(1018, ledger.append("cast", LedgerTest.payload(1000)).get().seq());
    }
  }

  @Test
  void aLedgerRewrittenToTheSameLengthIsCaught() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Path other = dir.resolve("other.ledger");
    try (Ledger forger = Ledger.open(other, NODE, null, e -> {})) {
      for (int i = 0; i < 1017; i++) {
        forger.append("cast", LedgerTest.payload(5000 + i)).get();
      }
    }
    Files.copy(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    LedgerException e = refused();
    assertTrue(
        e.getMessage()
            .matches(
                "entry 1017 of the ledger .* has hash [0-9a-f]{64} but its head file .* names"
                    + " [0-9a-f]{64}: the ledger was rewritten at or before entry 1017"),
        e.getMessage());
    assertEquals(1017, lines.size());
  }

  @Test
  void aLedgerWithoutItsHeadFileIsRefusedWithWhatToDo() throws Exception {
    String head = Files.readString(Ledger.headFile(file));
    Files.delete(Ledger.headFile(file));
    LedgerException e = refused();
    assertEquals(
        "the ledger "
            + file
            + " holds 1017 entries but there is no head file "
            + Ledger.headFile(file)
            + ", so a cut cannot be ruled out: if the ledger is whole (check it against a backup"
            + " and the peers' ledgers with votehall verify --ledger), write "
            + head
            + " to "
            + Ledger.headFile(file),
        e.getMessage());
    Files.writeString(Ledger.headFile(file), head);
    try (Ledger ledger = Ledger.open(file, NODE, null, x -> {})) {
      assertEquals(1017, ledger.recovery().entries());
    }
  }

  @Test
  void aHeadFileThatDoesNotReadIsRefused() throws Exception {
    Files.writeString(Ledger.headFile(file), "{\"seq\":1017}");
    assertTrue(refused().getMessage().contains("is not {\"hash\": …, \"seq\": N}"));
  }

  @Test
  void aNewLedgerStartsItsHeadFile() throws Exception {
    Path fresh = dir.resolve("fresh.ledger");
    try (Ledger ledger = Ledger.open(fresh, NODE, null, e -> {})) {
      assertEquals(
          "{\"hash\":\"" + LedgerEntry.GENESIS + "\",\"seq\":0}",
          Files.readString(Ledger.headFile(fresh)));
      ledger.append("cast", LedgerTest.payload(1)).get();
      assertTrue(Files.readString(Ledger.headFile(fresh)).endsWith("\"seq\":1}"));
    }
    LedgerFiles.cut(fresh, 0);
    assertThrows(LedgerException.class, () -> Ledger.open(fresh, NODE, null, e -> {}));
  }

  @Test
  void anIntactCopyOpensAndACopyWithoutTheHeadDoesNot() throws Exception {
    Path copy = LedgerFiles.copyIntact(file, dir.resolve("copy.ledger"));
    try (Ledger ledger = Ledger.open(copy, NODE, null, e -> {})) {
      assertEquals(1017, ledger.recovery().entries());
    }
    Path bare = Files.copy(file, dir.resolve("bare.ledger"));
    assertThrows(LedgerException.class, () -> Ledger.open(bare, NODE, null, e -> {}));
  }
}
