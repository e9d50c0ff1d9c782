package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ballot's blind-signing key as PKCS#8 (DER and PEM): what a node keeps on disk. */
class BlindKeyFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static BlindSigningKey key;

  @TempDir Path dir;

  @BeforeAll
  static void oneKey() {
    key = BlindSigningKey.generate(RANDOM);
  }

  @Test
  void derAndPemRoundTripToTheSameKey() {
    BlindSigningKey fromDer = BlindSigningKey.fromPkcs8(key.pkcs8());
    BlindSigningKey fromPem = BlindSigningKey.fromPem(key.pem());
    assertEquals(key.publicKey(), fromDer.publicKey());
    assertEquals(key.publicKey(), fromPem.publicKey());
    assertArrayEquals(key.pkcs8(), fromPem.pkcs8(), "the encoding is stable");
    assertTrue(key.pem().startsWith("-----BEGIN PRIVATE KEY-----\n"), key.pem());
  }

  @Test
  void aReadKeySignsWhatTheOriginalsPublicKeyVerifies() {
    BlindSigningKey read = BlindSigningKey.fromPem(key.pem());
    BlindPublicKey published = key.publicKey();
    BlindingClient client = new BlindingClient(published, RANDOM);
    BlindingClient.Request request = client.request();
    byte[] signature = client.finish(request, read.blindSign(request.blindedMessage()));
    assertTrue(published.verify(request.token(), signature));
  }

  @Test
  void linesBeforeThePemBlockAreExplanatoryText() {
    String text = "made by votehall for one ballot\n" + key.pem();
    assertEquals(key.publicKey(), BlindSigningKey.fromPem(text).publicKey());
  }

  @Test
  void openSslReadsThePemAndDerivesThePublishedKey() throws Exception {
    Assumptions.assumeTrue(exitCode("openssl", "version") == 0, "openssl is not installed");
    Path file = Files.writeString(dir.resolve("ballot.key"), key.pem());
    Process p =
        new ProcessBuilder("openssl", "pkey", "-in", file.toString(), "-pubout", "-outform", "DER")
            .start();
    byte[] spki = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
    assertEquals(key.publicKey().base64(), java.util.Base64.getEncoder().encodeToString(spki));
  }

  @Test
  void whatIsNotAnRsaPrivateKeyIsRefusedSayingWhy() throws Exception {
    assertRefused("Not a PEM private key", () -> BlindSigningKey.fromPem("not pem"));
    assertRefused(
        "Not a PEM private key",
        () -> BlindSigningKey.fromPem(key.pem().replace("PRIVATE KEY", "PUBLIC KEY")));
    assertRefused("Not a PKCS#8 private key", () -> BlindSigningKey.fromPkcs8(new byte[] {1, 2}));
    byte[] ed25519 = KeyFiles.pkcs8(SigningKey.generate(RANDOM).parameters());
    assertRefused("Not an RSA private key", () -> BlindSigningKey.fromPkcs8(ed25519));
    byte[] truncated = java.util.Arrays.copyOf(key.pkcs8(), key.pkcs8().length - 1);
    assertRefused("Not a PKCS#8 private key", () -> BlindSigningKey.fromPkcs8(truncated));
  }

  @Test
  void aKeyShorterThan2048BitsIsRefused() throws Exception {
    var generator = new org.bouncycastle.crypto.generators.RSAKeyPairGenerator();
    generator.init(
        new org.bouncycastle.crypto.params.RSAKeyGenerationParameters(
            BigInteger.valueOf(65537), RANDOM, 1024, 100));
    var small = (RSAPrivateCrtKeyParameters) generator.generateKeyPair().getPrivate();
    byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(small).getEncoded();
    assertRefused("1024 bits is too short", () -> BlindSigningKey.fromPkcs8(der));
  }

  /** A damaged number (one flipped bit, as a disk may give) is caught by the CRT checks. */
  @Test
  void aKeyWhoseNumbersDoNotFitTogetherIsRefused() throws Exception {
    var k =
        (RSAPrivateCrtKeyParameters)
            PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.pkcs8()));
    RSAPrivateCrtKeyParameters damaged =
        new RSAPrivateCrtKeyParameters(
            k.getModulus(),
            k.getPublicExponent(),
            k.getExponent().flipBit(7),
            k.getP(),
            k.getQ(),
            k.getDP(),
            k.getDQ(),
            k.getQInv());
    byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(damaged).getEncoded();
    assertRefused("do not fit together", () -> BlindSigningKey.fromPkcs8(der));
    RSAPrivateCrtKeyParameters badCrt =
        new RSAPrivateCrtKeyParameters(
            k.getModulus(),
            k.getPublicExponent(),
            k.getExponent(),
            k.getP(),
            k.getQ(),
            k.getDP(),
            k.getDQ(),
            k.getQInv().flipBit(3));
    byte[] der2 = PrivateKeyInfoFactory.createPrivateKeyInfo(badCrt).getEncoded();
    assertRefused("do not fit together", () -> BlindSigningKey.fromPkcs8(der2));
  }

  private static void assertRefused(String expected, Runnable read) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static int exitCode(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
