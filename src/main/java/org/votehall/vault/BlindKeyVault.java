package org.votehall.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.votehall.crypto.BlindSigningKey;
import org.votehall.crypto.Sha256;

/**
 * This node's blind-signing keys (RFC 9474), one per secret ballot, in a folder of its own (the
 * node's {@code blind-keys/}): {@code HEX.key} for a ballot, HEX being the SHA-256 of the ballot's
 * id (ids are untrusted text, never part of a path), {@code ballots.index} naming the ballot of
 * each file, and {@code pool/} the keys made ahead of time.
 *
 * <p>A ballot's key is durable, file and folder forced, before {@link #forBallot} returns it, so
 * its public half is published only once the private half would survive a crash; a restarted node
 * finds its key again instead of making a second one (a second key would set apart the few ballots
 * issued under it). A key file that does not parse is refused, never replaced. Files are created
 * owner-only ({@code rw-------}) where the file system has POSIX permissions. The folder is locked
 * while the vault is open: one vault per folder.
 */
public final class BlindKeyVault implements AutoCloseable {
  /** Keys the pool keeps ready unless told otherwise. */
  public static final int DEFAULT_POOL = 4;

  static final String INDEX = "ballots.index";
  static final String POOL = "pool";
  private static final String LOCK = "vault.lock";
  private static final String PREAMBLE =
      "votehall blind-signing key of one secret ballot: secret, never copy it off this node\n";

  private final Path folder;
  private final KeyPool pool;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

  /** One ballot's key, made or read once; its monitor orders the callers asking for it. */
  private static final class Slot {
    private BlindSigningKey key;
  }

  private BlindKeyVault(Path folder, KeyPool pool, FileChannel lockChannel, FileLock lock) {
    this.folder = folder;
    this.pool = pool;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it owner-only if needed) the vault in {@code folder}, with a pool of {@code
   * poolSize} keys kept ready by a background thread (0: every key is made when it is needed).
   */
  public static BlindKeyVault open(Path folder, int poolSize, SecureRandom random)
      throws IOException {
    Path dir = SecretFiles.folder(folder.toAbsolutePath().normalize());
    FileChannel channel =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          dir + " is in use by another blind-key vault: one node per data folder");
    }
    try {
      return new BlindKeyVault(
          dir, KeyPool.open(dir.resolve(POOL), poolSize, random), channel, lock);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  /**
   * This node's key for the ballot: read from its file if there is one, else taken from the pool
   * (or made now if the pool is empty), named in the index and moved to the ballot's file, durable
   * before it is returned. Two callers asking at once get the same key.
   *
   * @throws VaultException if the ballot's file does not parse, or the disk refuses a write
   */
  public BlindSigningKey forBallot(String ballot) {
    Slot slot = slots.computeIfAbsent(checked(ballot), b -> new Slot());
    synchronized (slot) {
      if (slot.key == null) {
        Path file = file(ballot);
        slot.key = Files.exists(file) ? read(ballot, file) : create(ballot, file);
      }
      return slot.key;
    }
  }

  /** This node's key for the ballot if it has one (in memory or on disk); never makes one. */
  public Optional<BlindSigningKey> existing(String ballot) {
    Slot slot = slots.get(checked(ballot));
    if (slot == null) {
      Path file = file(ballot);
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      slot = slots.computeIfAbsent(ballot, b -> new Slot());
    }
    synchronized (slot) {
      if (slot.key == null) {
        Path file = file(ballot);
        slot.key = Files.exists(file) ? read(ballot, file) : null;
      }
      return Optional.ofNullable(slot.key);
    }
  }

  /** The keys ready in the pool now. */
  public int pooled() {
    return pool.ready();
  }

  /** The vault's folder. */
  public Path folder() {
    return folder;
  }

  /** The ballot's key file: the SHA-256 of its id in hex, never a path taken from the id. */
  Path file(String ballot) {
    return folder.resolve(Sha256.hex(ballot.getBytes(StandardCharsets.UTF_8)) + KeyPool.KEY);
  }

  /** Stops the pool's thread and unlocks the folder; the keys stay on disk. */
  @Override
  public void close() {
    pool.close();
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the process anyway
    }
  }

  /** A key file's text: a line saying what it is, then the PKCS#8 PEM. */
  static byte[] fileText(BlindSigningKey key) {
    return (PREAMBLE + key.pem()).getBytes(StandardCharsets.US_ASCII);
  }

  private BlindSigningKey create(String ballot, Path file) {
    try {
      KeyPool.Pooled pooled = pool.take();
      String line =
          file.getFileName()
              + " "
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(ballot.getBytes(StandardCharsets.UTF_8))
              + "\n";
      SecretFiles.append(folder.resolve(INDEX), line.getBytes(StandardCharsets.US_ASCII));
      SecretFiles.move(pooled.file(), file);
      return pooled.key();
    } catch (IOException | UncheckedIOException e) {
      throw new VaultException(
          "cannot store a blind-signing key for ballot "
              + printable(ballot)
              + " in "
              + folder
              + ": "
              + e.getMessage()
              + "; nothing was issued",
          e);
    }
  }

  private static BlindSigningKey read(String ballot, Path file) {
    try {
      return BlindSigningKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new VaultException(
          "the blind-signing key file "
              + file
              + " of ballot "
              + printable(ballot)
              + " does not parse ("
              + e.getMessage()
              + "). It is this node's only key for the ballot and is never replaced: restore the"
              + " file from a backup of the node's data folder",
          e);
    } catch (IOException e) {
      throw new VaultException(
          "the blind-signing key file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String checked(String ballot) {
    if (ballot == null || ballot.isEmpty()) {
      throw new IllegalArgumentException("a ballot id is needed for a blind-signing key");
    }
    return ballot;
  }

  /** The id as it is, if it is a plain id; it is untrusted text bound for a log line otherwise. */
  private static String printable(String ballot) {
    return ballot.matches("[A-Za-z0-9._-]{1,64}")
        ? ballot
        : "(an id of " + ballot.length() + " characters)";
  }
}
