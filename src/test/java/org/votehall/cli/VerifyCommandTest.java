package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify}: exit 0 if it holds, 1 with each failure on its own line (a bundle that is not
 * JSON any more among them), 2 only if a file is missing or unreadable.
 */
class VerifyCommandTest {
  private static final Path BUNDLES = Path.of("src", "test", "resources", "bundles");
  private static final String TRUSTED = Path.of("keys", "dev", "node-1.pub").toString();
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run verify(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "verify";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(
        Main.run(all, new PrintWriter(out), new PrintWriter(err)), out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"motion", "election", "selection", "rating"})
  void theShippedBundleOfEachKindVerifies(String kind) throws Exception {
    Run run = verify(BUNDLES.resolve(kind + ".bundle.json").toString(), "--trust", TRUSTED);
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().startsWith("verified: bundle of ballot "), run.out());
    assertEquals(
        "note: bundle digest (SHA-256 of the sealed bundle): "
            + org.votehall.crypto.Sha256.hex(
                Files.readAllBytes(BUNDLES.resolve(kind + ".bundle.json")))
            + System.lineSeparator(),
        run.err(),
        "the digest the report's QR code shows, and nothing else");
  }

  @Test
  void aTamperedBundleExitsOneWithEachFailureOnItsOwnLine() throws Exception {
    String text = Files.readString(BUNDLES.resolve("motion.bundle.json"));
    Path tampered =
        Files.writeString(
            dir.resolve("t.json"), text.replaceFirst("\"present\":27", "\"present\":28"));
    Run run = verify(tampered.toString(), "--trust", TRUSTED);
    assertEquals(1, run.code());
    assertEquals(
        "signature: the signature of node ceb02a7367d6b670 does not verify",
        run.out().lines().findFirst().orElseThrow());
    assertTrue(run.out().lines().count() >= 1);
  }

  @Test
  void aBundleSignedByAnotherNodeFailsUnderTheTrustedKey() {
    Run run =
        verify(
            BUNDLES.resolve("rating.bundle.json").toString(),
            "--trust",
            Path.of("keys", "dev", "node-2.pub").toString());
    assertEquals(1, run.code());
    assertTrue(run.out().contains("which is not a trusted node key"), run.out());
  }

  @Test
  void withoutTrustedKeysItSaysWhatItRestedOn() {
    Run run = verify(BUNDLES.resolve("election.bundle.json").toString());
    assertEquals(0, run.code());
    assertTrue(run.err().contains("note: no trusted node keys were given"), run.err());
  }

  /**
   * Bytes that were changed so far that they are no JSON object any more, and the one line said.
   */
  static Stream<Arguments> brokenBundles() throws IOException {
    byte[] motion = Files.readAllBytes(BUNDLES.resolve("motion.bundle.json"));
    int columnAfter = new String(motion, StandardCharsets.UTF_8).length() + 1;
    return Stream.of(
        Arguments.of(
            "not JSON",
            "not json at all".getBytes(StandardCharsets.US_ASCII),
            "the bundle is not valid JSON at line 1, column 4"),
        Arguments.of(
            "cut short",
            Arrays.copyOf(motion, 200),
            "the bundle ends inside its JSON, at line 1, column 201: it is cut short"),
        Arguments.of(
            "not UTF-8",
            concat(new byte[] {(byte) 0xff}, motion),
            "the bundle is not UTF-8 text: byte 0 is not part of a UTF-8 character"),
        Arguments.of(
            "a byte order mark",
            concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, motion),
            "the bundle begins with a byte order mark (U+FEFF), which is not JSON"),
        Arguments.of(
            "a name twice",
            "{\"a\":1,\n\"a\":2}".getBytes(StandardCharsets.US_ASCII),
            "the bundle names \"a\" twice in one object, at line 2, column 1"),
        Arguments.of("empty", new byte[0], "the bundle is empty: it holds no JSON"),
        Arguments.of(
            "an array",
            "[1]".getBytes(StandardCharsets.US_ASCII),
            "the bundle is not a JSON object: it begins with an array"),
        Arguments.of(
            "a trailing newline",
            concat(motion, "\n".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has a trailing newline after its canonical JSON: a bundle ends with its"
                + " closing brace"),
        Arguments.of(
            "a trailing CR LF",
            concat(motion, "\r\n".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has a trailing line break (CR LF) after its canonical JSON: a bundle ends"
                + " with its closing brace"),
        Arguments.of(
            "more bytes",
            concat(motion, "}garbage".getBytes(StandardCharsets.US_ASCII)),
            "the bundle has 8 more bytes, from line 1, column "
                + columnAfter
                + ", after its canonical JSON: a bundle ends with its closing brace"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBundles")
  void aBundleThatIsNoLongerAJsonObjectIsTamperingSaidInOneLineOfPlainWords(
      String name, byte[] bytes, String failure) throws Exception {
    Path file = Files.write(dir.resolve("b.json"), bytes);
    Run run = verify(file.toString(), "--trust", TRUSTED);
    assertEquals(1, run.code(), run.out() + run.err());
    assertEquals(List.of(failure), run.out().lines().toList());
    assertEquals("", run.err());
  }

  @Test
  void onlyAMissingOrUnreadableFileExitsTwo() throws Exception {
    Run missing = verify(dir.resolve("missing.json").toString());
    assertEquals(2, missing.code());
    assertEquals("", missing.out());
    assertEquals(
        "verify: cannot read " + dir.resolve("missing.json") + ": no such file",
        missing.err().strip());
    Run directory = verify(dir.toString());
    assertEquals(2, directory.code());
    assertEquals(
        "verify: cannot read " + dir + ": a directory, not a file", directory.err().strip());
    Run key =
        verify(
            BUNDLES.resolve("motion.bundle.json").toString(),
            "--trust",
            dir.resolve("none.pub").toString());
    assertEquals(2, key.code());
    assertEquals(
        "verify: cannot read " + dir.resolve("none.pub") + ": no such file", key.err().strip());
  }

  private static String[] with(List<String> first, String... rest) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static List<String> trustAll() {
    return List.of(
        "--trust",
        "keys/dev/node-1.pub",
        Path.of("keys", "dev", "node-2.pub").toString(),
        Path.of("keys", "dev", "node-3.pub").toString());
  }

  @Test
  void aBundleAndTheLedgersOfEveryNodeAreCheckedTogether() throws Exception {
    List<Path> ledgers =
        List.of(
            dir.resolve("node-1.ledger"),
            dir.resolve("node-2.ledger"),
            dir.resolve("node-3.ledger"));
    List<org.votehall.crypto.SigningKey> nodes = new java.util.ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      nodes.add(org.votehall.audit.WitnessedLedgers.key(n));
    }
    byte[] bundle =
        new org.votehall.audit.BallotRun(nodes, ledgers, new java.security.SecureRandom())
            .run(
                org.votehall.audit.Ballots.SELECTION,
                org.votehall.audit.Ballots.lines("selection", 7, 11),
                9,
                8);
    Path file = Files.write(dir.resolve("bundle.json"), bundle);
    List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--ledger"));
    ledgers.forEach(l -> args.add(l.toString()));
    Run run = verify(with(args, trustAll().toArray(String[]::new)));
    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(5, lines.size(), run.out());
    assertEquals(
        "verified: ledgers together: 2 witnessed checkpoints held by the ledgers of their nodes;"
            + " ballot projects-2027: the bundle holds the 7 casts the ledgers acknowledged, and"
            + " nothing else",
        lines.get(4));

    List<String> node2 = Files.readAllLines(ledgers.get(1));
    Files.write(ledgers.get(1), node2.subList(0, 1)); // node 2 took cast 1: its first entry
    Files.delete(org.votehall.ledger.Ledger.headFile(ledgers.get(1)));
    Run cut = verify(with(args, trustAll().toArray(String[]::new)));
    assertEquals(1, cut.code(), cut.out() + cut.err());
    assertTrue(
        cut.out().lines().anyMatch(l -> l.matches("ballot projects-2027: the box holds token .*")),
        cut.out());
    assertTrue(
        cut.err()
            .contains(
                "note: ballot projects-2027: "
                    + ledgers.get(1)
                    + " holds no checkpoint to name its node, and was taken for the ledger of node "),
        cut.err());
  }

  @Test
  void aCutLedgerIsNamedByThePeerThatWitnessedItsCheckpoint() throws Exception {
    var w = org.votehall.audit.WitnessedLedgers.write(dir);
    org.votehall.audit.WitnessedLedgers.cutNode1(w.node1(), 15);
    Run run =
        verify(
            with(
                List.of("--ledger", w.node1().toString(), w.node2().toString()),
                trustAll().toArray(String[]::new)));
    assertEquals(1, run.code(), run.out() + run.err());
    assertEquals(
        List.of(
            "verified: ledger " + w.node1() + ": 15 entries, 1 checkpoints; the chain holds",
            "verified: ledger " + w.node2() + ": 3 entries, 1 checkpoints; the chain holds",
            w.node1()
                + ": cut or rewritten after entry 15: it does not hold the checkpoint of entry 21"
                + " (head "
                + w.second().head()
                + ") of node "
                + w.second().node()
                + " that "
                + w.node2()
                + " witnessed at its entry 2; it ends at entry 15"),
        run.out().lines().toList());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
