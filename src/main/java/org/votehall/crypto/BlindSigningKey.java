package org.votehall.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSABlindSignatureServer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A node's RSA key for one secret ballot (RFC 9474, RSABSSA-SHA384-PSS-Randomized): signs blinded
 * tokens without seeing them. Never leaves the node that made it.
 */
public final class BlindSigningKey {
  public static final int BITS = 2048;
  private static final BigInteger EXPONENT = BigInteger.valueOf(65537);

  private final RSAPrivateCrtKeyParameters key;

  public BlindSigningKey(RSAPrivateCrtKeyParameters key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  public static BlindSigningKey generate(SecureRandom random) {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(EXPONENT, random, BITS, 100));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new BlindSigningKey((RSAPrivateCrtKeyParameters) pair.getPrivate());
  }

  /**
   * BlindSign of RFC 9474 §4.3; refuses a blinded message that is not a number below the modulus.
   */
  public byte[] blindSign(byte[] blindedMessage) {
    try {
      return new RSABlindSignatureServer(key).blindSign(blindedMessage);
    } catch (CryptoException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot sign this blinded message: " + e.getMessage(), e);
    }
  }

  public BlindPublicKey publicKey() {
    return new BlindPublicKey(key.getModulus(), key.getPublicExponent());
  }

  /**
   * The private key as PKCS#8 DER: an RFC 5208 PrivateKeyInfo holding an RFC 8017 RSAPrivateKey.
   */
  public byte[] pkcs8() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #pkcs8()} as PEM text of type {@code PRIVATE KEY}, as OpenSSL reads it. */
  public String pem() {
    try {
      return KeyFiles.pemText(PEM_TYPE, pkcs8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String PEM_TYPE = "PRIVATE KEY";

  /**
   * Reads the first {@code PRIVATE KEY} PEM block of {@code text} (lines before it are ignored, as
   * RFC 7468 §5.2 allows); the messages say what is wrong, in plain words.
   */
  public static BlindSigningKey fromPem(String text) {
    PemObject pem;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      pem = reader.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Not a PEM private key: " + e.getMessage(), e);
    }
    if (pem == null || !pem.getType().equals(PEM_TYPE)) {
      throw new IllegalArgumentException("Not a PEM private key: no PRIVATE KEY block");
    }
    return fromPkcs8(pem.getContent());
  }

  /**
   * Reads a PKCS#8 RSA private key of at least {@link #BITS} bits, with every CRT number checked
   * against the others: a key damaged on disk is refused here rather than signing tokens that no
   * published key verifies.
   */
  public static BlindSigningKey fromPkcs8(byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a PKCS#8 private key: " + e.getMessage(), e);
    }
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new IllegalArgumentException("Not an RSA private key");
    }
    AsymmetricKeyParameter parsed;
    try {
      parsed = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Not a readable RSA private key: " + e.getMessage(), e);
    }
    if (!(parsed instanceof RSAPrivateCrtKeyParameters crt)) {
      throw new IllegalArgumentException("Not an RSA private key with its CRT numbers");
    }
    if (crt.getModulus().bitLength() < BITS) {
      throw new IllegalArgumentException(
          "An RSA key of "
              + crt.getModulus().bitLength()
              + " bits is too short for a ballot: "
              + BITS
              + " at least");
    }
    if (!consistent(crt)) {
      throw new IllegalArgumentException(
          "The RSA private key's numbers do not fit together (n, e, d, p, q and the CRT values)");
    }
    return new BlindSigningKey(crt);
  }

  /** n = pq; d inverts e modulo p − 1 and q − 1; dP, dQ and qInv are what d, p and q make. */
  private static boolean consistent(RSAPrivateCrtKeyParameters k) {
    BigInteger one = BigInteger.ONE;
    BigInteger p = k.getP();
    BigInteger q = k.getQ();
    if (p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(k.getModulus())) {
      return false;
    }
    BigInteger p1 = p.subtract(one);
    BigInteger q1 = q.subtract(one);
    BigInteger e = k.getPublicExponent();
    BigInteger d = k.getExponent();
    return e.multiply(d).mod(p1).equals(one)
        && e.multiply(d).mod(q1).equals(one)
        && d.mod(p1).equals(k.getDP())
        && d.mod(q1).equals(k.getDQ())
        && k.getQInv().multiply(q).mod(p).equals(one);
  }
}
