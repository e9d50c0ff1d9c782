package org.votehall.ledger;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.votehall.crypto.VerifyingKey;

/**
 * Reads a ledger and checks its chain: every line canonical, every hash right, sequence numbers
 * from 1 without a gap, each {@code prev} the hash before it, every checkpoint signed by a known
 * node key over the entry before it. A torn last line (bytes after the last newline, as a crash
 * mid-write leaves) is reported, not read; anything else that breaks the chain stops the reader.
 */
public final class LedgerReader {
  private LedgerReader() {}

  /** What a read found: entries, the head hash, checkpoints, and a torn tail if there was one. */
  public record Scan(
      long entries, String head, List<Checkpoint> checkpoints, long validBytes, long tornBytes) {
    public Scan {
      checkpoints = List.copyOf(checkpoints);
    }
  }

  public static Scan read(Path file, Collection<VerifyingKey> nodeKeys, Consumer<LedgerEntry> each)
      throws IOException, LedgerException {
    Chain chain = new Chain(nodeKeys);
    long valid = 0;
    long offset = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        offset++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        each.accept(chain.add(line.toByteArray()));
        line.reset();
        valid = offset;
      }
    }
    return new Scan(chain.seq, chain.head, chain.checkpoints, valid, offset - valid);
  }

  /** The state of the chain so far, checked one entry at a time. */
  private static final class Chain {
    private final Collection<VerifyingKey> nodeKeys;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private long seq;
    private String head = LedgerEntry.GENESIS;

    Chain(Collection<VerifyingKey> nodeKeys) {
      this.nodeKeys = List.copyOf(nodeKeys);
    }

    LedgerEntry add(byte[] line) throws LedgerException {
      long number = seq + 1;
      LedgerEntry e = EntryCodec.decode(line, number);
      if (e.seq() != number) {
        throw new LedgerException(
            number, "sequence number " + e.seq() + " where " + number + " was due");
      }
      if (!e.prev().equals(head)) {
        throw new LedgerException(
            number, "prev " + e.prev() + " is not the hash of entry " + seq + " (" + head + ")");
      }
      if (e.type().equals(Ledger.CHECKPOINT)) {
        checkpoint(e, number);
      }
      seq = number;
      head = e.hash();
      return e;
    }

    private void checkpoint(LedgerEntry e, long number) throws LedgerException {
      Checkpoint c;
      try {
        c = Checkpoint.fromJson(e.payload());
      } catch (IllegalArgumentException ex) {
        throw new LedgerException(number, "malformed checkpoint: " + ex.getMessage());
      }
      if (c.seq() != seq || !c.head().equals(head)) {
        throw new LedgerException(
            number,
            "checkpoint for entry "
                + c.seq()
                + " does not cover the entry before it ("
                + seq
                + ")");
      }
      if (!c.verify(nodeKeys)) {
        throw new LedgerException(
            number, "checkpoint not signed by a known node key [node: " + c.node() + "]");
      }
      checkpoints.add(c);
    }
  }

  /** Reads a file that must not be torn, for auditors and tests. */
  public static Scan readWhole(
      Path file, Collection<VerifyingKey> nodeKeys, Consumer<LedgerEntry> each)
      throws IOException, LedgerException {
    Scan scan = read(file, nodeKeys, each);
    if (scan.tornBytes() > 0) {
      throw new LedgerException(
          scan.entries() + 1, "torn last line (" + scan.tornBytes() + " bytes without a newline)");
    }
    return scan;
  }
}
