package org.votehall.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.votehall.crypto.BlindSigningKey;

/**
 * Blind-signing keys made ahead of time, so that opening a ballot never waits for an RSA key to be
 * generated: a background thread keeps {@code size} of them ready, each already durable and
 * owner-only in its own file ({@code pool/RANDOM.key}), so that a restart finds them again instead
 * of making new ones. A key taken from the pool is moved (renamed) to a ballot's file by the vault.
 */
final class KeyPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyPool.class);
  static final String KEY = ".key";
  private static final String PARTIAL = ".tmp";

  /** A key ready in the pool, and the file that holds it. */
  record Pooled(Path file, BlindSigningKey key) {}

  private final Path folder;
  private final int size;
  private final SecureRandom random;
  private final ConcurrentLinkedDeque<Pooled> ready = new ConcurrentLinkedDeque<>();
  private final Object wanted = new Object();
  private final Thread filler;
  private volatile boolean closed;

  private KeyPool(Path folder, int size, SecureRandom random) {
    this.folder = folder;
    this.size = size;
    this.random = random;
    this.filler = new Thread(this::fill, "votehall-blind-key-pool");
    filler.setDaemon(true);
    filler.setPriority(Thread.MIN_PRIORITY);
  }

  /**
   * The pool in {@code folder}: the keys a previous run left there, then a thread making more up to
   * {@code size}. A file left half-written by a crash, or a key that does not parse, is deleted: it
   * was never given to a ballot, so nothing is lost.
   */
  static KeyPool open(Path folder, int size, SecureRandom random) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("a pool of " + size + " keys");
    }
    KeyPool pool = new KeyPool(SecretFiles.folder(folder), size, random);
    pool.load();
    if (size > 0) {
      pool.filler.start();
    }
    return pool;
  }

  /** The number of keys ready now. */
  int ready() {
    return ready.size();
  }

  /** A key from the pool, or, if it is empty, one made now (and stored like a pooled key). */
  Pooled take() throws IOException {
    Pooled pooled = ready.pollFirst();
    if (pooled == null) {
      LOG.info("the blind-key pool is empty: making a key now");
      pooled = make();
    }
    synchronized (wanted) {
      wanted.notifyAll();
    }
    return pooled;
  }

  /** Stops the thread, waiting for a key being made; the keys on disk stay for the next run. */
  @Override
  public void close() {
    closed = true;
    synchronized (wanted) {
      wanted.notifyAll();
    }
    try {
      filler.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void load() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(PARTIAL)) {
          Files.delete(file);
        } else if (name.endsWith(KEY)) {
          loadKey(file);
        }
      }
    }
    SecretFiles.force(folder);
  }

  private void loadKey(Path file) throws IOException {
    try {
      ready.add(
          new Pooled(
              file, BlindSigningKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII))));
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      LOG.warn(
          "pooled blind key {} does not parse ({}); it was never used: deleted",
          file,
          e.getMessage());
      Files.delete(file);
    }
  }

  private void fill() {
    while (!closed) {
      synchronized (wanted) {
        while (!closed && ready.size() >= size) {
          try {
            wanted.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      if (closed) {
        return;
      }
      BlindSigningKey key = BlindSigningKey.generate(random);
      if (closed) {
        return; // the vault is closed: its folder may already belong to another
      }
      try {
        ready.addLast(store(key));
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("cannot add a key to the blind-key pool in {}: {}", folder, e.getMessage());
        pause();
      }
    }
  }

  private Pooled make() throws IOException {
    return store(BlindSigningKey.generate(random));
  }

  /** The key written to a partial file, forced, then renamed into the pool. */
  private Pooled store(BlindSigningKey key) throws IOException {
    byte[] name = new byte[16];
    random.nextBytes(name);
    String base = HexFormat.of().formatHex(name);
    Path partial = folder.resolve(base + PARTIAL);
    Path file = folder.resolve(base + KEY);
    SecretFiles.create(partial, BlindKeyVault.fileText(key));
    SecretFiles.move(partial, file);
    return new Pooled(file, key);
  }

  private void pause() {
    synchronized (wanted) {
      try {
        wanted.wait(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
