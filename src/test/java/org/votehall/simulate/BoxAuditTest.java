package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.VerifyingKey;

/** The checks after the announcement, on the valid bundles of src/test/resources/bundles. */
class BoxAuditTest {
  private static final String FAKE_RECEIPT = "ab".repeat(32);

  private static byte[] bundle(String kind) throws Exception {
    return Files.readAllBytes(Path.of("src/test/resources/bundles", kind + ".bundle.json"));
  }

  private static List<VerifyingKey> devKey() throws Exception {
    return List.of(KeyFiles.readPublic(Path.of("keys/dev/node-1.pub")));
  }

  private static List<String> receipts(JsonNode entries) {
    List<String> receipts = new ArrayList<>();
    entries.forEach(e -> receipts.add(BoxAudit.receipt(e)));
    return receipts;
  }

  @ParameterizedTest
  @ValueSource(strings = {"motion", "election", "selection", "rating"})
  void aValidBundleHoldsEveryReceiptAndItsRecount(String kind) throws Exception {
    byte[] bytes = bundle(kind);
    JsonNode tree = BallotPlan.JSON.readTree(bytes);
    boolean secret = tree.path("spec").path("secret").asBoolean(!"motion".equals(kind));
    JsonNode entries = tree.path(secret ? "box" : "casts");
    Summary.Checks checks =
        BoxAudit.check(
            tree.path("spec").toString(),
            secret,
            bytes,
            tree.path("result").toString(),
            receipts(entries),
            devKey());
    assertEquals(0, checks.lost(), checks.toString());
    assertEquals(0, checks.duplicates());
    assertEquals(0, checks.unacknowledgedInBox());
    assertTrue(checks.resultMatchesRecount(), checks.bundleFailures().toString());
    assertTrue(checks.bundleVerified(), checks.bundleFailures().toString());
    assertEquals(entries.size(), checks.returned());
    assertEquals(tree.path("issued").size(), checks.issued());
    assertEquals(tree.path("attendance").path("present").asInt(), checks.present());
  }

  @Test
  void aReceiptNotInTheBoxIsLostAndOneNeverAcknowledgedIsCounted() throws Exception {
    byte[] bytes = bundle("election");
    JsonNode tree = BallotPlan.JSON.readTree(bytes);
    List<String> acked = receipts(tree.path("box"));
    acked.remove(0);
    acked.add(FAKE_RECEIPT);
    Summary.Checks checks =
        BoxAudit.check(
            tree.path("spec").toString(),
            true,
            bytes,
            tree.path("result").toString(),
            acked,
            devKey());
    assertEquals(1, checks.lost());
    assertEquals(1, checks.unacknowledgedInBox());
    assertTrue(checks.bundleVerified());
  }

  @Test
  void aCastInTheBoxTwiceIsADuplicateAndTheBundleNoLongerVerifies() throws Exception {
    ObjectNode tree = (ObjectNode) BallotPlan.JSON.readTree(bundle("motion"));
    ArrayNode casts = (ArrayNode) tree.path("casts");
    casts.add(casts.get(0).deepCopy());
    byte[] bytes = tree.toString().getBytes(StandardCharsets.UTF_8);
    Summary.Checks checks =
        BoxAudit.check(
            tree.path("spec").toString(),
            false,
            bytes,
            tree.path("result").toString(),
            receipts(casts),
            devKey());
    assertEquals(1, checks.duplicates());
    assertFalse(checks.bundleVerified());
    assertFalse(checks.resultMatchesRecount(), "one more ballot, another count");
  }

  @Test
  void aPublishedResultThatIsNotTheRecountIsCaught() throws Exception {
    byte[] bytes = bundle("selection");
    JsonNode tree = BallotPlan.JSON.readTree(bytes);
    ObjectNode result = (ObjectNode) tree.path("result").deepCopy();
    result.put("returned", result.path("returned").asInt() + 1);
    Summary.Checks checks =
        BoxAudit.check(
            tree.path("spec").toString(),
            true,
            bytes,
            result.toString(),
            receipts(tree.path("box")),
            devKey());
    assertFalse(checks.resultMatchesRecount());
    assertTrue(checks.bundleVerified(), "the bundle itself is still valid");
    assertTrue(
        checks.bundleFailures().stream().anyMatch(f -> f.contains("published result")),
        checks.bundleFailures().toString());
  }

  @Test
  void aBundleSignedByAnUntrustedNodeDoesNotVerify() throws Exception {
    byte[] bytes = bundle("rating");
    JsonNode tree = BallotPlan.JSON.readTree(bytes);
    Summary.Checks checks =
        BoxAudit.check(
            tree.path("spec").toString(),
            true,
            bytes,
            tree.path("result").toString(),
            receipts(tree.path("box")),
            List.of(KeyFiles.readPublic(Path.of("keys/dev/node-2.pub"))));
    assertFalse(checks.bundleVerified());
    assertTrue(checks.resultMatchesRecount());
  }
}
