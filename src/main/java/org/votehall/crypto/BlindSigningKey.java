package org.votehall.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSABlindSignatureServer;

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
}
