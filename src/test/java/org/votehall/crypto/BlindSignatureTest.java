package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9474 blind RSA signatures: the RFC's test vector, then the randomized scheme end to end. */
class BlindSignatureTest {
  private static BlindSigningKey ballotKey;

  @BeforeAll
  static void makeOneBallotKey() {
    ballotKey = BlindSigningKey.generate(new SecureRandom());
  }

  private static BigInteger hex(JsonNode v, String field) {
    return new BigInteger(v.get(field).asText(), 16);
  }

  @Test
  void rfc9474AppendixATestVector() throws Exception {
    JsonNode v;
    try (InputStream in = getClass().getResourceAsStream("/vectors-crypto/rfc9474-a1.json")) {
      v = new ObjectMapper().readTree(in);
    }
    BigInteger n = hex(v, "n");
    BigInteger e = hex(v, "e");
    BigInteger d = hex(v, "d");
    BigInteger p = hex(v, "p");
    BigInteger q = hex(v, "q");
    RSAPrivateCrtKeyParameters crt =
        new RSAPrivateCrtKeyParameters(
            n,
            e,
            d,
            p,
            q,
            d.mod(p.subtract(BigInteger.ONE)),
            d.mod(q.subtract(BigInteger.ONE)),
            q.modInverse(p));
    HexFormat hexf = HexFormat.of();
    byte[] blindSig =
        new BlindSigningKey(crt).blindSign(hexf.parseHex(v.get("blinded_msg").asText()));
    assertEquals(v.get("blind_sig").asText(), hexf.formatHex(blindSig));
    // The blind signature is the blinded message to the power d: raising it to e gives it back.
    BigInteger blinded = new BigInteger(v.get("blinded_msg").asText(), 16);
    assertEquals(blinded, new BigInteger(1, blindSig).modPow(e, n));
    // The vector's "sig" field is left unchecked: it is not a PSS signature under (n, e) at all
    // (sig^e mod n ends in 0x42, not PSS's 0xbc), by the JDK's verifier as by Bouncy Castle's.
  }

  @Test
  void ourVerificationAgreesWithTheJdksRsassaPss() throws Exception {
    java.security.PublicKey jdkKey =
        java.security.KeyFactory.getInstance("RSA")
            .generatePublic(
                new java.security.spec.RSAPublicKeySpec(
                    ballotKey.publicKey().modulus(), ballotKey.publicKey().exponent()));
    java.security.Signature jdk = java.security.Signature.getInstance("RSASSA-PSS");
    jdk.setParameter(
        new java.security.spec.PSSParameterSpec(
            "SHA-384", "MGF1", java.security.spec.MGF1ParameterSpec.SHA384, 48, 1));
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), new SecureRandom());
    for (int i = 0; i < 5; i++) {
      BlindingClient.Request request = terminal.request();
      byte[] signature = terminal.finish(request, ballotKey.blindSign(request.blindedMessage()));
      jdk.initVerify(jdkKey);
      jdk.update(request.token());
      assertTrue(jdk.verify(signature), "the JDK accepts what Bouncy Castle made");
      assertTrue(ballotKey.publicKey().verify(request.token(), signature));
    }
  }

  @Test
  void aTokenSignedBlindVerifiesUnderTheBallotKey() {
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), new SecureRandom());
    BlindingClient.Request request = terminal.request();
    assertEquals(
        64, request.token().length); // 32 random prefix bytes, then the 32-byte token message
    byte[] signature = terminal.finish(request, ballotKey.blindSign(request.blindedMessage()));
    assertTrue(ballotKey.publicKey().verify(request.token(), signature));

    byte[] otherToken = request.token().clone();
    otherToken[40] ^= 1;
    assertFalse(ballotKey.publicKey().verify(otherToken, signature));
    BlindPublicKey otherBallot = BlindSigningKey.generate(new SecureRandom()).publicKey();
    assertFalse(otherBallot.verify(request.token(), signature));
  }

  @Test
  void whatTheNodeSeesIsNotTheToken() {
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), new SecureRandom());
    BlindingClient.Request request = terminal.request();
    byte[] blindSignature = ballotKey.blindSign(request.blindedMessage());
    byte[] signature = terminal.finish(request, blindSignature);
    assertFalse(java.util.Arrays.equals(blindSignature, signature));
    assertFalse(
        new BigInteger(1, request.blindedMessage()).equals(new BigInteger(1, request.token())));
  }

  @Test
  void aWrongBlindSignatureIsRefusedByTheTerminal() {
    BlindingClient terminal = new BlindingClient(ballotKey.publicKey(), new SecureRandom());
    BlindingClient.Request request = terminal.request();
    byte[] blindSignature = ballotKey.blindSign(request.blindedMessage());
    blindSignature[10] ^= 1;
    assertThrows(IllegalArgumentException.class, () -> terminal.finish(request, blindSignature));
  }

  @Test
  void theBallotKeyTravelsAsBase64SubjectPublicKeyInfo() {
    BlindPublicKey pub = ballotKey.publicKey();
    assertEquals(pub, BlindPublicKey.fromBase64(pub.base64()));
    assertEquals(BlindSigningKey.BITS, pub.modulus().bitLength());
    assertThrows(IllegalArgumentException.class, () -> BlindPublicKey.fromBase64("AAAA"));
    assertArrayEquals(
        pub.modulus().toByteArray(),
        BlindPublicKey.fromBase64(pub.base64()).modulus().toByteArray());
  }

  @Test
  void theNodeRefusesAMessageOutsideTheModulus() {
    byte[] tooBig = new byte[BlindSigningKey.BITS / 8 + 1];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    assertThrows(IllegalArgumentException.class, () -> ballotKey.blindSign(tooBig));
  }
}
