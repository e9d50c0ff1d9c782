package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;

class MessageSignatureTest {
  private static final SigningKey TERMINAL = SigningKey.generate(new SecureRandom());
  private static final byte[] BODY =
      "{\"deputy\":\"d001\",\"pin\":\"123456\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignedRequestVerifiesForItsMethodPathAndBodyOnly() {
    Instant now = Instant.ofEpochSecond(1_790_000_000L);
    Map<String, String> h =
        MessageSignature.sign(
            TERMINAL, "t1", "n-1", now, "POST", "/api/sittings/s1/check-in", BODY);
    assertTrue(
        MessageSignature.problem(
                h.get("Signature-Input"), h.get("Signature"), h.get("Content-Digest"), BODY)
            .isEmpty());
    var claim =
        MessageSignature.parse(
                h.get("Signature-Input"),
                h.get("Signature"),
                "POST",
                "/api/sittings/s1/check-in",
                h.get("Content-Digest"))
            .orElseThrow();
    assertEquals("t1", claim.keyid());
    assertEquals("n-1", claim.nonce());
    assertEquals(now, claim.created());
    assertTrue(
        TERMINAL
            .verifyingKey()
            .verify(SignaturePurpose.HTTP_MESSAGE, claim.base(), claim.signature()));
    var otherPath =
        MessageSignature.parse(
                h.get("Signature-Input"),
                h.get("Signature"),
                "POST",
                "/api/sittings/s2/check-in",
                h.get("Content-Digest"))
            .orElseThrow();
    assertFalse(
        TERMINAL
            .verifyingKey()
            .verify(SignaturePurpose.HTTP_MESSAGE, otherPath.base(), otherPath.signature()));
    assertTrue(
        MessageSignature.problem(
                h.get("Signature-Input"),
                h.get("Signature"),
                h.get("Content-Digest"),
                "{}".getBytes())
            .isPresent(),
        "another body");
  }

  @Test
  void theBaseIsRfc9421s() {
    String base =
        MessageSignature.base(
            "POST",
            "/p",
            "sha-256=:X:",
            "(\"@method\" \"@path\" \"content-digest\");created=1;nonce=\"n\";keyid=\"k\";alg=\"ed25519\"");
    assertEquals(
        "\"@method\": POST\n\"@path\": /p\n\"content-digest\": sha-256=:X:\n\"@signature-params\": (\"@method\" \"@path\" \"content-digest\");created=1;nonce=\"n\";keyid=\"k\";alg=\"ed25519\"",
        base);
    // RFC 9530's own example: the digest of {"hello": "world"}.
    assertEquals(
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
        MessageSignature.contentDigest("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anythingOutsideTheProfileIsRefused() {
    String digest = MessageSignature.contentDigest(BODY);
    String sig = "sig1=:" + java.util.Base64.getEncoder().encodeToString(new byte[64]) + ":";
    assertTrue(
        MessageSignature.parse(
                "sig1=(\"@method\" \"@path\");created=1;nonce=\"n\";keyid=\"k\";alg=\"ed25519\"",
                sig,
                "POST",
                "/",
                digest)
            .isEmpty(),
        "too few components");
    assertTrue(
        MessageSignature.parse(
                "sig1=(\"@method\" \"@path\" \"content-digest\");created=1;nonce=\"n\";keyid=\"k\";alg=\"rsa-pss-sha512\"",
                sig,
                "POST",
                "/",
                digest)
            .isEmpty(),
        "another algorithm");
    assertTrue(
        MessageSignature.parse(
                "sig1=(\"@method\" \"@path\" \"content-digest\");created=1;keyid=\"k\";alg=\"ed25519\"",
                sig,
                "POST",
                "/",
                digest)
            .isEmpty(),
        "no nonce");
    assertTrue(MessageSignature.problem(null, sig, digest, BODY).isPresent());
  }
}
