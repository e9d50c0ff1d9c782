package org.votehall.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.cli.Main;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerFiles;
import org.votehall.ledger.LedgerReader;

/**
 * {@code verify --ledger}: the chain, the checkpoints, the bundle's checkpoint in the ledger; and
 * several ledgers together: witnessed checkpoints held by their node's ledger (a cut or rewritten
 * ledger is named), and a bundle's casts exactly those the ledgers acknowledged.
 */
class LedgerAuditTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aBallotsLedgerHoldsTheCheckpointItsBundleNames() throws Exception {
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    Path ledger = dir.resolve("node-1.ledger");
    byte[] bundle =
        new BallotRun(node, ledger, new SecureRandom())
            .run(Ballots.ELECTION, Ballots.lines("election", 5, 3), 8, 7);
    Optional<Checkpoint> checkpoint = BundleVerifier.checkpointOf(bundle);
    assertInstanceOf(
        Verification.Holds.class,
        LedgerAudit.check(ledger, List.of(node.verifyingKey()), checkpoint));

    Path other = dir.resolve("other.ledger");
    new BallotRun(node, other, new SecureRandom())
        .run(Ballots.MOTION, Ballots.lines("motion", 2, 3), 4, 3);
    Verification.Fails fails =
        assertInstanceOf(
            Verification.Fails.class,
            LedgerAudit.check(other, List.of(node.verifyingKey()), checkpoint));
    assertTrue(
        fails.failures().get(0).contains("holds no checkpoint"), fails.failures().toString());

    Path bundleFile = Files.write(dir.resolve("b.json"), bundle);
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "verify",
              bundleFile.toString(),
              "--ledger",
              ledger.toString(),
              "--trust",
              "keys/dev/node-1.pub"
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertEquals(0, code, out.toString());
    List<String> verified = out.toString().lines().filter(l -> l.startsWith("verified: ")).toList();
    assertEquals(3, verified.size(), out.toString());
    assertEquals(
        "verified: ledgers together: 0 witnessed checkpoints held by the ledgers of their nodes;"
            + " ballot vice-mayor-2027: the bundle holds the 5 casts the ledgers acknowledged, and"
            + " nothing else",
        verified.get(2));

    List<String> lines = new ArrayList<>(Files.readAllLines(ledger));
    lines.remove(3);
    Files.write(ledger, lines);
    Verification broken = LedgerAudit.check(ledger, List.of(node.verifyingKey()), checkpoint);
    assertTrue(
        ((Verification.Fails) broken)
            .failures()
            .get(0)
            .contains("line 4: sequence number 5 where 4 was due"),
        broken.toString());
  }

  @Test
  void aLedgerCutShorterThanItsHeadFileFails() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    List<String> lines = Files.readAllLines(w.node1());
    Files.write(w.node1(), lines.subList(0, 20));
    Verification.Fails fails =
        assertInstanceOf(
            Verification.Fails.class, LedgerAudit.check(w.node1(), trusted(), Optional.empty()));
    assertEquals(
        List.of(
            w.node1()
                + ": ends at entry 20 but its head file names entry 27: it was cut after entry 20"),
        fails.failures());
  }

  // --- witnessed checkpoints ---

  private static List<VerifyingKey> trusted() throws Exception {
    return List.of(
        WitnessedLedgers.key(1).verifyingKey(),
        WitnessedLedgers.key(2).verifyingKey(),
        WitnessedLedgers.key(3).verifyingKey());
  }

  private static List<Verification> together(Path... ledgers) throws Exception {
    return LedgerAudit.check(List.of(ledgers), trusted(), Optional.empty());
  }

  private static List<String> failures(List<Verification> verdicts) {
    List<String> failures = new ArrayList<>();
    verdicts.stream()
        .filter(Verification.Fails.class::isInstance)
        .forEach(v -> failures.addAll(((Verification.Fails) v).failures()));
    return failures;
  }

  @Test
  void witnessedCheckpointsHeldByTheirNodesLedgerHold() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    List<Verification> verdicts = together(w.node1(), w.node2());
    assertEquals(List.of(), failures(verdicts));
    assertEquals(3, verdicts.size());
    assertEquals(
        "ledgers together: 2 witnessed checkpoints held by the ledgers of their nodes",
        ((Verification.Holds) verdicts.get(2)).summary());
  }

  @Test
  void entriesCutAfterACheckpointAreCaughtByThePeersWitness() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    WitnessedLedgers.cutNode1(w.node1(), 11); // after the first checkpoint
    Checkpoint c = w.second();
    assertEquals(
        List.of(
            w.node1()
                + ": cut or rewritten after entry 11: it does not hold the checkpoint of entry 21"
                + " (head "
                + c.head()
                + ") of node "
                + c.node()
                + " that "
                + w.node2()
                + " witnessed at its entry 2; it ends at entry 11"),
        failures(together(w.node1(), w.node2())));
  }

  @Test
  void everythingCutAfterTheFirstEntryIsCaughtThoughNoCheckpointNamesTheNode() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    WitnessedLedgers.cutNode1(w.node1(), 1);
    List<String> failures = failures(together(w.node1(), w.node2()));
    assertEquals(1, failures.size(), failures.toString());
    assertEquals(
        w.node1()
            + ": cut or rewritten after entry 1, if it is the ledger of node "
            + w.first().node()
            + ": it holds no checkpoint to name its node, nor the checkpoint of entry 10 (head "
            + w.first().head()
            + ") of node "
            + w.first().node()
            + " that "
            + w.node2()
            + " witnessed at its entry 1; it ends at entry 1 (nor 1 later witnessed checkpoints)",
        failures.get(0));
  }

  @Test
  void aLedgerRewrittenByItsOperatorWithItsKeyIsCaught() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    WitnessedLedgers.rewriteNode1(w.node1());
    List<Verification> verdicts = together(w.node1(), w.node2());
    assertInstanceOf(Verification.Holds.class, verdicts.get(0), "its own chain holds");
    List<String> failures = failures(verdicts);
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(
        failures
            .get(0)
            .startsWith(
                w.node1()
                    + ": cut or rewritten after entry 10: it does not hold the checkpoint of"
                    + " entry 21"),
        failures.get(0));
  }

  @Test
  void aWitnessedCheckpointNoTrustedKeySignedIsNotedNotChecked() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    SigningKey stranger = SigningKey.generate(new SecureRandom());
    Path strangers = dir.resolve("stranger.ledger");
    Checkpoint forged;
    try (Ledger ledger = Ledger.open(strangers, stranger, null, e -> {})) {
      ledger.append("event", JSON.createObjectNode().put("n", 1)).get();
      forged = ledger.checkpoint().get();
    }
    try (Ledger two = Ledger.open(w.node2(), WitnessedLedgers.key(2), null, e -> {})) {
      two.append("witnessed", WitnessedLedgers.witnessed(forged)).get();
      two.checkpoint().get();
    }
    List<Verification> verdicts = together(w.node1(), w.node2());
    Verification.Holds holds = assertInstanceOf(Verification.Holds.class, verdicts.get(2));
    assertEquals(
        List.of(
            w.node2()
                + ": entry 4 witnessed a checkpoint of node "
                + forged.node()
                + " that no trusted key signed; it was not checked"),
        holds.notes());
  }

  @Test
  void aWitnessedNodeWhoseLedgerIsNotGivenIsNotAsked() throws Exception {
    WitnessedLedgers.Written w = WitnessedLedgers.write(dir);
    Path node3 = dir.resolve("node-3.ledger");
    try (Ledger three = Ledger.open(node3, WitnessedLedgers.key(3), null, e -> {})) {
      three.append("event", JSON.createObjectNode().put("n", 1)).get();
      three.checkpoint().get();
    }
    List<Verification> verdicts = together(node3, w.node2());
    assertEquals(List.of(), failures(verdicts));
    assertTrue(((Verification.Holds) verdicts.get(2)).summary().startsWith("ledgers together: 0 "));
  }

  // --- a bundle against the ledgers of every node ---

  private record Cluster(byte[] bundle, List<Path> ledgers, List<SigningKey> nodes) {}

  private Cluster threeNodes(String kind, int casts) throws Exception {
    List<SigningKey> nodes =
        List.of(WitnessedLedgers.key(1), WitnessedLedgers.key(2), WitnessedLedgers.key(3));
    List<Path> ledgers =
        List.of(
            dir.resolve("node-1.ledger"),
            dir.resolve("node-2.ledger"),
            dir.resolve("node-3.ledger"));
    byte[] bundle =
        new BallotRun(nodes, ledgers, new SecureRandom())
            .run(Ballots.spec(kind), Ballots.lines(kind, casts, 5), casts + 2, casts + 1);
    return new Cluster(bundle, ledgers, nodes);
  }

  private static List<Verification> against(Cluster c, List<Path> ledgers) throws Exception {
    return LedgerAudit.check(ledgers, trusted(), Optional.of(c.bundle()));
  }

  @Test
  void theBundleHoldsExactlyTheCastsTheLedgersOfEveryNodeAcknowledged() throws Exception {
    Cluster c = threeNodes("election", 9);
    List<Verification> verdicts = against(c, c.ledgers());
    assertEquals(List.of(), failures(verdicts));
    assertEquals(
        "ledgers together: 2 witnessed checkpoints held by the ledgers of their nodes;"
            + " ballot vice-mayor-2027: the bundle holds the 9 casts the ledgers acknowledged, and"
            + " nothing else",
        ((Verification.Holds) verdicts.get(3)).summary());
    assertInstanceOf(
        Verification.Holds.class,
        new BundleVerifier(trusted()).verify(c.bundle()),
        "the bundle itself verifies");
  }

  @Test
  void aCastALedgerAcknowledgedThatIsNotInTheBoxFails() throws Exception {
    Cluster c = threeNodes("election", 9);
    String token = "bm90LWluLXRoZS1ib3g";
    long entry = appendTo(c, 1, "secret-cast", castFor(token, "c1"));
    assertEquals(
        List.of(
            "ballot vice-mayor-2027: token "
                + token
                + ", acknowledged in "
                + c.ledgers().get(1)
                + " (entry "
                + entry
                + "), is not in the box"),
        failures(against(c, c.ledgers())));
  }

  @Test
  void aCastWhoseContentDiffersFromTheBoxFails() throws Exception {
    Cluster c = threeNodes("election", 9);
    ObjectNode first = (ObjectNode) JSON.readTree(c.bundle()).path("box").get(0);
    ObjectNode changed = first.deepCopy().put("ballot", "vice-mayor-2027");
    changed.putObject("marks").putObject("vice").put("c3", "for");
    long entry = appendTo(c, 2, "secret-cast", changed);
    assertEquals(
        List.of(
            "ballot vice-mayor-2027: token "
                + first.get("token").asText()
                + ", acknowledged in "
                + c.ledgers().get(2)
                + " (entry "
                + entry
                + "), is not the cast the bundle holds for it"),
        failures(against(c, c.ledgers())));
  }

  @Test
  void aBoxCastNoLedgerAcknowledgedFails() throws Exception {
    Cluster c = threeNodes("election", 9);
    String dropped = rewriteWithout(c, 1, e -> e.type().equals("secret-cast"));
    assertEquals(
        List.of(
            "ballot vice-mayor-2027: the box holds token "
                + dropped
                + ", which none of the ledgers given acknowledged ("
                + String.join(", ", c.ledgers().stream().map(Path::toString).toList())
                + ")"),
        failures(against(c, c.ledgers())));
  }

  @Test
  void aRecordedCastNoLedgerAcknowledgedFailsByDeputy() throws Exception {
    Cluster c = threeNodes("motion", 6);
    String dropped = rewriteWithout(c, 2, e -> e.type().equals("recorded-cast"));
    List<String> failures = failures(against(c, c.ledgers()));
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(
        failures
            .get(0)
            .startsWith(
                "ballot appoint-2027: the bundle's casts hold deputy "
                    + dropped
                    + ", which none of the ledgers given acknowledged ("),
        failures.get(0));
  }

  @Test
  void withoutEveryNodesLedgerOnlyWhatWasGivenIsChecked() throws Exception {
    Cluster c = threeNodes("election", 9);
    List<Verification> verdicts = against(c, c.ledgers().subList(0, 2));
    assertEquals(List.of(), failures(verdicts));
    Verification.Holds together = (Verification.Holds) verdicts.get(2);
    assertEquals(
        "ledgers together: 1 witnessed checkpoints held by the ledgers of their nodes;"
            + " ballot vice-mayor-2027: the bundle holds the 6 casts the ledgers acknowledged",
        together.summary());
    assertEquals(
        List.of(
            "ballot vice-mayor-2027: no ledger of node "
                + c.nodes().get(2).verifyingKey().fingerprint()
                + " was given, so whether the bundle holds casts no ledger acknowledged was not"
                + " checked"),
        together.notes());
  }

  private static ObjectNode castFor(String token, String candidate) {
    ObjectNode cast =
        JSON.createObjectNode()
            .put("ballot", "vice-mayor-2027")
            .put("token", token)
            .put("blindSignature", "c2ln");
    cast.putObject("marks").putObject("vice").put(candidate, "for");
    return cast;
  }

  /** Appends an event to node {@code n}'s ledger; returns its entry number. */
  private static long appendTo(Cluster c, int n, String type, ObjectNode payload) throws Exception {
    try (Ledger ledger = Ledger.open(c.ledgers().get(n), c.nodes().get(n), null, e -> {})) {
      return ledger.append(type, payload).get().seq();
    }
  }

  /**
   * Rewrites node {@code n}'s ledger as its operator could, with its key, without the first entry
   * {@code drop} selects; returns that cast's voter key (token or deputy).
   */
  private String rewriteWithout(Cluster c, int n, Predicate<LedgerEntry> drop) throws Exception {
    Path original = c.ledgers().get(n);
    List<LedgerEntry> entries = new ArrayList<>();
    LedgerReader.readWhole(original, trusted(), entries::add);
    LedgerEntry dropped = entries.stream().filter(drop).findFirst().orElseThrow();
    Path forged = dir.resolve("forged.ledger");
    try (Ledger ledger = Ledger.open(forged, c.nodes().get(n), null, e -> {})) {
      for (LedgerEntry e : entries) {
        if (e.type().equals(Ledger.CHECKPOINT)) {
          ledger.checkpoint().get();
        } else if (e != dropped) {
          ledger.append(e.type(), e.payload()).get();
        }
      }
    }
    LedgerFiles.copyIntact(forged, original);
    return dropped
        .payload()
        .path(dropped.type().equals("secret-cast") ? "token" : "deputy")
        .asText();
  }
}
