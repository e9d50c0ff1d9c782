package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.votehall.crypto.SigningKey;

/**
 * A node's append-only ledger. An append is acknowledged (its future completes) only once it is on
 * disk: one writer thread takes every append waiting, writes them in one go and forces the file
 * once for the whole batch (group commit). Checkpoints, signed with the node key, are written on
 * demand and, if asked, periodically.
 */
public final class Ledger implements AutoCloseable {
  public static final String CHECKPOINT = "checkpoint";
  private static final int MAX_BATCH = 4096;

  private final FileChannel channel;
  private final SigningKey nodeKey;
  private final Recovery recovery;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final long checkpointNanos;
  private volatile boolean closed;
  private long seq;
  private String head;
  private long lastCheckpointSeq;
  private long forces;
  private volatile BatchObserver observer = (entries, forceNanos) -> {};
  private volatile boolean writable = true;

  /** Told of every batch written: how many entries, and how long forcing it to disk took. */
  public interface BatchObserver {
    void written(int entries, long forceNanos);
  }

  /** What opening found: the entries replayed, the checkpoints, and a torn tail that was cut. */
  public record Recovery(long entries, long tornBytesCut, Optional<Checkpoint> lastCheckpoint) {}

  private record Pending(
      String type,
      ObjectNode payload,
      Optional<String> order,
      CompletableFuture<LedgerEntry> done) {}

  private Ledger(
      FileChannel channel, SigningKey nodeKey, LedgerReader.Scan scan, Duration checkpointEvery) {
    this.channel = channel;
    this.nodeKey = nodeKey;
    this.seq = scan.entries();
    this.head = scan.head();
    List<Checkpoint> cps = scan.checkpoints();
    this.lastCheckpointSeq = cps.isEmpty() ? 0 : cps.get(cps.size() - 1).seq();
    this.recovery =
        new Recovery(
            scan.entries(),
            scan.tornBytes(),
            cps.isEmpty() ? Optional.empty() : Optional.of(cps.get(cps.size() - 1)));
    this.checkpointNanos = checkpointEvery == null ? 0 : checkpointEvery.toNanos();
    this.writer = new Thread(this::writeLoop, "ledger-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens (or creates) a ledger, replaying every entry to {@code replay}. A torn last line is cut;
   * any other break in the chain refuses to open.
   *
   * @param checkpointEvery how often to write a checkpoint while entries arrive, or null for never
   */
  public static Ledger open(
      Path file, SigningKey nodeKey, Duration checkpointEvery, Consumer<LedgerEntry> replay)
      throws IOException, LedgerException {
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      LedgerReader.Scan scan = LedgerReader.read(file, List.of(nodeKey.verifyingKey()), replay);
      if (scan.tornBytes() > 0) {
        channel.truncate(scan.validBytes());
        channel.force(true);
      }
      channel.position(scan.validBytes());
      return new Ledger(channel, nodeKey, scan, checkpointEvery);
    } catch (IOException | LedgerException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Recovery recovery() {
    return recovery;
  }

  /** Appends an event; the future completes when it is durable. */
  public CompletableFuture<LedgerEntry> append(String type, ObjectNode payload) {
    return enqueue(type, payload, Optional.empty());
  }

  /**
   * Appends a secret cast. Within a group-commit batch, such entries are written in the order of
   * {@code token}, not of arrival, so that the ledger keeps no arrival order of secret casts.
   */
  public CompletableFuture<LedgerEntry> appendSecret(
      String type, ObjectNode payload, String token) {
    return enqueue(type, payload, Optional.of(token));
  }

  /** Writes a signed checkpoint over everything appended before it; completes when durable. */
  public CompletableFuture<Checkpoint> checkpoint() {
    return enqueue(CHECKPOINT, null, Optional.empty())
        .thenApply(e -> Checkpoint.fromJson(e.payload()));
  }

  /** Watches the batches from now on (for metrics); replaces the previous observer. */
  public void observe(BatchObserver observer) {
    this.observer = observer;
  }

  /** False after a batch could not be written, until one is; and once closed. */
  public boolean writable() {
    return writable && !closed;
  }

  /** How many times the file was forced: fewer than appends when group commit works. */
  public synchronized long forces() {
    return forces;
  }

  private CompletableFuture<LedgerEntry> enqueue(
      String type, ObjectNode payload, Optional<String> order) {
    CompletableFuture<LedgerEntry> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("The ledger is closed"));
      return done;
    }
    queue.add(new Pending(type, payload == null ? null : payload.deepCopy(), order, done));
    return done;
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    long nextCheckpoint = System.nanoTime() + checkpointNanos;
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(checkpointNanos > 0 ? 50 : 200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        if (checkpointNanos > 0 && System.nanoTime() >= nextCheckpoint) {
          nextCheckpoint = System.nanoTime() + checkpointNanos;
          if (seq > lastCheckpointSeq || !batch.isEmpty()) {
            batch.add(new Pending(CHECKPOINT, null, Optional.empty(), new CompletableFuture<>()));
          }
        }
        if (!batch.isEmpty()) {
          write(batch);
          batch.clear();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, e);
        return;
      } catch (IOException | RuntimeException e) {
        fail(batch, e);
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) throws IOException {
    List<Pending> ordered = BatchOrder.inTokenOrder(batch, Pending::order);
    long startSeq = seq;
    String startHead = head;
    List<LedgerEntry> entries = new ArrayList<>(ordered.size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ordered.size() * 300);
    for (Pending p : ordered) {
      ObjectNode payload =
          p.type().equals(CHECKPOINT) ? Checkpoint.sign(nodeKey, seq, head).toJson() : p.payload();
      EntryCodec.Encoded e = EntryCodec.encode(seq + 1, head, p.type(), payload);
      bytes.write(e.line(), 0, e.line().length);
      entries.add(e.entry());
      seq++;
      head = e.entry().hash();
      if (p.type().equals(CHECKPOINT)) {
        lastCheckpointSeq = seq - 1;
      }
    }
    long startPosition = channel.position();
    long forceNanos;
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      long start = System.nanoTime();
      channel.force(false);
      forceNanos = System.nanoTime() - start;
    } catch (IOException e) {
      writable = false;
      seq = startSeq; // nothing of this batch is acknowledged: take back what reached the file
      head = startHead;
      channel.truncate(startPosition);
      channel.position(startPosition);
      throw e;
    }
    writable = true;
    observer.written(ordered.size(), forceNanos);
    synchronized (this) {
      forces++;
    }
    for (int i = 0; i < ordered.size(); i++) {
      ordered.get(i).done().complete(entries.get(i));
    }
  }

  private static void fail(List<Pending> batch, Exception e) {
    batch.forEach(p -> p.done().completeExceptionally(e));
  }

  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
      channel.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done()
          .completeExceptionally(
              new IllegalStateException("The ledger closed before this was written"));
    }
  }
}
