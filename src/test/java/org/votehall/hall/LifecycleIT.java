package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.cluster.DevClusterTls;
import org.votehall.cluster.HazelcastConfigs;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Ledger;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * Ballot lifecycle transitions on three clustered members go through the CP subsystem: clerks on
 * different nodes racing to open, close or cancel one ballot leave it in exactly one state, and a
 * member that rolls the ballot's map record back cannot fork its lifecycle.
 */
class LifecycleIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DEPUTIES = 6;
  private static final List<ClusterNode> nodes = new ArrayList<>();
  private static final List<Ledger> ledgers = new ArrayList<>();
  private static final List<BlindKeyVault> vaults = new ArrayList<>();
  private static final List<Hall> halls = new ArrayList<>();
  private static final ExecutorService clerks = Executors.newFixedThreadPool(3);

  @BeforeAll
  static void threeNodesAndASitting() throws Exception {
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    Path dir = Files.createTempDirectory("lifecycle-it");
    List<Future<ClusterNode>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      starting.add(
          ClusterNode.start(
              DevClusterTls.node(
                  i + 1,
                  new ClusterSettings(
                      "lifecycle-" + ports.get(0), "127.0.0.1", ports.get(i), members, 2))));
    }
    for (Future<ClusterNode> n : starting) {
      nodes.add(await(n));
    }
    List<SigningKey> keys = new ArrayList<>();
    List<VerifyingKey> trusted = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-" + i + ".key"));
      keys.add(key);
      trusted.add(key.verifyingKey());
    }
    PinHasher pins =
        new PinHasher(PinPepper.generate(RANDOM), new SecretHash.Params(64, 1, 1), RANDOM);
    for (int i = 0; i < 3; i++) {
      ledgers.add(Ledger.open(dir.resolve(i + ".ledger"), keys.get(i), null, e -> {}));
      vaults.add(BlindKeyVault.open(dir.resolve(i + "-blind-keys"), 0, RANDOM));
      halls.add(
          await(
              Hall.start(
                  nodes.get(i),
                  ledgers.get(i),
                  keys.get(i),
                  trusted,
                  vaults.get(i),
                  pins,
                  List.of())));
    }
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= DEPUTIES; i++) {
      roster.add(new Deputy("d" + i, "代表" + i, pins.hash("00000" + i)));
    }
    done(halls.get(0).sittings().create("s1", "常委会", roster, Quorum.CONGRESS));
    for (int i = 1; i <= DEPUTIES; i++) {
      done(halls.get(i % 3).sittings().clerkCheckIn("s1", "d" + i));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    clerks.shutdownNow();
    for (ClusterNode n : nodes) {
      await(n.stop());
    }
    for (Ledger l : ledgers) {
      l.close();
    }
    vaults.forEach(BlindKeyVault::close);
  }

  @Test
  void threeNodesUseTheCpSubsystem() {
    nodes.forEach(n -> assertTrue(n.linearizable(), "three members listed: Raft"));
  }

  @Test
  void clerksOnThreeNodesOpeningOneBallotOpenItOnce() throws Exception {
    for (int round = 0; round < 10; round++) {
      String ballot = "open-race-" + round;
      done(halls.get(0).ballots().define("s1", motion(ballot), false));
      long base = System.currentTimeMillis() / 1000 + 3600;
      List<Outcome<BallotState>> outcomes =
          race(i -> () -> halls.get(i).ballots().open(ballot, base + i));
      List<BallotState> opened =
          outcomes.stream()
              .filter(o -> o instanceof Outcome.Done<BallotState>)
              .map(o -> ((Outcome.Done<BallotState>) o).value())
              .toList();
      assertEquals(1, opened.size(), ballot + ": exactly one open wins, got " + outcomes);
      for (Hall hall : halls) {
        BallotState seen = hall.ballots().get(ballot).orElseThrow();
        assertEquals(BallotState.Status.OPEN, seen.status());
        assertEquals(
            opened.get(0).closesAt(), seen.closesAt(), "every node sees the winner's open");
      }
      done(halls.get(round % 3).ballots().cancel(ballot, "test over"));
    }
  }

  @Test
  void aCloseRacingCancelsOnOtherNodesEndsInOneState() throws Exception {
    for (int round = 0; round < 6; round++) {
      String ballot = "close-race-" + round;
      int closer = round % 3;
      done(halls.get(0).ballots().define("s1", motion(ballot), false));
      done(halls.get(1).ballots().open(ballot));
      List<Outcome<?>> outcomes =
          race(
              i ->
                  i == closer
                      ? () -> halls.get(i).ballots().close(ballot)
                      : () -> halls.get(i).ballots().cancel(ballot, "race " + i));
      BallotState end = halls.get(2).ballots().get(ballot).orElseThrow();
      long won = outcomes.stream().filter(o -> o instanceof Outcome.Done<?>).count();
      if (end.status() == BallotState.Status.CANCELLED) {
        assertEquals(1, won, ballot + ": one cancel won, the close refused: " + outcomes);
        halls.forEach(h -> assertTrue(h.ballots().result(ballot).isEmpty(), "no seal"));
      } else {
        assertEquals(BallotState.Status.CLOSED, end.status(), ballot + ": " + outcomes);
        assertEquals(1, won, ballot + ": the close won, both cancels refused: " + outcomes);
        halls.forEach(h -> assertTrue(h.ballots().result(ballot).isPresent(), "sealed"));
      }
    }
  }

  @Test
  void aMemberRollingTheMapBackCannotForkTheLifecycle() throws Exception {
    String ballot = "rollback";
    done(halls.get(0).ballots().define("s1", motion(ballot), false));
    done(halls.get(0).ballots().open(ballot));
    IMap<String, Object> raw =
        nodes.get(2).hazelcast().getMap(HazelcastConfigs.VOTING_MAPS + "ballots");
    Object open = raw.get(ballot);
    done(halls.get(1).ballots().close(ballot));
    raw.set(ballot, open); // a rogue member puts back the (genuinely signed) open record
    assertEquals(
        BallotState.Status.OPEN, halls.get(2).ballots().get(ballot).orElseThrow().status());

    Outcome<BallotState> cancel = halls.get(2).ballots().cancel(ballot, "after the seal");
    Refusal refused = assertInstanceOf(Outcome.Refused.class, cancel).refusal();
    assertEquals(Refusal.Code.CONFLICT, refused.code(), refused.message());
    assertEquals(
        BallotState.Status.CLOSED,
        halls.get(0).ballots().get(ballot).orElseThrow().status(),
        "the refused change put the map back to what Raft committed");
    done(halls.get(2).ballots().announce(ballot));
  }

  private static String motion(String id) {
    return "{\"id\":\""
        + id
        + "\",\"kind\":\"motion\",\"members\":"
        + DEPUTIES
        + ",\"items\":[{\"id\":\"i1\",\"title\":\"议案\"}]}";
  }

  /** Runs one call per node at the same moment. */
  private static <T> List<T> race(java.util.function.IntFunction<Callable<T>> call)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(3);
    List<java.util.concurrent.Future<T>> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Callable<T> c = call.apply(i);
      running.add(
          clerks.submit(
              () -> {
                start.await();
                return c.call();
              }));
    }
    List<T> out = new ArrayList<>();
    for (var f : running) {
      out.add(f.get(120, TimeUnit.SECONDS));
    }
    return out;
  }

  private static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T> d) {
      return d.value();
    }
    throw new AssertionError("refused: " + ((Outcome.Refused<T>) outcome).refusal());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
