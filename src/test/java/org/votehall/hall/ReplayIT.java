package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.LedgerEvents;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * A whole cluster lost mid-ballot comes back from the ledger: every acknowledged vote counted once.
 */
class ReplayIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PinHasher PINS =
      new PinHasher(PinPepper.generate(RANDOM), new SecretHash.Params(64, 1, 1), RANDOM);

  @Test
  void aRestartedNodeReplaysItsLedgerAndTheBallotGoesOn() throws Exception {
    Path dir = Files.createTempDirectory("replay-it");
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    SigningKey terminal = SigningKey.generate(RANDOM);
    List<String[]> tokens = new ArrayList<>();

    Running first = start(dir, key);
    Hall hall = first.hall;
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      roster.add(new Deputy("d" + i, "代表" + i, PINS.hash("pin" + i)));
    }
    done(hall.sittings().create("s", "会议", roster, Quorum.CONGRESS));
    done(hall.sittings().registerTerminal("s", "t", terminal.verifyingKey()));
    for (int i = 1; i <= 6; i++) {
      done(hall.sittings().clerkCheckIn("s", "d" + i));
    }
    String spec =
        "{\"id\":\"e\",\"kind\":\"election\",\"members\":6,\"sections\":[{\"id\":\"v\",\"seats\":1,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(hall.ballots().define("s", spec, true));
    done(hall.ballots().open("e"));
    String blindKey = done(hall.casting().blindKey("e"));
    for (int i = 1; i <= 6; i++) {
      done(hall.sittings().leave("s", "d" + i));
      done(hall.sittings().checkIn("s", "d" + i, "pin" + i, "t"));
      tokens.add(issue(hall, blindKey, i));
    }
    for (int i = 0; i < 4; i++) {
      done(
          hall.casting()
              .castSecret(
                  "e", tokens.get(i)[0], tokens.get(i)[1], "{\"marks\":{\"v\":{\"c1\":\"for\"}}}"));
    }
    first.stop(); // the whole cluster is gone

    Running second = start(dir, key);
    assertEquals(List.of(), second.hall.replayed().incidents());
    Hall again = second.hall;
    assertEquals(6, done(again.sittings().attendance("s")).present());
    assertEquals(BallotState.Status.OPEN, again.ballots().get("e").orElseThrow().status());
    assertEquals(4L, again.ballots().progress("e").returned());
    assertEquals(6, again.ballots().progress("e").issued());
    assertEquals(blindKey, done(again.casting().blindKey("e")), "the restarted node's own key");
    assertEquals(List.of(blindKey), again.ballots().get("e").orElseThrow().blindKeys());
    Outcome<Casting.Receipt> twice =
        again
            .casting()
            .castSecret(
                "e", tokens.get(0)[0], tokens.get(0)[1], "{\"marks\":{\"v\":{\"c2\":\"for\"}}}");
    assertEquals(
        Refusal.Code.ALREADY_VOTED, ((Outcome.Refused<Casting.Receipt>) twice).refusal().code());
    done(
        again
            .casting()
            .castSecret(
                "e", tokens.get(4)[0], tokens.get(4)[1], "{\"marks\":{\"v\":{\"c2\":\"for\"}}}"));
    var result = new ObjectMapper().readTree(done(again.ballots().close("e")));
    assertEquals(5, result.get("returned").asInt());
    assertEquals(4, result.get("sections").get(0).get("candidates").get(0).get("for").asInt());
    byte[] bundle = again.ballots().bundle("e").orElseThrow().getBytes(StandardCharsets.UTF_8);
    assertInstanceOf(
        Verification.Holds.class, new BundleVerifier(List.of(key.verifyingKey())).verify(bundle));
    second.stop();
  }

  @Test
  void pendingCountersignaturesSurviveARestartOfTheWholeCluster() throws Exception {
    Path dir = Files.createTempDirectory("replay-it");
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    List<SigningKey> scrutineers =
        List.of(SigningKey.generate(RANDOM), SigningKey.generate(RANDOM));
    Running first = start(dir, key);
    Hall hall = first.hall;
    java.time.Instant now = java.time.Instant.now();
    Countersigning.Sealed sealed =
        Countersigning.Sealed.of(JSON.readTree(closedUnderScrutiny(hall, scrutineers, now, true)));
    done(
        hall.countersignatures()
            .countersign(
                "m", sealed.countersign("S1", "2026-12-01T09:30:00Z", scrutineers.get(0)), now));
    first.stop(); // the whole cluster is gone

    Running second = start(dir, key);
    Hall again = second.hall;
    assertEquals(List.of(), again.replayed().incidents());
    Scrutineers.Panel restored = done(again.scrutineers().panel("s"));
    assertEquals(2, restored.required(), "the latest naming, not the first");
    assertEquals(2L, restored.enrolled(), "the keys are back");
    Countersignatures.View pending = done(again.countersignatures().view("m"));
    assertEquals(Countersignatures.State.AWAITING, pending.state());
    assertEquals("S1", pending.signed().get(0).countersignature().scrutineer());
    assertEquals(
        Refusal.Code.AWAITING_COUNTERSIGNATURES,
        ((Outcome.Refused<?>) again.ballots().announce("m")).refusal().code());
    done(
        again
            .countersignatures()
            .countersign(
                "m", sealed.countersign("S2", "2026-12-01T09:31:00Z", scrutineers.get(1)), now));
    done(again.ballots().announce("m"));
    second.stop();
  }

  /**
   * A node wrote a bundle to its ledger and died before the map had it; another sealed the ballot
   * again and the scrutineers countersigned that one. A restart of the whole cluster that replays
   * the dead node's bundle first still ends with the countersigned one.
   */
  @Test
  void aRestartKeepsTheBundleTheScrutineersSignedWhicheverLedgerComesFirst() throws Exception {
    Path dir = Files.createTempDirectory("replay-it");
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    List<SigningKey> scrutineers =
        List.of(SigningKey.generate(RANDOM), SigningKey.generate(RANDOM));
    Running first = start(dir, key);
    Hall hall = first.hall;
    java.time.Instant now = java.time.Instant.now();
    closedUnderScrutiny(hall, scrutineers, now, false);
    String signedBundle = hall.ballots().bundle("m").orElseThrow();
    Countersigning.Sealed sealed = Countersigning.Sealed.of(JSON.readTree(signedBundle));
    for (int i = 0; i < 2; i++) {
      done(
          hall.countersignatures()
              .countersign(
                  "m",
                  sealed.countersign("S" + (i + 1), "2026-12-01T09:30:00Z", scrutineers.get(i)),
                  now));
    }
    first.stop();
    // The dead node's bundle: the same box, sealed by another node (another signature).
    ObjectNode other = (ObjectNode) JSON.readTree(signedBundle);
    ((ObjectNode) other.get("signature"))
        .put("signature", Base64.getEncoder().encodeToString(new byte[64]));
    String lost = org.votehall.crypto.CanonicalJson.text(other.toString());
    Path deadNode = Files.createTempDirectory("replay-it-dead");
    List<LedgerEntry> replay = new ArrayList<>();
    try (Ledger ledger = Ledger.open(deadNode.resolve("node.ledger"), key, null, e -> {})) {
      append(ledger, new LedgerEvent.BundleSealed("m", lost));
    }
    Ledger.open(deadNode.resolve("node.ledger"), key, null, replay::add).close();

    Running second = start(dir, key, replay);
    Hall again = second.hall;
    assertEquals(List.of(), again.replayed().incidents());
    assertEquals(
        sealed.digest(),
        Countersigning.Sealed.of(JSON.readTree(again.ballots().bundle("m").orElseThrow())).digest(),
        "the bundle the scrutineers signed");
    Countersignatures.View view = done(again.countersignatures().view("m"));
    assertEquals(sealed.digest(), view.bundleDigest());
    assertEquals(2, view.signed().size(), "both countersignatures hold for the bundle kept");
    done(again.ballots().announce("m"));
    second.stop();
  }

  /**
   * A ledger written by hand: an older hand check-in still replays, and a second cast for one
   * voter, a malformed entry and an unknown type are incidents, not a failed start.
   */
  @Test
  void whatAReplayCannotApplyIsAnIncident() throws Exception {
    Path dir = Files.createTempDirectory("replay-it");
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    try (Ledger ledger = Ledger.open(dir.resolve("node.ledger"), key, null, e -> {})) {
      List<LedgerEvent.SittingCreated.Deputy> roster = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        roster.add(new LedgerEvent.SittingCreated.Deputy("d" + i, "代表" + i, "hash" + i));
      }
      append(
          ledger,
          new LedgerEvent.SittingCreated(
              "s", "会议", 3, new LedgerEvent.SittingCreated.Quorum(2, 3, false), roster));
      ledger.append(
          "checked-in", object("{\"sitting\":\"s\",\"deputy\":\"d1\",\"terminal\":\"clerk\"}"));
      append(ledger, new LedgerEvent.CheckedIn("s", "d2", Optional.empty(), List.of()));
      String spec = "{\"id\":\"m\",\"kind\":\"motion\",\"members\":3,\"items\":[{\"id\":\"m1\"}]}";
      append(ledger, new LedgerEvent.BallotDefined("s", "m", spec));
      append(ledger, new LedgerEvent.BallotOpened("m", 2, 0, List.of(), List.of("d1", "d2")));
      append(ledger, recorded("for"));
      append(ledger, recorded("against"));
      ledger.append("issued", object("{\"ballot\":\"m\"}"));
      ledger.append("cast", object("{\"ballot\":\"m\"}")).get();
    }

    Running running = start(dir, key);
    assertEquals(
        List.of(
            "ledger entry 7: a different cast for voter d1 of ballot m is already in the box; both"
                + " are kept in the ledgers, the box keeps the first",
            "ledger entry 8 (issued): deputy: missing; nothing of this entry was replayed",
            "ledger entry 9 (cast): type: not an event type votehall knows; nothing of this entry"
                + " was replayed"),
        running.hall.replayed().incidents());
    assertEquals(9, running.hall.replayed().entries());
    List<Sittings.RosterEntry> present = done(running.hall.sittings().roster("s"));
    assertEquals(
        List.of(true, true, false), present.stream().map(Sittings.RosterEntry::present).toList());
    assertEquals(Sittings.NO_TERMINAL, present.get(0).terminal(), "an older hand check-in");
    assertEquals(BallotState.Status.OPEN, running.hall.ballots().get("m").orElseThrow().status());
    assertEquals(1L, running.hall.ballots().progress("m").returned());
    running.stop();
  }

  /**
   * A sitting of three, all present, with scrutineers S1 and S2 (both required, their keys
   * enrolled; {@code renamed}: after a first naming of S1 alone), and motion m opened and closed:
   * its bundle.
   */
  private static String closedUnderScrutiny(
      Hall hall, List<SigningKey> scrutineers, java.time.Instant now, boolean renamed) {
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      roster.add(new Deputy("d" + i, "代表" + i, PINS.hash("pin" + i)));
    }
    done(hall.sittings().create("s", "会议", roster, Quorum.CONGRESS));
    for (int i = 1; i <= 3; i++) {
      done(hall.sittings().clerkCheckIn("s", "d" + i));
    }
    if (renamed) {
      done(hall.scrutineers().name("s", 1, List.of(new Scrutineers.Scrutineer("S1", "旧名", null))));
    }
    List<Scrutineers.Scrutineer> panel =
        List.of(
            new Scrutineers.Scrutineer("S1", "王总监", "d1"),
            new Scrutineers.Scrutineer("S2", "李监票", null));
    done(hall.scrutineers().name("s", 2, panel));
    for (int i = 0; i < 2; i++) {
      String code = done(hall.scrutineers().code("s", "S" + (i + 1), now)).code();
      done(hall.scrutineers().enrol(code, scrutineers.get(i).verifyingKey(), now));
    }
    String spec = "{\"id\":\"m\",\"kind\":\"motion\",\"members\":3,\"items\":[{\"id\":\"m1\"}]}";
    done(hall.ballots().define("s", spec, true));
    done(hall.ballots().open("m"));
    done(hall.ballots().close("m"));
    return hall.ballots().bundle("m").orElseThrow();
  }

  private static LedgerEvent recorded(String mark) throws Exception {
    ObjectNode marks = object("{\"marks\":{\"m1\":\"" + mark + "\"}}");
    return new LedgerEvent.RecordedCastKept(
        "m", new RecordedCast("d1", "t", "n-" + mark, marks, "c2lnbmF0dXJl"));
  }

  private static void append(Ledger ledger, LedgerEvent event) {
    LedgerEvents.Encoded e = LedgerEvents.encode(event);
    ledger.append(e.type(), e.payload());
  }

  private static ObjectNode object(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  private static String[] issue(Hall hall, String blindKey, int i) {
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(blindKey), RANDOM);
    BlindingClient.Request request = client.request();
    Casting.Issue issued =
        done(hall.casting().issue("e", "d" + i, "t", blindKey, request.blindedMessage()));
    byte[] sig = client.finish(request, Base64.getDecoder().decode(issued.blindSignature()));
    return new String[] {
      Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()),
      Base64.getEncoder().encodeToString(sig)
    };
  }

  private record Running(ClusterNode node, Ledger ledger, BlindKeyVault vault, Hall hall) {
    void stop() throws Exception {
      await(node.stop());
      ledger.close();
      vault.close();
    }
  }

  private static Running start(Path dir, SigningKey key) throws Exception {
    return start(dir, key, List.of());
  }

  /** Starts a one-node cluster on {@code dir}, replaying {@code before} first, then its ledger. */
  private static Running start(Path dir, SigningKey key, List<LedgerEntry> before)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ClusterNode node = await(ClusterNode.start(ClusterSettings.single("replay-" + port, port)));
    List<LedgerEntry> replay = new ArrayList<>(before);
    Ledger ledger = Ledger.open(dir.resolve("node.ledger"), key, null, replay::add);
    BlindKeyVault vault = BlindKeyVault.open(dir.resolve("blind-keys"), 0, RANDOM);
    return new Running(
        node, ledger, vault, await(Hall.start(node, ledger, key, vault, PINS, replay)));
  }

  private static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Refused<T> r) {
      throw new AssertionError("refused: " + r.refusal());
    }
    return ((Outcome.Done<T>) outcome).value();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
