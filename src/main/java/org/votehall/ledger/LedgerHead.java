package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.votehall.crypto.CanonicalJson;

/**
 * The head file beside a ledger ({@code node.ledger.head}): canonical {@code {"hash": …, "seq":
 * N}}, the last entry of the last batch written and forced (docs/architecture.md, "The ledger"). A
 * ledger that ends before it, or whose entry {@code seq} has another hash, was cut or rewritten.
 *
 * <p>It is replaced whole (a temporary file renamed over it), so a process that dies leaves the old
 * head or the new one, never half of one. It is forced only at checkpoints and close: a process
 * death keeps the page cache, and after a power loss an older head only asks less of the ledger.
 */
public record LedgerHead(long seq, String hash) {
  public static final String SUFFIX = ".head";

  public LedgerHead {
    if (seq < 0 || hash == null || !hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "A ledger head is an entry number ≥ 0 and a SHA-256 hash in hex [seq: " + seq + "]");
    }
  }

  /** The head file of {@code ledger}: its name with {@code .head} added, in the same folder. */
  public static Path of(Path ledger) {
    return ledger.resolveSibling(ledger.getFileName() + SUFFIX);
  }

  /** The head file's text: canonical JSON, no newline. */
  public String json() {
    return CanonicalJson.text(
        EntryCodec.JSON.createObjectNode().put("seq", seq).put("hash", hash).toString());
  }

  /**
   * Reads the head file of {@code ledger}, if there is one.
   *
   * @throws LedgerException if it is there but is not a head
   */
  public static Optional<LedgerHead> read(Path ledger) throws IOException, LedgerException {
    Path file = of(ledger);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode json = EntryCodec.JSON.readTree(bytes);
      if (json != null
          && json.size() == 2
          && json.path("seq").canConvertToLong()
          && json.path("hash").isTextual()) {
        return Optional.of(new LedgerHead(json.get("seq").asLong(), json.get("hash").asText()));
      }
    } catch (IOException | IllegalArgumentException e) {
      // said below
    }
    throw LedgerException.notWhole(
        0,
        "the head file "
            + file
            + " is not {\"hash\": …, \"seq\": N} ("
            + bytes.length
            + " bytes): it cannot tell whether the ledger was cut");
  }

  /**
   * Replaces the head file of {@code ledger} with this head; {@code force} also forces the file and
   * its folder to disk.
   */
  void write(Path ledger, boolean force) throws IOException {
    Path file = of(ledger);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(json().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      if (force) {
        out.force(true);
      }
    }
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    if (force) {
      forceFolder(file);
    }
  }

  /** Forces a folder, so that a rename in it survives a power loss. */
  static void forceFolder(Path file) throws IOException {
    try (FileChannel dir =
        FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
