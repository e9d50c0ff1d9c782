package org.votehall.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.RecordedCast;

/**
 * A recorded cast is signed over canonical {@code {ballot, deputy, marks, nonce}} with {@code
 * marks} the marks map itself (docs/api.md), and a cast in a bundle holds nothing unsigned.
 */
class RecordedCastSignatureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theTerminalSignsTheMarksMapItself() throws Exception {
    ObjectNode ballot =
        (ObjectNode) JSON.readTree("{\"marks\":{\"m2\":\"abstain\",\"m1\":\"for\"}}");
    assertEquals(
        "{\"ballot\":\"appoint-2027\",\"deputy\":\"d0001\",\"marks\":{\"m1\":\"for\",\"m2\":\"abstain\"},"
            + "\"nonce\":\"c0ffee01\"}",
        new String(
            RecordedCast.signedBytes("appoint-2027", "d0001", ballot, "c0ffee01"),
            StandardCharsets.UTF_8));
  }

  @Test
  void theShippedMotionBundleIsSignedThatWay() throws Exception {
    JsonNode bundle =
        JSON.readTree(
            Path.of("src", "test", "resources", "bundles", "motion.bundle.json").toFile());
    VerifyingKey terminal =
        VerifyingKey.fromBase64(bundle.get("terminals").get(0).get("key").asText());
    for (JsonNode cast : bundle.get("casts")) {
      // Built by hand, not by RecordedCast: keys in RFC 8785 order, the marks as the bundle has
      // them.
      String signed =
          "{\"ballot\":\""
              + bundle.get("ballot").asText()
              + "\",\"deputy\":\""
              + cast.get("deputy").asText()
              + "\",\"marks\":"
              + cast.get("marks")
              + ",\"nonce\":\""
              + cast.get("nonce").asText()
              + "\"}";
      assertTrue(
          terminal.verify(
              SignaturePurpose.RECORDED_CAST,
              signed.getBytes(StandardCharsets.UTF_8),
              Base64.getDecoder().decode(cast.get("signature").asText())),
          signed);
    }
  }

  @Test
  void aFieldTheTerminalDidNotSignIsRefused() throws Exception {
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    byte[] bytes =
        new BallotRun(node, dir.resolve("motion.ledger"), new SecureRandom())
            .run(Ballots.spec("motion"), Ballots.lines("motion", 3, 7), 5, 4);
    ObjectNode b = BundleVerifierTest.parse(bytes);
    ((ObjectNode) b.get("casts").get(1)).put("writeIns", "unsigned");
    Verification v =
        new BundleVerifier(List.of(node.verifyingKey())).verify(BundleVerifierTest.resign(b, node));
    Verification.Fails fails = assertInstanceOf(Verification.Fails.class, v);
    assertTrue(
        fails.failures().contains("casts[1]: writeIns is not part of a recorded cast"),
        fails.failures().toString());
  }
}
