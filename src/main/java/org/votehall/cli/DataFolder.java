package org.votehall.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.votehall.vault.BlindKeyVault;

/**
 * A node's data folder, locked (an OS file lock on {@code node.lock}) for as long as the node runs:
 * two nodes writing one ledger would lose acknowledged events, so a second node refuses to start.
 * The lock file names the process holding it, for the message; the OS releases the lock when the
 * process ends, however it ends. The node's blind-signing keys live in its {@code blind-keys/}.
 */
final class DataFolder implements AutoCloseable {
  private static final String LOCK = "node.lock";
  static final String BLIND_KEYS = "blind-keys";

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;
  private BlindKeyVault blindKeys;

  private DataFolder(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  Path folder() {
    return folder;
  }

  /** The vault {@link #openBlindKeys} opened. */
  BlindKeyVault blindKeys() {
    return blindKeys;
  }

  /**
   * Opens the node's blind-signing keys ({@code blind-keys/}, owner-only), with a pool of {@code
   * pool} keys made ahead; they are closed with the folder.
   */
  BlindKeyVault openBlindKeys(int pool, SecureRandom random) {
    try {
      blindKeys = BlindKeyVault.open(folder.resolve(BLIND_KEYS), pool, random);
      return blindKeys;
    } catch (IOException e) {
      throw new StartupException(
          "node.dataDir "
              + folder
              + ": the blind-signing keys in "
              + BLIND_KEYS
              + "/ cannot be opened: "
              + e.getMessage());
    }
  }

  /** Creates the folder if needed and locks it, or says why it cannot. */
  static DataFolder lock(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new StartupException(
          "node.dataDir " + folder + " cannot be created: " + e.getMessage());
    }
    if (!Files.isWritable(folder)) {
      throw new StartupException(
          "node.dataDir " + folder + " is not writable: let the user running the node write it");
    }
    Path file = folder.resolve(LOCK);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new StartupException(
            "node.dataDir "
                + folder
                + " is in use by another votehall node"
                + holder
                + ": stop it, or give each node its own node.dataDir");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new DataFolder(folder, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupException("node.dataDir " + folder + ": cannot lock it: " + e.getMessage());
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process (another node in the same JVM)
    }
  }

  private static String holder(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : " (" + text + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing: the first error is the one to tell
      }
    }
  }

  @Override
  public void close() {
    if (blindKeys != null) {
      blindKeys.close();
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the process is stopping; the OS releases the lock anyway
    }
  }
}
