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

/**
 * kill -9 a JVM that is appending: every acknowledged entry survives, the torn tail of the batch
 * being written is forgiven (its head file names the last acknowledged batch), and the ledger
 * reopens; acknowledged secret casts survive from the spool, each in the ledger once.
 */
class LedgerCrashTest {
  @TempDir Path dir;

  @Test
  void acknowledgedAppendsSurviveKillNine() throws Exception {
    Path file = dir.resolve("crash.ledger");
    Path key = Path.of("keys", "dev", "node-1.key");
    long lastAck = 0;
    for (int round = 0; round < 3; round++) {
      List<String> acks = killWhileAppending(file, key, "append");
      if (!acks.isEmpty()) {
        lastAck = Math.max(lastAck, Long.parseLong(acks.get(acks.size() - 1)));
      }
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

  @Test
  void acknowledgedSecretCastsSurviveKillNineOnceEach() throws Exception {
    Path file = dir.resolve("secret.ledger");
    Path key = Path.of("keys", "dev", "node-1.key");
    List<String> acknowledged = new java.util.ArrayList<>();
    for (int round = 0; round < 3; round++) {
      acknowledged.addAll(killWhileAppending(file, key, "secret"));
      try (Ledger ledger = Ledger.open(file, KeyFiles.readPrivate(key), null, e -> {})) {
        assertEquals(0, ledger.spooled());
      }
      java.util.Map<String, Integer> inLedger = new java.util.HashMap<>();
      LedgerReader.readWhole(
          file,
          List.of(KeyFiles.readPrivate(key).verifyingKey()),
          e -> inLedger.merge(e.payload().path("token").asText(), 1, Integer::sum));
      for (String token : acknowledged) {
        assertEquals(1, inLedger.getOrDefault(token, 0), "acknowledged cast " + token);
      }
    }
    assertTrue(acknowledged.size() > 100, "acknowledged " + acknowledged.size());
  }

  /**
   * Starts the driver, lets it acknowledge some appends, kills it with SIGKILL; returns what it
   * acknowledged (entry numbers, or the tokens of secret casts).
   */
  private List<String> killWhileAppending(Path file, Path key, String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LedgerCrashDriver.class.getName(),
                file.toString(),
                key.toString(),
                mode)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acks = new java.util.ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      for (int read = 0; read < 200; read++) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        acks.add(line.substring(4));
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    return acks;
  }
}
