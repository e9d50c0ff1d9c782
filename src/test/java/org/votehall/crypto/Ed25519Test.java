package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ed25519 as Bouncy Castle's own tests do it: the RFC vector, a round-trip loop, bit-flip
 * negatives.
 */
class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc8032TestOne() {
    // RFC 8032 §7.1, TEST 1: the empty message.
    byte[] secret =
        HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(secret, 0);
    assertEquals(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        HEX.formatHex(key.generatePublicKey().getEncoded()));
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    assertEquals(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        HEX.formatHex(signer.generateSignature()));
  }

  @Test
  void aSignatureVerifiesForItsPurposeOnly() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    byte[] message = "{\"seq\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] signature = key.sign(SignaturePurpose.LEDGER_CHECKPOINT, message);
    assertTrue(key.verifyingKey().verify(SignaturePurpose.LEDGER_CHECKPOINT, message, signature));
    for (SignaturePurpose other : SignaturePurpose.values()) {
      if (other != SignaturePurpose.LEDGER_CHECKPOINT) {
        assertFalse(key.verifyingKey().verify(other, message, signature), other.name());
      }
    }
  }

  @Test
  void roundTripsAndRefusesEveryFlippedBit() {
    Random random = new Random(8032);
    SecureRandom secure = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      SigningKey key = SigningKey.generate(secure);
      byte[] message = new byte[random.nextInt(200)];
      random.nextBytes(message);
      byte[] signature = key.sign(SignaturePurpose.RESULT, message);
      VerifyingKey pub = key.verifyingKey();
      assertTrue(pub.verify(SignaturePurpose.RESULT, message, signature));
      int bit = random.nextInt(signature.length * 8);
      byte[] flipped = signature.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(pub.verify(SignaturePurpose.RESULT, message, flipped), "signature bit " + bit);
      if (message.length > 0) {
        byte[] changed = message.clone();
        changed[random.nextInt(changed.length)] ^= 1;
        assertFalse(pub.verify(SignaturePurpose.RESULT, changed, signature));
      }
      assertFalse(
          SigningKey.generate(secure)
              .verifyingKey()
              .verify(SignaturePurpose.RESULT, message, signature));
    }
  }

  @Test
  void aPublicKeyIsA44ByteSubjectPublicKeyInfo() {
    VerifyingKey pub = SigningKey.generate(new SecureRandom()).verifyingKey();
    assertEquals(44, pub.spki().length);
    assertEquals("302a300506032b6570032100", HEX.formatHex(pub.spki()).substring(0, 24));
    assertEquals(pub, VerifyingKey.fromBase64(pub.base64()));
    assertEquals(16, pub.fingerprint().length());
    assertFalse(pub.verify(SignaturePurpose.RESULT, new byte[0], new byte[10]));
    assertThrows(IllegalArgumentException.class, () -> VerifyingKey.fromBase64("not a key"));
  }

  @Test
  void keysSurviveTheirPemFilesAndAPrivateKeyIsNeverOverwritten(@TempDir Path dir)
      throws Exception {
    SigningKey key = SigningKey.generate(new SecureRandom());
    KeyFiles.writePrivate(dir.resolve("node.key"), key);
    KeyFiles.writePublic(dir.resolve("node.pub"), key.verifyingKey());
    SigningKey read = KeyFiles.readPrivate(dir.resolve("node.key"));
    assertEquals(key.verifyingKey(), read.verifyingKey());
    assertEquals(key.verifyingKey(), KeyFiles.readPublic(dir.resolve("node.pub")));
    byte[] message = {1, 2, 3};
    assertArrayEquals(
        key.sign(SignaturePurpose.BUNDLE, message), read.sign(SignaturePurpose.BUNDLE, message));
    assertThrows(
        FileAlreadyExistsException.class,
        () ->
            KeyFiles.writePrivate(
                dir.resolve("node.key"), SigningKey.generate(new SecureRandom())));
    assertEquals(key.verifyingKey(), KeyFiles.readPrivate(dir.resolve("node.key")).verifyingKey());
    assertThrows(java.io.IOException.class, () -> KeyFiles.readPublic(dir.resolve("node.key")));
  }
}
