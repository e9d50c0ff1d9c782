package org.votehall.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens the node's files so that one it creates is readable by its owner alone (rw-------): the
 * spool holds the arrival order of the secret casts waiting in it, the ledger the roster's (keyed)
 * PIN hashes. A file system without POSIX permissions gets the platform's default.
 */
final class OwnerOnly {
  private OwnerOnly() {}

  static FileChannel open(Path file, OpenOption... options) throws IOException {
    try {
      return FileChannel.open(
          file,
          Set.of(options),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(file, options);
    }
  }
}
