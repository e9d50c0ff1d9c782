package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.cluster.DevClusterTls;
import org.votehall.cluster.HazelcastConfigs;
import org.votehall.cluster.SignedRecord;
import org.votehall.cluster.StoredCast;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * A sitting run on two clustered members: check-in, a secret election, a recorded motion, seals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HallIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DEPUTIES = 10;
  private static final List<ClusterNode> nodes = new ArrayList<>();
  private static final List<Ledger> ledgers = new ArrayList<>();
  private static final List<BlindKeyVault> vaults = new ArrayList<>();
  private static final SecretHash.Params FAST = new SecretHash.Params(64, 1, 1);
  private static Hall a;
  private static Hall b;
  private static final List<SigningKey> terminals = new ArrayList<>();
  private static SigningKey nodeKeyA;
  private static SigningKey nodeKeyB;
  private static Path dir;

  @BeforeAll
  static void twoNodesAndASitting() throws Exception {
    int pa = freePort();
    int pb = freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    nodeKeyA = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    nodeKeyB = KeyFiles.readPrivate(Path.of("keys", "dev", "node-2.key"));
    dir = Files.createTempDirectory("hall-it");
    Future<ClusterNode> na =
        ClusterNode.start(
            DevClusterTls.node(
                1, new ClusterSettings("hall-it-" + pa, "127.0.0.1", pa, members, 1)));
    Future<ClusterNode> nb =
        ClusterNode.start(
            DevClusterTls.node(
                2, new ClusterSettings("hall-it-" + pa, "127.0.0.1", pb, members, 1)));
    nodes.add(await(na));
    nodes.add(await(nb));
    ledgers.add(Ledger.open(dir.resolve("a.ledger"), nodeKeyA, null, e -> {}));
    ledgers.add(Ledger.open(dir.resolve("b.ledger"), nodeKeyB, null, e -> {}));
    List<VerifyingKey> trusted = List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey());
    PinHasher pins = new PinHasher(PinPepper.generate(RANDOM), FAST, RANDOM);
    vaults.add(BlindKeyVault.open(dir.resolve("a-blind-keys"), 0, RANDOM));
    vaults.add(BlindKeyVault.open(dir.resolve("b-blind-keys"), 0, RANDOM));
    a =
        await(
            Hall.start(
                nodes.get(0), ledgers.get(0), nodeKeyA, trusted, vaults.get(0), pins, List.of()));
    b =
        await(
            Hall.start(
                nodes.get(1), ledgers.get(1), nodeKeyB, trusted, vaults.get(1), pins, List.of()));

    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= DEPUTIES; i++) {
      roster.add(new Deputy(deputy(i), "代表" + i, pins.hash(pin(i))));
    }
    done(a.sittings().create("s1", "第一次全体会议", roster, Quorum.CONGRESS));
    for (int i = 1; i <= DEPUTIES; i++) {
      terminals.add(SigningKey.generate(RANDOM));
      done(
          (i % 2 == 0 ? a : b)
              .sittings()
              .registerTerminal("s1", terminal(i), terminals.get(i - 1).verifyingKey()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ClusterNode n : nodes) {
      await(n.stop());
    }
    for (Ledger l : ledgers) {
      l.close();
    }
    vaults.forEach(BlindKeyVault::close);
  }

  @Test
  @Order(1)
  void aWholeSittingOnTwoNodes() throws Exception {
    assertRefused(
        Refusal.Code.WRONG_PIN, a.sittings().checkIn("s1", deputy(1), "0000", terminal(1)));
    for (int i = 1; i <= 6; i++) {
      done((i % 2 == 0 ? a : b).sittings().checkIn("s1", deputy(i), pin(i), terminal(i)));
    }
    String election =
        "{\"id\":\"vice-mayor\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(a.ballots().define("s1", election, false));
    assertRefused(Refusal.Code.NO_QUORUM, b.ballots().open("vice-mayor")); // 6 of 10, 7 needed
    done(b.sittings().clerkCheckIn("s1", deputy(7)));
    done(b.ballots().open("vice-mayor"));

    List<String> receipts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Hall via = i % 2 == 0 ? a : b;
      Token token = issue(via, i);
      String marks = "{\"marks\":{\"vice\":{\"c" + (i <= 6 ? 1 : 2) + "\":\"for\"}}}";
      Casting.Receipt r =
          done(
              (i % 3 == 0 ? a : b)
                  .casting()
                  .castSecret("vice-mayor", token.token, token.signature, marks));
      receipts.add(r.receipt());
      Casting.Receipt again =
          done(
              (i % 3 == 0 ? b : a)
                  .casting()
                  .castSecret("vice-mayor", token.token, token.signature, marks));
      assertEquals(
          r.receipt(),
          again.receipt(),
          "an identical retry on the other node gets the same receipt");
      assertTrue(again.retry());
      assertRefused(
          Refusal.Code.ALREADY_VOTED,
          a.casting().castSecret("vice-mayor", token.token, token.signature, "{\"marks\":{}}"));
    }
    assertRefused(Refusal.Code.NOT_CHECKED_IN, issueAt(a, 9)); // deputy 9 never checked in
    assertRefused(
        Refusal.Code.NOT_ISSUED,
        b.casting().castSecret("vice-mayor", "AAAA", "AAAA", "{\"marks\":{}}"));

    JsonNode result = JSON.readTree(done(a.ballots().close("vice-mayor")));
    assertEquals(6, result.get("returned").asInt());
    assertEquals(6, result.get("issued").asInt());
    assertEquals(7, result.get("present").asInt());
    assertEquals(
        "[\"c1\"]",
        result.get("sections").get(0).get("elected").toString()); // 6 of 10 is more than half
    assertRefused(
        Refusal.Code.NOT_OPEN, b.casting().castSecret("vice-mayor", "x", "y", "{\"marks\":{}}"));

    String bundle = b.ballots().bundle("vice-mayor").orElseThrow();
    Verification v =
        new BundleVerifier(List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey()))
            .verify(bundle.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(Verification.Holds.class, v, v::toString);
    for (String receipt : receipts) {
      assertTrue(boxHolds(bundle, receipt), "receipt " + receipt + " is in the published box");
    }
    for (Verification each :
        org.votehall.audit.LedgerAudit.check(
            List.of(dir.resolve("a.ledger"), dir.resolve("b.ledger")),
            List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey()),
            Optional.of(bundle.getBytes(StandardCharsets.UTF_8)))) {
      assertInstanceOf(
          Verification.Holds.class,
          each,
          "the box is exactly what the two ledgers acknowledged: " + each);
    }
    assertTrue(!bundle.contains(deputy(1) + "\",\"marks"), "nothing in the box names a deputy");

    recordedMotion();
  }

  private void recordedMotion() throws Exception {
    String motion =
        "{\"id\":\"budget\",\"kind\":\"motion\",\"members\":10,\"items\":[{\"id\":\"m1\",\"title\":\"预算\"}]}";
    done(b.ballots().define("s1", motion, false));
    done(a.ballots().open("budget"));
    for (int i = 1; i <= 6; i++) {
      ObjectNode marks =
          (ObjectNode)
              JSON.readTree("{\"marks\":{\"m1\":\"" + (i <= 5 ? "for" : "against") + "\"}}");
      String nonce = "n" + i;
      byte[] signed = RecordedCast.signedBytes("budget", deputy(i), marks, nonce);
      String signature =
          Base64.getEncoder()
              .encodeToString(terminals.get(i - 1).sign(SignaturePurpose.RECORDED_CAST, signed));
      done(
          (i % 2 == 0 ? b : a)
              .casting()
              .castRecorded("budget", deputy(i), terminal(i), nonce, marks.toString(), signature));
      if (i == 1) {
        assertRefused(
            Refusal.Code.NOT_CHECKED_IN,
            a.casting()
                .castRecorded(
                    "budget", deputy(1), terminal(2), nonce, marks.toString(), signature));
        assertRefused(
            Refusal.Code.BAD_SIGNATURE,
            a.casting()
                .castRecorded(
                    "budget", deputy(1), terminal(1), "other", marks.toString(), signature));
      }
    }
    JsonNode result = JSON.readTree(done(b.ballots().close("budget")));
    assertEquals(5, result.get("items").get(0).get("for").asInt());
    assertEquals(
        "failed",
        result.get("items").get(0).get("outcome").asText(),
        "5 of 10 is not more than half");
    String bundle = a.ballots().bundle("budget").orElseThrow();
    Verification v =
        new BundleVerifier(List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey()))
            .verify(bundle.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(Verification.Holds.class, v, v::toString);
  }

  @Test
  @Order(2)
  void whatARogueMemberWritesIntoTheMapsIsNeverCounted() throws Exception {
    String election =
        "{\"id\":\"rogue\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(a.ballots().define("s1", election, false));
    done(a.ballots().open("rogue"));
    List<Token> tokens = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Token token = issue(i % 2 == 0 ? a : b, i, "rogue");
      tokens.add(token);
      done(
          (i % 2 == 0 ? b : a)
              .casting()
              .castSecret(
                  "rogue",
                  token.token,
                  token.signature,
                  "{\"marks\":{\"vice\":{\"c1\":\"for\"}}}"));
    }
    // Anyone on the member port can write the maps: change one vote, delete another, register a
    // terminal of their own and mark an absent deputy present at it.
    HazelcastInstance rogue = nodes.get(1).hazelcast();
    IMap<String, StoredCast> box = rogue.getMap(HazelcastConfigs.VOTING_MAPS + "casts.rogue");
    StoredCast honest = box.get(tokens.get(0).token);
    String changed = honest.content().replace("\"c1\":\"for\"", "\"c1\":\"against\"");
    box.put(
        tokens.get(0).token,
        new StoredCast(
            honest.voter(),
            honest.marks().replace("for", "against"),
            changed,
            Sha256.hex(changed.getBytes(StandardCharsets.UTF_8)),
            honest.acceptance()));
    box.remove(tokens.get(1).token);
    SigningKey rogueTerminal = SigningKey.generate(RANDOM);
    IMap<String, SignedRecord> terminalsMap =
        rogue.getMap(HazelcastConfigs.VOTING_MAPS + "terminals.s1");
    terminalsMap.put(
        "rogue-1", new SignedRecord(rogueTerminal.verifyingKey().base64(), "x", "AA=="));
    assertRefused(Refusal.Code.UNKNOWN, a.sittings().checkIn("s1", deputy(10), pin(10), "rogue-1"));
    long incidentsBefore = a.incidents().total();

    Outcome<String> closed = a.ballots().close("rogue");
    assertRefused(Refusal.Code.SEAL_REFUSED, closed);
    String why = ((Outcome.Refused<String>) closed).refusal().message();
    assertTrue(why.contains("not in the box"), why);
    assertTrue(a.incidents().total() > incidentsBefore, "the difference is an incident");
    assertEquals(Optional.empty(), a.ballots().bundle("rogue"), "nothing was sealed");
    assertEquals(BallotState.Status.CLOSING, a.ballots().get("rogue").orElseThrow().status());
    done(a.ballots().cancel("rogue", "the box was tampered with"));
  }

  @Test
  @Order(3)
  void aDeputyWhoLeftStillCountsAsPresentForTheBallot() throws Exception {
    String election =
        "{\"id\":\"left-early\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(a.ballots().define("s1", election, false));
    done(b.ballots().open("left-early"));
    List<Token> tokens = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      tokens.add(issue(i % 2 == 0 ? a : b, i, "left-early"));
    }
    for (int i = 1; i <= 4; i++) {
      done(a.sittings().leave("s1", deputy(i)));
    }
    for (Token token : tokens) {
      done(
          b.casting()
              .castSecret(
                  "left-early",
                  token.token,
                  token.signature,
                  "{\"marks\":{\"vice\":{\"c2\":\"for\"}}}"));
    }
    JsonNode result = JSON.readTree(done(a.ballots().close("left-early")));
    assertEquals(6, result.get("issued").asInt());
    assertEquals(6, result.get("returned").asInt());
    assertEquals(7, result.get("present").asInt(), "7 were present while it was open");
    assertTrue(result.get("issued").asInt() <= result.get("present").asInt());
    for (int i = 1; i <= 4; i++) {
      done(a.sittings().checkIn("s1", deputy(i), pin(i), terminal(i)));
    }
  }

  @Test
  @Order(4)
  void aClosedBallotWhoseSealWasLostIsSealedAgain() throws Exception {
    String election =
        "{\"id\":\"resealed\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(a.ballots().define("s1", election, false));
    done(a.ballots().open("resealed"));
    for (int i = 1; i <= 3; i++) {
      Token token = issue(i % 2 == 0 ? a : b, i, "resealed");
      done(
          b.casting()
              .castSecret(
                  "resealed",
                  token.token,
                  token.signature,
                  "{\"marks\":{\"vice\":{\"c1\":\"for\"}}}"));
    }
    String first = done(a.ballots().close("resealed"));
    // As if the sealing node had died between committing the close and writing the seal (or a
    // member deleted them): closed, with no result and no bundle.
    HazelcastInstance member = nodes.get(1).hazelcast();
    member.getMap(HazelcastConfigs.VOTING_MAPS + "results").delete("resealed");
    member.getMap(HazelcastConfigs.VOTING_MAPS + "bundles").delete("resealed");
    assertEquals(Optional.empty(), b.ballots().result("resealed"));
    assertRefused(Refusal.Code.CONFLICT, a.ballots().announce("resealed")); // not sealed: wait
    assertEquals(
        JSON.readTree(first),
        JSON.readTree(done(b.ballots().close("resealed"))),
        "closing it again seals it again, with the same result");
    String bundle = b.ballots().bundle("resealed").orElseThrow();
    Verification v =
        new BundleVerifier(List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey()))
            .verify(bundle.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(Verification.Holds.class, v, v::toString);
  }

  @Test
  @Order(5)
  void noResultOfASittingWithScrutineersIsAnnouncedBeforeEnoughCountersigned() throws Exception {
    List<Scrutineers.Scrutineer> panel =
        List.of(
            new Scrutineers.Scrutineer("S1", "王总监", deputy(1)),
            new Scrutineers.Scrutineer("S2", "李监票", null),
            new Scrutineers.Scrutineer("S3", "赵监票", null));
    assertRefused(Refusal.Code.MALFORMED, a.scrutineers().name("s1", 4, panel));
    done(a.scrutineers().name("s1", 2, panel));
    String election =
        "{\"id\":\"scrutinised\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    done(a.ballots().define("s1", election, false));
    assertRefused(Refusal.Code.CONFLICT, a.ballots().open("scrutinised")); // nobody enrolled yet
    List<SigningKey> keys = new ArrayList<>();
    java.time.Instant now = java.time.Instant.now();
    for (String id : List.of("S1", "S2", "S3")) {
      SigningKey key = SigningKey.generate(RANDOM);
      keys.add(key);
      String code = done(b.scrutineers().code("s1", id, now)).code();
      done(a.scrutineers().enrol(code, key.verifyingKey(), now));
      assertRefused(Refusal.Code.BAD_CODE, b.scrutineers().enrol(code, key.verifyingKey(), now));
    }
    String again = done(b.scrutineers().code("s1", "S2", now)).code();
    assertRefused( // one person, one countersignature
        Refusal.Code.CONFLICT, a.scrutineers().enrol(again, keys.get(0).verifyingKey(), now));
    done(b.ballots().open("scrutinised"));
    assertRefused(Refusal.Code.CONFLICT, a.scrutineers().name("s1", 1, panel)); // it is open
    // A rogue member deletes the panel while the ballot is open: it opened with it, and keeps it.
    nodes.get(1).hazelcast().getMap(HazelcastConfigs.VOTING_MAPS + "scrutineers").delete("s1");
    for (int i = 1; i <= 5; i++) {
      Token token = issue(i % 2 == 0 ? a : b, i, "scrutinised");
      done(
          a.casting()
              .castSecret(
                  "scrutinised",
                  token.token,
                  token.signature,
                  "{\"marks\":{\"vice\":{\"c1\":\"for\"}}}"));
    }
    done(a.ballots().close("scrutinised"));
    JsonNode sealedBundle = JSON.readTree(b.ballots().bundle("scrutinised").orElseThrow());
    Countersigning.Sealed sealed = Countersigning.Sealed.of(sealedBundle);
    assertEquals(2, sealed.panel().orElseThrow().required());
    String at =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

    assertRefused(Refusal.Code.AWAITING_COUNTERSIGNATURES, a.ballots().announce("scrutinised"));
    assertRefused( // a tie or runoff only from a result the scrutineers countersigned
        Refusal.Code.CONFLICT,
        a.ballots().followUp("scrutinised", Ballots.FollowUp.RUNOFF, "runoff", true));
    Countersigning.Countersignature byS1 = sealed.countersign("S1", at, keys.get(0));
    assertRefused(
        Refusal.Code.BAD_SIGNATURE,
        a.countersignatures()
            .countersign("scrutinised", sealed.countersign("S2", at, keys.get(0)), now));
    Countersignatures.View one = done(a.countersignatures().countersign("scrutinised", byS1, now));
    assertEquals(Countersignatures.State.AWAITING, one.state());
    assertEquals(
        one,
        done(b.countersignatures().countersign("scrutinised", byS1, now)),
        "the same countersignature again changes nothing");
    assertRefused(
        Refusal.Code.CONFLICT,
        b.countersignatures()
            .countersign(
                "scrutinised", sealed.countersign("S1", "2026-01-01T00:00:00Z", keys.get(0)), now));
    assertRefused(Refusal.Code.AWAITING_COUNTERSIGNATURES, b.ballots().announce("scrutinised"));
    Countersignatures.View two =
        done(
            b.countersignatures()
                .countersign("scrutinised", sealed.countersign("S2", at, keys.get(1)), now));
    assertEquals(Countersignatures.State.COUNTERSIGNED, two.state());
    assertRefused( // a countersigned result is announced, not cancelled
        Refusal.Code.CONFLICT, b.ballots().cancel("scrutinised", "不宣布了"));
    assertEquals(
        List.of("S1", "S2"),
        two.signed().stream().map(x -> x.countersignature().scrutineer()).toList());
    done(a.ballots().announce("scrutinised"));
    assertRefused(
        Refusal.Code.CONFLICT,
        a.countersignatures()
            .countersign("scrutinised", sealed.countersign("S3", at, keys.get(2)), now));

    String served = a.countersignatures().served("scrutinised").orElseThrow();
    Verification v =
        new BundleVerifier(
                List.of(nodeKeyA.verifyingKey(), nodeKeyB.verifyingKey()),
                keys.stream().map(SigningKey::verifyingKey).toList(),
                java.util.OptionalInt.empty())
            .verify(served.getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(Verification.Holds.class, v, v::toString);

    // A refusal: announce is refused for good; the clerk can only cancel (or revote).
    done(a.scrutineers().name("s1", 2, panel)); // named again after the rogue deleted it
    done(a.ballots().define("s1", election.replace("scrutinised", "refused"), false));
    done(a.ballots().open("refused"));
    done(b.ballots().close("refused"));
    Countersigning.Sealed other =
        Countersigning.Sealed.of(JSON.readTree(a.ballots().bundle("refused").orElseThrow()));
    done(
        a.countersignatures()
            .countersign("refused", other.countersign("S1", at, keys.get(0)), now));
    done(
        a.countersignatures()
            .countersign("refused", other.countersign("S2", at, keys.get(1)), now));
    Countersignatures.View refused =
        done(
            b.countersignatures()
                .refuse("refused", other.refuse("S3", at, "发出票数与签到人数不符", keys.get(2)), now));
    assertEquals(Countersignatures.State.REFUSED, refused.state());
    assertRefused(Refusal.Code.COUNTERSIGN_REFUSED, a.ballots().announce("refused"));
    // A rogue member deletes the signed refusal: the ballot's own record still says who refused.
    nodes
        .get(0)
        .hazelcast()
        .getMap(HazelcastConfigs.VOTING_MAPS + "countersignatures.refused")
        .delete("S3");
    assertRefused(Refusal.Code.COUNTERSIGN_REFUSED, b.ballots().announce("refused"));
    done(a.ballots().cancel("refused", "监票人拒绝签名"));
    done(a.scrutineers().name("s1", 0, List.of()));
  }

  private record Token(String token, String signature) {}

  private static Token issue(Hall via, int i) {
    return issue(via, i, "vice-mayor");
  }

  private static Token issue(Hall via, int i, String ballot) {
    String key = done(via.casting().blindKey(ballot));
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(key), RANDOM);
    BlindingClient.Request request = client.request();
    Casting.Issue issued =
        done(via.casting().issue(ballot, deputy(i), terminal(i), key, request.blindedMessage()));
    assertEquals(
        issued,
        done(via.casting().issue(ballot, deputy(i), terminal(i), key, request.blindedMessage())),
        "an identical retry is signed again");
    assertRefused(
        Refusal.Code.ALREADY_ISSUED,
        via.casting()
            .issue(ballot, deputy(i), terminal(i), key, client.request().blindedMessage()));
    byte[] signature = client.finish(request, Base64.getDecoder().decode(issued.blindSignature()));
    return new Token(
        Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()),
        Base64.getEncoder().encodeToString(signature));
  }

  private static Outcome<Casting.Issue> issueAt(Hall via, int i) {
    String key = done(via.casting().blindKey("vice-mayor"));
    return via.casting()
        .issue(
            "vice-mayor",
            deputy(i),
            terminal(i),
            key,
            new BlindingClient(BlindPublicKey.fromBase64(key), RANDOM).request().blindedMessage());
  }

  private static boolean boxHolds(String bundle, String receipt) throws Exception {
    for (JsonNode entry : JSON.readTree(bundle).get("box")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) entry).remove("acceptance");
      String canonical = org.votehall.crypto.CanonicalJson.text(entry.toString());
      if (org.votehall.crypto.Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8))
          .equals(receipt)) {
        return true;
      }
    }
    return false;
  }

  private static String deputy(int i) {
    return String.format("d%03d", i);
  }

  private static String pin(int i) {
    return String.format("%06d", i * 7919);
  }

  private static String terminal(int i) {
    return "t" + i;
  }

  private static <T> T done(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Refused<T> r) {
      throw new AssertionError("refused: " + r.refusal());
    }
    return ((Outcome.Done<T>) outcome).value();
  }

  private static void assertRefused(Refusal.Code code, Outcome<?> outcome) {
    Outcome.Refused<?> r =
        assertInstanceOf(
            Outcome.Refused.class, outcome, () -> "expected " + code + ", got " + outcome);
    assertEquals(code, r.refusal().code(), r.refusal().message());
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
