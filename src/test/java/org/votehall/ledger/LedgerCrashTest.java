package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.KeyFiles;

/** kill -9 a JVM that is appending: every acknowledged entry survives, and the ledger reopens. */
class LedgerCrashTest {
  @TempDir Path dir;

  @Test
  void acknowledgedAppendsSurviveKillNine() throws Exception {
    Path file = dir.resolve("crash.ledger");
    Path key = Path.of("keys", "dev", "node-1.key");
    long lastAck = 0;
    for (int round = 0; round < 3; round++) {
      lastAck = Math.max(lastAck, killWhileAppending(file, key));
      List<Long> replayed = new java.util.ArrayList<>();
      try (Ledger ledger =
          Ledger.open(file, KeyFiles.readPrivate(key), null, e -> replayed.add(e.seq()))) {
        assertTrue(
            ledger.recovery().entries() >= lastAck,
            "acknowledged " + lastAck + ", found " + ledger.recovery().entries());
        assertEquals(replayed.size(), ledger.recovery().entries());
      }
    }
    assertTrue(lastAck > 0);
  }

  /**
   * Starts the driver, lets it acknowledge some appends, kills it with SIGKILL; returns the last
   * ack.
   */
  private long killWhileAppending(Path file, Path key) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LedgerCrashDriver.class.getName(),
                file.toString(),
                key.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long last = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      for (int acks = 0; acks < 200; acks++) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        last = Long.parseLong(line.substring(4));
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    return last;
  }
}
