package org.votehall.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets: created owner-only (never made so afterwards, so no other user can read
 * them even for a moment), and forced to disk, their folder too, before anyone is told they exist.
 * Where the file system has no POSIX permissions, the folder's own protection applies.
 */
final class SecretFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  /** Creates the folder owner-only if it does not exist yet. */
  static Path folder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(
          folder,
          POSIX
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)}
              : new FileAttribute<?>[0]);
    }
    return folder;
  }

  /** Writes a new file (it must not exist), owner-only, and forces its bytes to disk. */
  static void create(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeAll(channel, content);
      channel.force(true);
    }
  }

  /** Appends to a file made owner-only when first created, and forces it to disk. */
  static void append(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      writeAll(channel, content);
      channel.force(true);
    }
  }

  /** Renames within one file system, atomically; then both folders are forced. */
  static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    force(to.getParent());
    if (!from.getParent().equals(to.getParent())) {
      force(from.getParent());
    }
  }

  /**
   * Forces a folder's entries (a file created, renamed or deleted in it) to disk. Systems that
   * cannot open a folder (Windows) have no POSIX permissions either; there it is skipped.
   */
  static void force(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (POSIX) {
        throw e;
      }
    }
  }

  static boolean posix() {
    return POSIX;
  }

  static Set<PosixFilePermission> ownerOnly() {
    return FILE;
  }

  private static FileChannel open(Path file, OpenOption... options) throws IOException {
    Set<OpenOption> set = Set.of(options);
    return POSIX
        ? FileChannel.open(file, set, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, set);
  }

  private static void writeAll(FileChannel channel, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
