package org.votehall.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;

/**
 * The scrutineers' countersignatures in a bundle (docs/scrutineers.md): two of three pinned
 * scrutineers countersign a secret election and it holds; too few, a refusal, a changed result, a
 * panel key swapped by the sealing node, a countersignature moved from another ballot all fail.
 */
class CountersignatureCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String AT = "2026-12-01T09:30:00Z";
  private static SigningKey node;
  private static List<SigningKey> scrutineers;
  @TempDir Path dir;
  private ObjectNode sealed;

  @BeforeAll
  static void keys() throws Exception {
    node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    scrutineers =
        List.of(
            SigningKey.generate(RANDOM), SigningKey.generate(RANDOM), SigningKey.generate(RANDOM));
  }

  @BeforeEach
  void aSealedElectionWithAPanelOfThree() throws Exception {
    sealed = sealedWith(panel(scrutineers.get(2).verifyingKey()), "election");
  }

  private ObjectNode sealedWith(Countersigning.Panel panel, String kind) throws Exception {
    BallotRun run = new BallotRun(node, dir.resolve(kind + RANDOM.nextInt() + ".ledger"), RANDOM);
    byte[] bytes = run.run(Ballots.spec(kind), Ballots.lines(kind, 8, 7), 11, 10);
    ObjectNode bundle = (ObjectNode) JSON.readTree(bytes);
    bundle.set("scrutineers", panel.toJson());
    return (ObjectNode) JSON.readTree(BundleVerifierTest.resign(bundle, node));
  }

  private static Countersigning.Panel panel(VerifyingKey third) {
    return new Countersigning.Panel(
        2,
        List.of(
            new Countersigning.Member("S1", "王总监", Optional.of(scrutineers.get(0).verifyingKey())),
            new Countersigning.Member("S2", "李监票", Optional.of(scrutineers.get(1).verifyingKey())),
            new Countersigning.Member("S3", "赵监票", Optional.of(third))));
  }

  private static byte[] served(
      ObjectNode bundle,
      List<Countersigning.Countersignature> signed,
      List<Countersigning.Refusal> refused) {
    String text = CanonicalJson.text(bundle.toString());
    return Countersigning.served(text, signed, refused).getBytes(StandardCharsets.UTF_8);
  }

  private Countersigning.Countersignature by(int scrutineer) {
    return Countersigning.Sealed.of(sealed)
        .countersign("S" + (scrutineer + 1), AT, scrutineers.get(scrutineer));
  }

  private static Verification pinned(byte[] bundle) {
    return new BundleVerifier(
            List.of(node.verifyingKey()),
            scrutineers.stream().map(SigningKey::verifyingKey).toList(),
            OptionalInt.empty())
        .verify(bundle);
  }

  private static void assertFailsWith(Verification v, String text) {
    Verification.Fails fails = assertInstanceOf(Verification.Fails.class, v, v::toString);
    assertTrue(
        fails.failures().stream().anyMatch(f -> f.contains(text)),
        "expected «" + text + "» among " + fails.failures());
  }

  @Test
  void twoOfThreePinnedScrutineersCountersignedAndVerifySaysWho() {
    byte[] bundle = served(sealed, List.of(by(1), by(0)), List.of());
    Verification v = pinned(bundle);
    Verification.Holds holds = assertInstanceOf(Verification.Holds.class, v, v::toString);
    assertTrue(
        holds.summary().contains("countersigned by 王总监 (S1), 李监票 (S2) (2 of 2 required)"),
        holds.summary());
  }

  @Test
  void theDigestIsTheSealedBytesWhateverWasAddedBeside() throws Exception {
    byte[] bundle = served(sealed, List.of(by(0)), List.of());
    String sealedText = CanonicalJson.text(sealed.toString());
    assertEquals(
        org.votehall.crypto.Sha256.hex(sealedText.getBytes(StandardCharsets.UTF_8)),
        Countersigning.bundleDigest(JSON.readTree(bundle)));
  }

  @Test
  void oneCountersignatureIsTooFewForPinnedKeysAndAwaitingWithout() {
    byte[] bundle = served(sealed, List.of(by(0)), List.of());
    assertFailsWith(pinned(bundle), "countersigned by 1 of the pinned scrutineers");
    Verification unpinned = new BundleVerifier(List.of(node.verifyingKey())).verify(bundle);
    Verification.Holds holds = assertInstanceOf(Verification.Holds.class, unpinned);
    assertTrue(
        holds.notes().stream().anyMatch(n -> n.contains("awaiting countersignature: 1 of the 2")),
        holds.notes().toString());
  }

  @Test
  void aRequiredNumberGivenByTheAuditorOverridesTheBundles() {
    byte[] bundle = served(sealed, List.of(by(0), by(1)), List.of());
    Verification v =
        new BundleVerifier(
                List.of(node.verifyingKey()),
                scrutineers.stream().map(SigningKey::verifyingKey).toList(),
                OptionalInt.of(3))
            .verify(bundle);
    assertFailsWith(v, "but 3 are required");
  }

  @Test
  void aResultChangedAfterCountersigningFailsEvenIfTheNodeSignsItAgain() throws Exception {
    byte[] bundle = served(sealed, List.of(by(0), by(1)), List.of());
    ObjectNode changed = (ObjectNode) JSON.readTree(bundle);
    ObjectNode result = (ObjectNode) changed.get("result");
    result.put("returned", result.get("returned").asInt() - 1);
    Verification v = pinned(BundleVerifierTest.resign(changed, node));
    assertFailsWith(v, "countersignatures[0] (S1): the signature does not hold");
    assertFailsWith(v, "countersigned by 0 of the pinned scrutineers");
  }

  @Test
  void aPanelKeySwappedByTheSealingNodeDoesNotCountForPinnedScrutineers() throws Exception {
    SigningKey stranger = SigningKey.generate(RANDOM);
    sealed = sealedWith(panel(stranger.verifyingKey()), "election");
    Countersigning.Countersignature byStranger =
        Countersigning.Sealed.of(sealed).countersign("S3", AT, stranger);
    byte[] bundle = served(sealed, List.of(by(0), byStranger), List.of());
    assertInstanceOf(
        Verification.Holds.class, new BundleVerifier(List.of(node.verifyingKey())).verify(bundle));
    assertFailsWith(pinned(bundle), "countersigned by 1 of the pinned scrutineers");
  }

  @Test
  void oneKeyOnThePanelTwiceIsOnePerson() throws Exception {
    sealed = sealedWith(panel(scrutineers.get(0).verifyingKey()), "election"); // S3 has S1's key
    Countersigning.Countersignature asS3 =
        Countersigning.Sealed.of(sealed).countersign("S3", AT, scrutineers.get(0));
    byte[] bundle = served(sealed, List.of(by(0), asS3), List.of());
    Verification v = pinned(bundle);
    assertFailsWith(v, "one key is enrolled for two scrutineers");
    assertFailsWith(v, "countersigned by 1 of the pinned scrutineers");
  }

  @Test
  void aRefusalByAPinnedScrutineerFails() {
    Countersigning.Refusal refusal =
        Countersigning.Sealed.of(sealed).refuse("S3", AT, "发出票数与签到人数不符", scrutineers.get(2));
    byte[] bundle = served(sealed, List.of(by(0), by(1)), List.of(refusal));
    assertFailsWith(pinned(bundle), "赵监票 (S3) refused to countersign this result");
  }

  @Test
  void aCountersignatureOfAnotherBallotDoesNotHoldHere() throws Exception {
    ObjectNode other = sealedWith(panel(scrutineers.get(2).verifyingKey()), "election");
    Countersigning.Countersignature elsewhere =
        Countersigning.Sealed.of(other).countersign("S1", AT, scrutineers.get(0));
    byte[] bundle = served(sealed, List.of(elsewhere, by(1)), List.of());
    assertFailsWith(pinned(bundle), "countersignatures[0] (S1): the signature does not hold");
  }

  @Test
  void pinnedScrutineersFindNothingInABundleSealedWithoutAPanel() throws Exception {
    sealed.remove("scrutineers");
    byte[] bundle = BundleVerifierTest.resign(sealed, node);
    assertInstanceOf(
        Verification.Holds.class, new BundleVerifier(List.of(node.verifyingKey())).verify(bundle));
    assertFailsWith(pinned(bundle), "sealed without a panel of scrutineers");
  }

  @Test
  void aBadTimeOrAStrangerIdIsNamed() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(served(sealed, List.of(by(0)), List.of()));
    ((ObjectNode) bundle.get("countersignatures").get(0)).put("scrutineer", "S9");
    assertFailsWith(
        pinned(CanonicalJson.bytes(bundle.toString())),
        "countersignatures[0] (S9): no such scrutineer on the bundle's panel");
    ((ObjectNode) bundle.get("countersignatures").get(0))
        .put("scrutineer", "S1")
        .put("signedAt", "yesterday");
    assertFailsWith(
        pinned(CanonicalJson.bytes(bundle.toString())),
        "countersignatures[0] (S1): signedAt is not YYYY-MM-DDTHH:MM:SSZ");
  }
}
