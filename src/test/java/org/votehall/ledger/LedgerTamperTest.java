package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.SigningKey;

/**
 * A ledger with a deleted, reordered, edited or forged line stops the reader with a clear error.
 */
class LedgerTamperTest {
  private static final SigningKey NODE = SigningKey.generate(new SecureRandom());
  @TempDir Path dir;
  private Path file;
  private List<String> lines;

  @BeforeEach
  void writeALedger() throws Exception {
    file = dir.resolve("node.ledger");
    try (Ledger ledger = Ledger.open(file, NODE, null, e -> {})) {
      for (int i = 0; i < 8; i++) {
        ledger.append("cast", LedgerTest.payload(i)).get();
        if (i == 3) {
          ledger.checkpoint().get();
        }
      }
    }
    lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    assertEquals(9, lines.size());
  }

  private LedgerException refused(List<String> changed) throws Exception {
    Files.writeString(file, String.join("\n", changed) + "\n", StandardCharsets.UTF_8);
    return assertThrows(
        LedgerException.class,
        () -> LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}));
  }

  @Test
  void theUntouchedLedgerReads() throws Exception {
    assertEquals(9, LedgerReader.readWhole(file, List.of(NODE.verifyingKey()), e -> {}).entries());
  }

  @Test
  void aDeletedLine() throws Exception {
    lines.remove(2);
    LedgerException e = refused(lines);
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("sequence number 4 where 3 was due"), e.getMessage());
  }

  @Test
  void twoLinesSwapped() throws Exception {
    String third = lines.get(2);
    lines.set(2, lines.get(3));
    lines.set(3, third);
    assertEquals(3, refused(lines).line());
  }

  @Test
  void anEditedPayload() throws Exception {
    lines.set(5, lines.get(5).replace("\"n\":4", "\"n\":5"));
    LedgerException e = refused(lines);
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("hash does not match"), e.getMessage());
  }

  @Test
  void anEditedLineWithItsHashRecomputed() throws Exception {
    LedgerEntry original = EntryCodec.decode(lines.get(1).getBytes(StandardCharsets.UTF_8), 2);
    var forged = EntryCodec.encode(2, original.prev(), "cast", LedgerTest.payload(77));
    lines.set(1, new String(forged.line(), StandardCharsets.UTF_8).strip());
    LedgerException e = refused(lines);
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("is not the hash of entry 2"), e.getMessage());
  }

  @Test
  void aNonCanonicalLine() throws Exception {
    lines.set(0, lines.get(0).replace("{\"hash\"", "{ \"hash\""));
    assertTrue(refused(lines).getMessage().contains("not a canonical JSON object"));
  }

  @Test
  void aLineCutShortOrWithBytesAfterItsJsonIsNamedInPlainWords() throws Exception {
    List<String> cut = new ArrayList<>(lines);
    cut.set(2, cut.get(2).substring(0, 40));
    LedgerException e = refused(cut);
    assertEquals(3, e.line());
    assertTrue(e.getMessage().endsWith("not JSON at column 41"), e.getMessage());
    lines.set(4, lines.get(4) + "}x");
    e = refused(lines);
    assertEquals(5, e.line());
    assertTrue(e.getMessage().endsWith("not a canonical JSON object"), e.getMessage());
  }

  @Test
  void aCheckpointSignedByAnotherKey() throws Exception {
    Path other = dir.resolve("other.ledger");
    try (Ledger forger =
        Ledger.open(other, SigningKey.generate(new SecureRandom()), null, e -> {})) {
      for (int i = 0; i < 4; i++) {
        forger.append("cast", LedgerTest.payload(i)).get();
      }
      forger.checkpoint().get();
    }
    List<String> forged = Files.readAllLines(other, StandardCharsets.UTF_8);
    LedgerException e = refused(forged);
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("not signed by a known node key"), e.getMessage());
  }

  @Test
  void aLedgerThatDoesNotReadIsNotOpened() throws Exception {
    lines.remove(4);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    assertThrows(LedgerException.class, () -> Ledger.open(file, NODE, null, e -> {}));
  }
}
