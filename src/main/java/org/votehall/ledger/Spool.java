package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.votehall.crypto.CanonicalJson;

/**
 * The mixing spool beside a ledger ({@code node.ledger.spool}): secret casts that are durable but
 * not yet in the hash-chained ledger (docs/architecture.md, "The ledger"). One canonical JSON line
 * {@code {payload, token, type}} per cast, appended and forced per group commit; nothing in it says
 * when a cast came. Once casts are in the ledger and forced there, the spool is rewritten without
 * them (truncated when none are left, else a temporary file renamed over it). Used by the ledger's
 * writer thread only.
 */
final class Spool implements AutoCloseable {
  static final String SUFFIX = ".spool";

  private final Path file;
  private final List<Cast> casts = new ArrayList<>();
  private FileChannel channel;

  /** A spooled cast; {@code spooledAt} (System.nanoTime) lives in memory only, never on disk. */
  record Cast(String type, ObjectNode payload, String token, String ballot, long spooledAt) {
    static Cast of(String type, ObjectNode payload, String token, long spooledAt) {
      JsonNode ballot = payload.get("ballot");
      if (ballot == null || !ballot.isTextual() || token == null) {
        throw new IllegalArgumentException(
            "A secret cast needs a token and a \"ballot\" field in its payload [type: "
                + type
                + "]");
      }
      return new Cast(type, payload, token, ballot.asText(), spooledAt);
    }

    /** The line in the spool: canonical JSON and a newline. */
    byte[] line() {
      ObjectNode out = EntryCodec.JSON.createObjectNode().put("type", type).put("token", token);
      out.set("payload", payload);
      return (CanonicalJson.text(out.toString()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What the cast is, whatever its place: the same text as a ledger entry with it would hold. */
    String content() {
      return content(type, payload);
    }

    static String content(String type, ObjectNode payload) {
      return type + "\n" + CanonicalJson.text(payload.toString());
    }
  }

  private Spool(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  static Path of(Path ledger) {
    return ledger.resolveSibling(ledger.getFileName() + SUFFIX);
  }

  /**
   * Opens the spool of {@code ledger} (empty if there is none) and reads what it holds. A torn last
   * line was never acknowledged and is cut; a line that does not read refuses to open.
   */
  static Spool open(Path ledger) throws IOException, LedgerException {
    Path file = of(ledger);
    FileChannel channel =
        OwnerOnly.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Spool spool = new Spool(file, channel);
    try {
      byte[] bytes = Files.readAllBytes(file);
      int valid = spool.read(bytes);
      if (valid < bytes.length) {
        channel.truncate(valid);
        channel.force(true);
      }
      channel.position(valid);
      return spool;
    } catch (IOException | LedgerException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Reads every whole line; returns how many bytes they take. */
  private int read(byte[] bytes) throws LedgerException {
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        casts.add(parse(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
        start = i + 1;
      }
    }
    return start;
  }

  private Cast parse(String line) throws LedgerException {
    String problem;
    try {
      JsonNode json = EntryCodec.JSON.readTree(line);
      if (json != null
          && json.path("type").isTextual()
          && json.path("token").isTextual()
          && json.path("payload").isObject()
          && CanonicalJson.text(line).equals(line)) {
        return Cast.of(
            json.get("type").asText(),
            (ObjectNode) json.get("payload"),
            json.get("token").asText(),
            System.nanoTime());
      }
      problem = "not a canonical {payload, token, type}";
    } catch (IOException | IllegalArgumentException e) {
      problem = "not a spooled cast";
    }
    throw LedgerException.notWhole(
        0, "line " + (casts.size() + 1) + " of the spool " + file + ": " + problem);
  }

  /** The casts waiting, in the order they came (which must never reach the ledger). */
  List<Cast> casts() {
    return Collections.unmodifiableList(casts);
  }

  int size() {
    return casts.size();
  }

  /** Appends casts and forces the spool: once this returns they are durable. */
  void append(List<Cast> more) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(more.size() * 600);
    for (Cast c : more) {
      byte[] line = c.line();
      bytes.write(line, 0, line.length);
    }
    long start = channel.position();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      channel.truncate(start); // not acknowledged: take back what reached the file
      channel.position(start);
      throw e;
    }
    casts.addAll(more);
  }

  /**
   * Takes {@code moved} out of the spool, once they are durable in the ledger. They leave memory at
   * once; if the file cannot be rewritten it keeps them, and opening the ledger again finds them in
   * the ledger already and drops them.
   */
  void remove(Collection<Cast> moved) throws IOException {
    Set<Cast> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(moved);
    casts.removeIf(gone::contains);
    rewrite();
  }

  /** Drops, at open, the casts the ledger already holds (moved before a crash cut the rewrite). */
  void dropPresent(Set<String> inLedger) throws IOException {
    if (casts.removeIf(c -> inLedger.contains(c.content()))) {
      rewrite();
    }
  }

  private void rewrite() throws IOException {
    if (casts.isEmpty()) {
      channel.truncate(0);
      channel.position(0);
      channel.force(true);
      return;
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out =
        OwnerOnly.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Cast c : casts) {
        ByteBuffer line = ByteBuffer.wrap(c.line());
        while (line.hasRemaining()) {
          out.write(line);
        }
      }
      out.force(true);
    }
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileChannel replaced = channel; // still open on the old file, which the rename unlinked
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    replaced.close();
    LedgerHead.forceFolder(file);
  }

  /** The ballots whose window is full ({@code count} casts) or old enough ({@code ageNanos}). */
  List<String> due(long now, int count, long ageNanos) {
    Map<String, long[]> windows = new LinkedHashMap<>(); // ballot → {casts, oldest spooledAt}
    for (Cast c : casts) {
      long[] w = windows.computeIfAbsent(c.ballot(), b -> new long[] {0, c.spooledAt()});
      w[0]++;
      w[1] = Math.min(w[1], c.spooledAt());
    }
    List<String> due = new ArrayList<>();
    windows.forEach(
        (ballot, w) -> {
          if (w[0] >= count || now - w[1] >= ageNanos) {
            due.add(ballot);
          }
        });
    return due;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
