package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.cluster.DevClusterTls;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * Ledgers witness each other: node B records node A's checkpoints in its own ledger, so when A's
 * ledger is cut behind a checkpoint B saw — and its head file rewritten to match, as whoever holds
 * A's folder could — A refuses to start, naming the checkpoint.
 */
class WitnessIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PinHasher PINS =
      new PinHasher(PinPepper.generate(RANDOM), new SecretHash.Params(64, 1, 1), RANDOM);

  @Test
  void aNodeWhoseLedgerLostAWitnessedCheckpointRefusesToStart() throws Exception {
    Path dir = Files.createTempDirectory("witness-it");
    SigningKey keyA = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    SigningKey keyB = KeyFiles.readPrivate(Path.of("keys", "dev", "node-2.key"));
    List<VerifyingKey> trusted = List.of(keyA.verifyingKey(), keyB.verifyingKey());
    int pa = freePort();
    int pb = freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    String name = "witness-it-" + pa;
    Future<ClusterNode> fa =
        ClusterNode.start(
            DevClusterTls.node(1, new ClusterSettings(name, "127.0.0.1", pa, members, 1)));
    Future<ClusterNode> fb =
        ClusterNode.start(
            DevClusterTls.node(2, new ClusterSettings(name, "127.0.0.1", pb, members, 1)));
    ClusterNode nodeA = await(fa);
    ClusterNode nodeB = await(fb);
    Path ledgerA = dir.resolve("a.ledger");
    Path ledgerB = dir.resolve("b.ledger");
    Ledger a = Ledger.open(ledgerA, keyA, null, e -> {});
    Ledger b = Ledger.open(ledgerB, keyB, null, e -> {});
    BlindKeyVault vaultA = BlindKeyVault.open(dir.resolve("a-keys"), 0, RANDOM);
    BlindKeyVault vaultB = BlindKeyVault.open(dir.resolve("b-keys"), 0, RANDOM);
    Hall hallA = await(Hall.start(nodeA, a, keyA, trusted, vaultA, PINS, List.of()));
    await(Hall.start(nodeB, b, keyB, trusted, vaultB, PINS, List.of()));
    try {
      List<Deputy> roster = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        roster.add(new Deputy("d" + i, "代表" + i, PINS.hash("pin" + i)));
      }
      ensure(hallA.sittings().create("s", "会议", roster, Quorum.CONGRESS));
      for (int i = 1; i <= 3; i++) {
        ensure(hallA.sittings().clerkCheckIn("s", "d" + i));
      }
      a.checkpoint().get(10, TimeUnit.SECONDS);
      awaitLine(ledgerB, "\"type\":\"witnessed\"");
      nodeA.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      a.close();

      cutAfterFirstEntry(ledgerA);
      List<LedgerEntry> replay = new ArrayList<>();
      Ledger cut = Ledger.open(ledgerA, keyA, null, replay::add);
      ClusterNode again =
          await(
              ClusterNode.start(
                  DevClusterTls.node(1, new ClusterSettings(name, "127.0.0.1", pa, members, 1))));
      try {
        ExecutionException refused =
            org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> await(Hall.start(again, cut, keyA, trusted, vaultA, PINS, replay)));
        String why = refused.getCause().getMessage();
        assertTrue(why.contains("lost acknowledged entries") && why.contains("witnessed"), why);
      } finally {
        await(again.stop());
        cut.close();
      }
    } finally {
      await(nodeB.stop());
      b.close();
    }
  }

  /** What someone holding the node's folder does: cut the ledger, and write its head to match. */
  private static void cutAfterFirstEntry(Path ledger) throws Exception {
    String first = Files.readAllLines(ledger, StandardCharsets.UTF_8).get(0);
    Files.writeString(ledger, first + "\n", StandardCharsets.UTF_8);
    String hash =
        first.substring(first.indexOf("\"hash\":\"") + 8, first.indexOf("\"hash\":\"") + 72);
    Files.writeString(
        Ledger.headFile(ledger), "{\"hash\":\"" + hash + "\",\"seq\":1}", StandardCharsets.UTF_8);
  }

  private static void awaitLine(Path ledger, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.readString(ledger, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(ledger + " never held " + text);
  }

  private static void ensure(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Refused<?> r) {
      throw new AssertionError("refused: " + r.refusal());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
