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
import java.util.function.Predicate;
import org.votehall.crypto.SigningKey;

/**
 * A node's append-only ledger. An append is acknowledged (its future completes) only once it is on
 * disk: one writer thread takes every append waiting, writes them in one go and forces the file
 * once for the whole batch (group commit), then replaces the head file beside it ({@link
 * LedgerHead}), so that a ledger cut afterwards does not open. Checkpoints, signed with the node
 * key, are written on demand and, if asked, periodically.
 *
 * <p>Secret casts go through a mixing spool ({@code node.ledger.spool}): acknowledged once durable
 * there, they move into the ledger a ballot's window at a time, in token order, so that the ledger
 * keeps no arrival order of secret casts even when they come one by one (docs/architecture.md, "The
 * ledger"; docs/threat-model.md, attack (c)).
 */
public final class Ledger implements AutoCloseable {
  private volatile Checkpoint latestCheckpoint;
  public static final String CHECKPOINT = "checkpoint";
  private static final int MAX_BATCH = 4096;

  private final Path file;
  private final FileChannel channel;
  private final SigningKey nodeKey;
  private final Spool spool;
  private final long checkpointNanos;
  private final Mixing mixing;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private Recovery recovery;
  private volatile boolean closed;
  private long seq;
  private String head;
  private long checkpointedSeq; // the entry number of the last checkpoint, 0 if none
  private long forces;
  private volatile int spooled;
  private volatile BatchObserver observer = (entries, forceNanos) -> {};
  private volatile boolean writable = true;

  /** Told of every batch written to the ledger: how many entries, and how long forcing took. */
  public interface BatchObserver {
    void written(int entries, long forceNanos);
  }

  /**
   * What opening found: the entries replayed (with the spooled casts moved in), the torn tail that
   * was cut, the last checkpoint, and how many spooled casts were moved into the ledger.
   */
  public record Recovery(
      long entries, long tornBytesCut, Optional<Checkpoint> lastCheckpoint, int spooledCasts) {}

  /**
   * The mixing window of secret casts: a ballot's spooled casts move into the ledger once {@code
   * casts} of them wait, or once the oldest has waited {@code age}, whichever comes first (and
   * always on {@link #flushSecret}, at close and at open).
   */
  public record Mixing(int casts, Duration age) {
    /** 64 casts or 300 seconds. */
    public static final Mixing DEFAULT = new Mixing(64, Duration.ofSeconds(300));

    public Mixing {
      if (casts < 1 || age == null || age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException(
            "A mixing window needs at least one cast and a positive age [casts: "
                + casts
                + ", age: "
                + age
                + "]");
      }
    }
  }

  private sealed interface Request permits Append, Secret, Flush {
    CompletableFuture<?> done();
  }

  /** An event for the ledger; a null payload is a checkpoint, signed once its place is known. */
  private record Append(String type, ObjectNode payload, CompletableFuture<LedgerEntry> done)
      implements Request {}

  private record Secret(Spool.Cast cast, CompletableFuture<LedgerEntry> done) implements Request {}

  /** Moves the spooled casts of a ballot (or of every ballot) into the ledger. */
  private record Flush(Optional<String> ballot, CompletableFuture<List<LedgerEntry>> done)
      implements Request {}

  /** A batch that is in the ledger and forced, but whose head file could not follow. */
  private static final class HeadNotWritten extends IOException {
    HeadNotWritten(IOException cause) {
      super("the ledger was written but its head file was not: " + cause.getMessage(), cause);
    }
  }

  private Ledger(
      Path file,
      FileChannel channel,
      SigningKey nodeKey,
      Spool spool,
      Duration checkpointEvery,
      Mixing mixing,
      LedgerReader.Scan scan) {
    this.file = file;
    this.channel = channel;
    this.nodeKey = nodeKey;
    this.spool = spool;
    this.checkpointNanos = checkpointEvery == null ? 0 : checkpointEvery.toNanos();
    this.mixing = mixing;
    this.seq = scan.entries();
    this.head = scan.head();
    this.checkpointedSeq = lastCheckpoint(scan).map(c -> c.seq() + 1).orElse(0L);
    this.latestCheckpoint = lastCheckpoint(scan).orElse(null);
    this.spooled = spool.size();
    this.writer = new Thread(this::writeLoop, "ledger-writer");
    writer.setDaemon(true);
  }

  /**
   * Opens (or creates) a ledger with the default mixing window, replaying every entry to {@code
   * replay}.
   *
   * @param checkpointEvery how often to write a checkpoint while entries arrive, or null for never
   * @see #open(Path, SigningKey, Duration, Mixing, Consumer)
   */
  public static Ledger open(
      Path file, SigningKey nodeKey, Duration checkpointEvery, Consumer<LedgerEntry> replay)
      throws IOException, LedgerException {
    return open(file, nodeKey, checkpointEvery, Mixing.DEFAULT, replay);
  }

  /**
   * Opens (or creates) a ledger, replaying every entry to {@code replay}, then moves whatever the
   * spool holds into the ledger (in token order) and replays those entries too. Refuses a ledger
   * whose chain breaks, one that ends before the entry its head file names or holds another hash
   * there (it was cut or rewritten), and a non-empty one without a head file. A torn last line is
   * cut only when the whole lines reach the head: it is the batch that was never acknowledged. On a
   * refusal, drop whatever was replayed.
   *
   * @param checkpointEvery how often to write a checkpoint while entries arrive, or null for never
   * @param mixing the mixing window of secret casts ({@link Mixing#DEFAULT}: 64 casts or 300 s)
   */
  public static Ledger open(
      Path file,
      SigningKey nodeKey,
      Duration checkpointEvery,
      Mixing mixing,
      Consumer<LedgerEntry> replay)
      throws IOException, LedgerException {
    if (checkpointEvery != null && (checkpointEvery.isNegative() || checkpointEvery.isZero())) {
      throw new IllegalArgumentException("checkpointEvery must be positive: " + checkpointEvery);
    }
    Optional<LedgerHead> expected = LedgerHead.read(file);
    Spool spool = Spool.open(file);
    FileChannel channel = null;
    try {
      channel =
          OwnerOnly.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Opening opening = new Opening(expected, spool, replay);
      LedgerReader.Scan scan =
          LedgerReader.read(file, List.of(nodeKey.verifyingKey()), opening::accept);
      opening.check(file, scan, channel.size());
      if (scan.tornBytes() > 0) {
        channel.truncate(scan.validBytes());
        channel.force(true);
      }
      channel.position(scan.validBytes());
      spool.dropPresent(opening.present);
      Ledger ledger = new Ledger(file, channel, nodeKey, spool, checkpointEvery, mixing, scan);
      ledger.recover(scan, replay);
      ledger.writer.start();
      return ledger;
    } catch (IOException | LedgerException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      spool.close();
      throw e;
    }
  }

  /** The head file beside {@code ledger}: {@code <ledger file name>.head}. */
  public static Path headFile(Path ledger) {
    return LedgerHead.of(ledger);
  }

  /** The mixing spool beside {@code ledger}: {@code <ledger file name>.spool}. */
  public static Path spoolFile(Path ledger) {
    return Spool.of(ledger);
  }

  /** At open: the spooled casts into the ledger, replayed after the rest; the head forced. */
  private void recover(LedgerReader.Scan scan, Consumer<LedgerEntry> replay) throws IOException {
    List<LedgerEntry> moved = move(ballot -> true);
    moved.forEach(replay);
    new LedgerHead(seq, head).write(file, true);
    recovery = new Recovery(seq, scan.tornBytes(), lastCheckpoint(scan), moved.size());
  }

  private static Optional<Checkpoint> lastCheckpoint(LedgerReader.Scan scan) {
    List<Checkpoint> cps = scan.checkpoints();
    return cps.isEmpty() ? Optional.empty() : Optional.of(cps.get(cps.size() - 1));
  }

  public Recovery recovery() {
    return recovery;
  }

  /** Appends an event; the future completes when it is durable. */
  public CompletableFuture<LedgerEntry> append(String type, ObjectNode payload) {
    Append append = new Append(type, payload.deepCopy(), new CompletableFuture<>());
    return enqueue(append, append.done());
  }

  /**
   * Appends a secret cast through the mixing spool. The future completes once the cast is durable
   * in the spool (acknowledged), with the entry as it will be written but with no place yet: seq 0
   * and empty {@code prev} and {@code hash}, for its place must not tell when it came. It moves
   * into the ledger with the rest of its ballot's window, in token order: when the {@link Mixing}
   * window is full or old enough, on {@link #flushSecret}, at {@link #close} and at the next open.
   *
   * @param payload must hold the cast's ballot id as a string field {@code "ballot"}
   * @throws IllegalArgumentException if it does not, or {@code token} is null
   */
  public CompletableFuture<LedgerEntry> appendSecret(
      String type, ObjectNode payload, String token) {
    Spool.Cast cast = Spool.Cast.of(type, payload.deepCopy(), token, System.nanoTime());
    Secret secret = new Secret(cast, new CompletableFuture<>());
    return enqueue(secret, secret.done());
  }

  /**
   * Moves every spooled secret cast of {@code ballot} into the ledger (in token order); completes
   * with the entries moved, in ledger order, once they are durable there. The hall calls it when a
   * ballot is fenced, before its close is written: a ballot's casts are all in the ledger before
   * its close.
   */
  public CompletableFuture<List<LedgerEntry>> flushSecret(String ballot) {
    Flush flush = new Flush(Optional.of(ballot), new CompletableFuture<>());
    return enqueue(flush, flush.done());
  }

  /** How many secret casts wait in the spool. */
  public int spooled() {
    return spooled;
  }

  /** Writes a signed checkpoint over everything appended before it; completes when durable. */
  public CompletableFuture<Checkpoint> checkpoint() {
    Append checkpoint = new Append(CHECKPOINT, null, new CompletableFuture<>());
    return enqueue(checkpoint, checkpoint.done()).thenApply(e -> Checkpoint.fromJson(e.payload()));
  }

  /** Watches the ledger's batches from now on (for metrics); replaces the previous observer. */
  public void observe(BatchObserver observer) {
    this.observer = observer;
  }

  /** False after a batch could not be written, until one is; and once closed. */
  public boolean writable() {
    return writable && !closed;
  }

  /** How many times the ledger was forced: fewer than appends when group commit works. */
  public synchronized long forces() {
    return forces;
  }

  private <T> CompletableFuture<T> enqueue(Request request, CompletableFuture<T> done) {
    if (closed) {
      done.completeExceptionally(new IllegalStateException("The ledger is closed"));
      return done;
    }
    queue.add(request);
    return done;
  }

  private void writeLoop() {
    List<Request> batch = new ArrayList<>();
    long nextCheckpoint = System.nanoTime() + checkpointNanos;
    while (!closed || !queue.isEmpty()) {
      try {
        Request first = queue.poll(checkpointNanos > 0 ? 50 : 200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        if (checkpointNanos > 0 && System.nanoTime() >= nextCheckpoint) {
          nextCheckpoint = System.nanoTime() + checkpointNanos;
          if (seq > checkpointedSeq || batch.stream().anyMatch(Append.class::isInstance)) {
            batch.add(new Append(CHECKPOINT, null, new CompletableFuture<>()));
          }
        }
        handle(batch);
        batch.clear();
        moveDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(batch, e);
        return;
      } catch (RuntimeException e) {
        fail(batch, e);
        batch.clear();
      }
    }
    finish();
  }

  /**
   * Spools the batch's secret casts (so that a flush in it finds them), then writes its events in
   * the order they came, each flush moving its ballot's casts where it stands.
   */
  private void handle(List<Request> batch) {
    spool(batch.stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList());
    List<Append> run = new ArrayList<>();
    for (Request r : batch) {
      if (r instanceof Append a) {
        run.add(a);
      } else if (r instanceof Flush f) {
        writeAppends(run);
        run = new ArrayList<>();
        flush(f);
      }
    }
    writeAppends(run);
  }

  private void spool(List<Secret> secrets) {
    if (secrets.isEmpty()) {
      return;
    }
    try {
      spool.append(secrets.stream().map(Secret::cast).toList());
    } catch (IOException | RuntimeException e) {
      writable = false;
      secrets.forEach(s -> s.done().completeExceptionally(e));
      return;
    }
    writable = true;
    spooled = spool.size();
    for (Secret s : secrets) {
      s.done().complete(new LedgerEntry(0, "", s.cast().type(), s.cast().payload(), ""));
    }
  }

  private void writeAppends(List<Append> run) {
    if (run.isEmpty()) {
      return;
    }
    try {
      List<LedgerEntry> entries = write(run.stream().map(Item::new).toList());
      for (int i = 0; i < run.size(); i++) {
        run.get(i).done().complete(entries.get(i));
      }
    } catch (IOException | RuntimeException e) {
      run.forEach(a -> a.done().completeExceptionally(e));
    }
  }

  private void flush(Flush f) {
    try {
      f.done().complete(move(ballot -> f.ballot().map(ballot::equals).orElse(true)));
    } catch (IOException | RuntimeException e) {
      f.done().completeExceptionally(e);
    }
  }

  /** Moves the windows that are full or old enough; what fails stays spooled for the next try. */
  private void moveDue() {
    long now = System.nanoTime();
    for (String ballot : spool.due(now, mixing.casts(), mixing.age().toNanos())) {
      try {
        move(ballot::equals);
      } catch (IOException | RuntimeException e) {
        writable = false;
      }
    }
  }

  /** On the way out: every spooled cast into the ledger, and the head forced. */
  private void finish() {
    try {
      move(ballot -> true);
      new LedgerHead(seq, head).write(file, true);
    } catch (IOException | RuntimeException e) {
      writable = false; // what could not move stays in the spool, moved at the next open
    }
  }

  /**
   * Moves the spooled casts of the ballots {@code which} selects into the ledger as one batch in
   * token order ({@link BatchOrder}); once that batch is forced, they leave the spool.
   */
  private List<LedgerEntry> move(Predicate<String> which) throws IOException {
    List<Spool.Cast> moving = spool.casts().stream().filter(c -> which.test(c.ballot())).toList();
    if (moving.isEmpty()) {
      return List.of();
    }
    List<Spool.Cast> ordered = BatchOrder.inTokenOrder(moving, c -> Optional.of(c.token()));
    List<LedgerEntry> entries;
    try {
      entries = write(ordered.stream().map(c -> new Item(c.type(), c.payload())).toList());
    } catch (HeadNotWritten e) {
      removeFromSpool(moving); // in the ledger and forced: they must not move twice
      throw e;
    }
    removeFromSpool(moving);
    return entries;
  }

  private void removeFromSpool(List<Spool.Cast> moved) throws IOException {
    try {
      spool.remove(moved);
    } finally {
      spooled = spool.size();
    }
  }

  /** One entry to write; a null payload is a checkpoint over the entry before it. */
  private record Item(String type, ObjectNode payload) {
    Item(Append a) {
      this(a.type(), a.payload());
    }
  }

  /**
   * Writes entries as one batch: the bytes, one force, then the head file (forced too when the
   * batch holds a checkpoint). A batch that does not reach the disk is taken back whole.
   */
  private List<LedgerEntry> write(List<Item> items) throws IOException {
    long startSeq = seq;
    String startHead = head;
    long startCheckpointed = checkpointedSeq;
    boolean checkpoint = false;
    Checkpoint signed = null;
    List<LedgerEntry> entries = new ArrayList<>(items.size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(items.size() * 300);
    for (Item item : items) {
      ObjectNode payload =
          item.payload() == null ? Checkpoint.sign(nodeKey, seq, head).toJson() : item.payload();
      EntryCodec.Encoded e = EntryCodec.encode(seq + 1, head, item.type(), payload);
      bytes.write(e.line(), 0, e.line().length);
      entries.add(e.entry());
      seq++;
      head = e.entry().hash();
      if (item.payload() == null) {
        checkpoint = true;
        checkpointedSeq = seq;
        signed = Checkpoint.fromJson(payload);
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
      checkpointedSeq = startCheckpointed;
      channel.truncate(startPosition);
      channel.position(startPosition);
      throw e;
    }
    synchronized (this) {
      forces++;
    }
    observer.written(items.size(), forceNanos);
    try {
      new LedgerHead(seq, head).write(file, checkpoint);
    } catch (IOException e) {
      writable = false; // written and forced, so kept; but not acknowledged
      throw new HeadNotWritten(e);
    }
    writable = true;
    if (signed != null) {
      latestCheckpoint = signed;
    }
    return entries;
  }

  /** The newest signed checkpoint in the ledger, if any: for peers to witness. */
  public Optional<Checkpoint> lastCheckpoint() {
    return Optional.ofNullable(latestCheckpoint);
  }

  private static void fail(List<Request> batch, Exception e) {
    batch.forEach(r -> r.done().completeExceptionally(e));
  }

  /**
   * Stops the writer once everything queued is written, moves every spooled cast into the ledger
   * and forces the head file.
   */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
      channel.close();
      spool.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Request> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, new IllegalStateException("The ledger closed before this was written"));
  }
}
