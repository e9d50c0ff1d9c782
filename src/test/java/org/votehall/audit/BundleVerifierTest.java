package org.votehall.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Bundle;

/** A ballot of each kind run without a server verifies; every kind of tampering is caught. */
class BundleVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARSER_WORDS =
      Pattern.compile(
          "REDACTED|StreamReadFeature|Source:|com\\.fasterxml|org\\.bouncycastle|getInstance"
              + "|\\(code \\d+\\)|was expecting|corrupted stream|'buf'|Exception");
  private static SigningKey node;
  private static BundleVerifier verifier;
  @TempDir Path dir;

  @BeforeAll
  static void devNodeKey() throws Exception {
    node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    verifier = new BundleVerifier(List.of(node.verifyingKey()));
  }

  private byte[] bundle(String kind, int ballots) throws Exception {
    BallotRun run =
        new BallotRun(node, dir.resolve(kind + "-" + ballots + ".ledger"), new SecureRandom());
    return run.run(Ballots.spec(kind), Ballots.lines(kind, ballots, 7), ballots + 3, ballots + 2);
  }

  private static List<String> failures(byte[] bundle) {
    Verification v = verifier.verify(bundle);
    assertFalse(v instanceof Verification.Holds, "tampering went unnoticed");
    return v instanceof Verification.Fails f
        ? f.failures()
        : List.of(((Verification.Unreadable) v).reason());
  }

  /** Failures say what is wrong in the hall's words; a parser's own words name its internals. */
  private static void assertPlainWords(List<String> failures) {
    for (String failure : failures) {
      assertFalse(PARSER_WORDS.matcher(failure).find(), failure);
    }
  }

  private static void assertFailsWith(byte[] bundle, String text) {
    List<String> failures = failures(bundle);
    assertTrue(
        failures.stream().anyMatch(f -> f.contains(text)),
        "expected «" + text + "» among " + failures);
  }

  @ParameterizedTest
  @ValueSource(strings = {"motion", "election", "selection", "rating"})
  void aBallotOfEachKindVerifies(String kind) throws Exception {
    Verification v = verifier.verify(bundle(kind, 25));
    Verification.Holds holds = assertInstanceOf(Verification.Holds.class, v, () -> v.toString());
    assertTrue(holds.summary().contains("25 ballots recounted"), holds.summary());
    assertEquals(1, holds.notes().size(), holds.notes().toString());
    assertTrue(holds.notes().get(0).startsWith("bundle digest (SHA-256 of the sealed bundle): "));
  }

  @Test
  void withoutTrustedKeysTheBundlesOwnKeysAreUsedAndSaidSo() throws Exception {
    Verification v = new BundleVerifier(List.of()).verify(bundle("motion", 3));
    Verification.Holds holds = assertInstanceOf(Verification.Holds.class, v);
    assertTrue(holds.notes().get(0).contains("no trusted node keys"), holds.notes().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"motion", "election"})
  void everyByteOfASmallBundleMatters(String kind) throws Exception {
    byte[] original = bundle(kind, 2);
    for (int i = 0; i < original.length; i++) {
      byte[] changed = original.clone();
      changed[i] = (byte) (changed[i] == 'A' ? 'B' : changed[i] ^ 0x01);
      int at = i;
      Verification v = verifier.verify(changed);
      assertFalse(
          v instanceof Verification.Holds,
          () -> "a change at byte " + at + " of " + original.length + " went unnoticed");
      assertPlainWords(assertInstanceOf(Verification.Fails.class, v).failures());
    }
  }

  @Test
  void twoThousandRandomPositionsOfALargeBundle() throws Exception {
    byte[] original = bundle("election", 120);
    Random random = new Random(2000);
    for (int n = 0; n < 2000; n++) {
      int i = random.nextInt(original.length);
      byte[] changed = original.clone();
      changed[i] = (byte) (changed[i] + 1 + random.nextInt(254));
      assertFalse(verifier.verify(changed) instanceof Verification.Holds, "byte " + i);
    }
  }

  @Test
  void swappedMarksBetweenTwoBoxEntriesBreakTheNodesSignature() throws Exception {
    ObjectNode b = parse(bundle("selection", 10));
    ArrayNode box = (ArrayNode) b.get("box");
    ObjectNode first = (ObjectNode) box.get(0);
    ObjectNode second = null;
    for (int i = 1;
        second == null;
        i++) { // two ballots with different marks, or a swap changes nothing
      if (!box.get(i).get("marks").equals(first.get("marks"))) {
        second = (ObjectNode) box.get(i);
      }
    }
    var marks = first.get("marks");
    first.set("marks", second.get("marks"));
    second.set("marks", marks);
    assertFailsWith(CanonicalJson.bytes(b.toString()), "signature: the signature of node");
  }

  @Test
  void aDroppedBoxEntryChangesTheRecomputedResultEvenIfTheNodeSigns() throws Exception {
    ObjectNode b = parse(bundle("selection", 10));
    ((ArrayNode) b.get("box")).remove(3);
    assertFailsWith(resign(b, node), "result.returned: the bundle says 10, the ballots give 9");
  }

  @Test
  void aDuplicatedBoxEntryIsATokenUsedTwice() throws Exception {
    ObjectNode b = parse(bundle("election", 6));
    ArrayNode box = (ArrayNode) b.get("box");
    box.insert(1, box.get(0).deepCopy());
    assertFailsWith(resign(b, node), "appears twice");
  }

  @Test
  void anAddedBoxEntryWithoutABallotKeySignatureIsRefused() throws Exception {
    ObjectNode b = parse(bundle("election", 6));
    ObjectNode extra = (ObjectNode) b.get("box").get(5).deepCopy();
    extra.put("token", "zzzz" + extra.get("token").asText().substring(4));
    ((ArrayNode) b.get("box")).add(extra);
    assertFailsWith(resign(b, node), "does not verify under any of the ballot's keys");
  }

  @Test
  void moreReturnedThanIssuedIsCaught() throws Exception {
    ObjectNode b = parse(bundle("rating", 6));
    ArrayNode issued = (ArrayNode) b.get("issued");
    while (issued.size() > 4) {
      issued.remove(0);
    }
    assertFailsWith(resign(b, node), "returned 6 > issued 4");
  }

  @Test
  void aResultEditedAndResignedWithAKeyThatIsNotANodeKey() throws Exception {
    ObjectNode b = parse(bundle("motion", 8));
    ((ObjectNode) b.get("result").get("items").get(0)).put("outcome", "passed");
    SigningKey stranger = SigningKey.generate(new SecureRandom());
    List<String> failures = failures(resign(b, stranger));
    assertTrue(
        failures.stream()
            .anyMatch(
                f ->
                    f.startsWith(
                        "signature: signed by node "
                            + stranger.verifyingKey().fingerprint()
                            + ", which is not a trusted node key")),
        failures.toString());
    assertTrue(
        failures.stream().anyMatch(f -> f.startsWith("resultSignature: signed by node")),
        failures.toString());
  }

  @Test
  void aNodeThatSignsAWrongResultIsCaughtByTheRecount() throws Exception {
    ObjectNode b = parse(bundle("election", 10));
    ObjectNode section = (ObjectNode) b.get("result").get("sections").get(0);
    section.putArray("elected").add("c3");
    assertFailsWith(resign(b, node), "result.sections[0].elected");
  }

  @Test
  void recordedCastsAreCheckedOneByOne() throws Exception {
    ObjectNode twice = parse(bundle("motion", 5));
    ((ObjectNode) twice.get("casts").get(1))
        .put("deputy", twice.get("casts").get(0).get("deputy").asText());
    assertFailsWith(resign(twice, node), "voted twice");
    ObjectNode changed = parse(bundle("motion", 5));
    ((ObjectNode) changed.get("casts").get(2).get("marks")).put("m1", "abstain");
    changed.set(
        "result",
        changed.get("result")); // the node re-signs, but the terminal's signature no longer holds
    assertFailsWith(resign(changed, node), "casts[2]: the terminal's signature does not verify");
    ObjectNode stranger = parse(bundle("motion", 5));
    ((ObjectNode) stranger.get("casts").get(0)).put("terminal", "terminal-999");
    assertFailsWith(resign(stranger, node), "terminal terminal-999 is not registered");
  }

  @Test
  void bytesThatAreNotAJsonObjectFailAsTampering() {
    assertEquals(
        List.of("the bundle ends inside its JSON, at line 1, column 11: it is cut short"),
        assertInstanceOf(Verification.Fails.class, verifier.verify("{\"format\":".getBytes()))
            .failures());
    assertEquals(
        List.of("the bundle is not UTF-8 text: byte 0 is not part of a UTF-8 character"),
        assertInstanceOf(
                Verification.Fails.class, verifier.verify(new byte[] {(byte) 0xff, '{', '}'}))
            .failures());
  }

  @Test
  void aNumberBeyondADoubleHasNoCanonicalForm() {
    List<String> failures = failures("{\"format\":1e999}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "the bundle's JSON has no canonical form (RFC 8785): a number in it is beyond the range"
            + " of a double",
        failures.get(0));
  }

  static ObjectNode parse(byte[] bundle) throws Exception {
    return (ObjectNode) JSON.readTree(bundle);
  }

  /** Signs an edited bundle again, as a lying or compromised signer would. */
  static byte[] resign(ObjectNode b, SigningKey key) {
    b.set(
        "resultSignature",
        signature(key, SignaturePurpose.RESULT, Bundle.signedResult(b.get("result"))));
    b.set("signature", signature(key, SignaturePurpose.BUNDLE, Bundle.signedBody(b)));
    return CanonicalJson.bytes(b.toString());
  }

  private static ObjectNode signature(SigningKey key, SignaturePurpose purpose, byte[] signed) {
    VerifyingKey pub = key.verifyingKey();
    return JSON.createObjectNode()
        .put("node", pub.fingerprint())
        .put("signature", Base64.getEncoder().encodeToString(key.sign(purpose, signed)));
  }
}
