package org.votehall.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: its socket inodes from
 * {@code /proc/PID/fd}, their addresses from {@code /proc/net/tcp} and {@code tcp6}.
 */
final class Listeners {
  private Listeners() {}

  /** A listening socket: its local address (hex, as /proc writes it) and port. */
  record Listener(String addressHex, int port) {
    /** 127.0.0.1, also as an IPv4-mapped IPv6 address (::ffff:127.0.0.1). */
    boolean loopbackV4() {
      return addressHex.equals("0100007F") || addressHex.equals("0000000000000000FFFF00000100007F");
    }
  }

  static boolean available() {
    return Files.isReadable(Path.of("/proc/net/tcp"))
        && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  static List<Listener> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    List<Listener> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        boolean listening = f[3].equals("0A");
        if (listening && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          out.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    return out;
  }
}
