package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;

/**
 * The worked example of docs/scrutineers.md, read from the file itself: votehall's own classes make
 * the same messages and signatures, and the JDK's Ed25519 (what a scrutineer tool may use) verifies
 * them under the key as enrolled. So the page cannot drift from the code.
 */
class ScrutineerDocExamplesTest {
  private static final Path DOC = Path.of("docs", "scrutineers.md");
  private static final Pattern FENCE = Pattern.compile("```text example=([a-z0-9/-]+)");
  private static final String DIGEST =
      HexFormat.of().formatHex(sha256("example".getBytes(StandardCharsets.UTF_8)));
  private static final String RESULT =
      "{\"ballot\":\"m1\",\"kind\":\"motion\",\"present\":3,\"issued\":3,\"returned\":3}";
  private static Map<String, String> examples;
  private static SigningKey key;

  @BeforeAll
  static void readTheDoc() throws Exception {
    examples = new HashMap<>();
    Iterator<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8).iterator();
    while (lines.hasNext()) {
      Matcher fence = FENCE.matcher(lines.next());
      if (fence.matches()) {
        examples.put(fence.group(1), lines.next());
        assertEquals("```", lines.next(), "one line per example: " + fence.group(1));
      }
    }
    assertEquals(6, examples.size(), examples.keySet().toString());
    key =
        new SigningKey(
            new Ed25519PrivateKeyParameters(
                HexFormat.of().parseHex(examples.get("countersign/seed")), 0));
  }

  @Test
  void theKeyIsTheSeedsAsEnrolled() {
    assertEquals(examples.get("countersign/key"), key.verifyingKey().base64());
    assertTrue(
        Files.isRegularFile(DOC)
            && readDoc().contains("fingerprint `" + key.verifyingKey().fingerprint() + "`"));
  }

  @Test
  void theCountersignatureIsVotehallsAndVerifiesWithTheJdk() throws Exception {
    byte[] message =
        Countersigning.countersigned(
            "m1", DIGEST, new ObjectMapper().readTree(RESULT), "S1", "2026-12-01T09:30:00Z");
    assertEquals(examples.get("countersign/message"), new String(message, StandardCharsets.UTF_8));
    String signature = examples.get("countersign/signature");
    assertEquals(
        signature,
        Base64.getEncoder()
            .encodeToString(
                key.sign(org.votehall.crypto.SignaturePurpose.COUNTERSIGNATURE, message)));
    assertTrue(jdkVerifies("votehall/countersignature/v1", message, signature));
    assertTrue(readDoc().contains("`" + Countersigning.fingerprint(signature) + "`"));
  }

  @Test
  void theRefusalIsVotehallsAndVerifiesWithTheJdk() throws Exception {
    byte[] message =
        Countersigning.refused("m1", DIGEST, "发出票数与签到人数不符", "S1", "2026-12-01T09:31:00Z");
    assertEquals(examples.get("refusal/message"), new String(message, StandardCharsets.UTF_8));
    String signature = examples.get("refusal/signature");
    assertTrue(jdkVerifies("votehall/countersign-refusal/v1", message, signature));
    assertTrue(
        VerifyingKey.fromBase64(examples.get("countersign/key"))
            .verify(
                org.votehall.crypto.SignaturePurpose.COUNTERSIGN_REFUSAL,
                message,
                Base64.getDecoder().decode(signature)));
  }

  /** Tag, a zero byte, the message: verified by the JDK's own Ed25519. */
  private static boolean jdkVerifies(String tag, byte[] message, String signature)
      throws Exception {
    PublicKey pub =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(examples.get("countersign/key"))));
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
    signed.write(0);
    signed.writeBytes(message);
    Signature ed = Signature.getInstance("Ed25519");
    ed.initVerify(pub);
    ed.update(signed.toByteArray());
    return ed.verify(Base64.getDecoder().decode(signature));
  }

  private static String readDoc() {
    try {
      return Files.readString(DOC);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
