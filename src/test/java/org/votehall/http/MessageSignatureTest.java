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

  /**
   * A whole-cluster restart empties the map of used nonces, so a node refuses what was signed
   * before it started serving; within the freshness window otherwise, to the second.
   */
  @Test
  void aRequestSignedBeforeTheNodeStartedIsToBeSignedAgain() {
    Instant started = Instant.parse("2026-12-01T09:00:00.700Z");
    Instant now = started.plusSeconds(30);
    assertEquals(
        MessageSignature.Timing.BEFORE_START,
        MessageSignature.timing(Instant.parse("2026-12-01T08:59:59Z"), now, started),
        "a second before: captured before a restart");
    assertEquals(
        MessageSignature.Timing.BEFORE_START,
        MessageSignature.timing(now.minusSeconds(119), now, started),
        "fresh by the clock, but before the start");
    assertEquals(
        MessageSignature.Timing.FRESH,
        MessageSignature.timing(Instant.parse("2026-12-01T09:00:00Z"), now, started),
        "created has whole seconds: the second the node started in passes");
    assertEquals(MessageSignature.Timing.FRESH, MessageSignature.timing(now, now, started));
    assertEquals(
        MessageSignature.Timing.OUT_OF_WINDOW,
        MessageSignature.timing(now.minusSeconds(121), now, started),
        "stale by the clock first");
    assertEquals(
        MessageSignature.Timing.OUT_OF_WINDOW,
        MessageSignature.timing(now.plusSeconds(121), now, started));
    Instant later = started.plus(MessageSignature.FRESHNESS).plusSeconds(1);
    assertEquals(
        MessageSignature.Timing.FRESH,
        MessageSignature.timing(later.minus(MessageSignature.FRESHNESS), later, started),
        "two minutes after the start, the window alone decides");
  }

  /** A nonce is kept as long as a request carrying it can be fresh: the whole window. */
  @Test
  void aNonceIsKeptForTheFreshnessWindow() {
    assertEquals(java.time.Duration.ofMinutes(2), MessageSignature.FRESHNESS);
    assertEquals(MessageSignature.FRESHNESS.multipliedBy(2), MessageSignature.NONCE_TTL);
    Instant created = Instant.ofEpochSecond(1_790_000_000L);
    Instant firstSeen = created.minus(MessageSignature.FRESHNESS); // the earliest it is fresh
    Instant lastFresh = created.plus(MessageSignature.FRESHNESS);
    assertEquals(MessageSignature.NONCE_TTL, java.time.Duration.between(firstSeen, lastFresh));
    assertEquals(
        MessageSignature.Timing.OUT_OF_WINDOW,
        MessageSignature.timing(
            created, firstSeen.plus(MessageSignature.NONCE_TTL).plusSeconds(1), Instant.EPOCH),
        "once the nonce is forgotten, the request is stale");
  }
}
