package org.votehall.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSABlindSignatureParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The public half of a ballot's blind-signing key, published at open: whoever holds a token it
 * signed was issued a ballot (RFC 9474 Verify: RSASSA-PSS, SHA-384, MGF1-SHA-384, salt 48).
 */
public record BlindPublicKey(BigInteger modulus, BigInteger exponent) {
  static final RSABlindSignatureParameters SCHEME =
      RSABlindSignatureParameters.RSABSSA_SHA384_PSS_RANDOMIZED;

  RSAKeyParameters parameters() {
    return new RSAKeyParameters(false, modulus, exponent);
  }

  /** True if {@code signature} is this key's signature over the token (the prepared message). */
  public boolean verify(byte[] token, byte[] signature) {
    if (signature == null || signature.length != (modulus.bitLength() + 7) / 8) {
      return false;
    }
    PSSSigner verifier =
        new PSSSigner(new RSABlindedEngine(), new SHA384Digest(), SCHEME.getSaltLength());
    verifier.init(false, parameters());
    verifier.update(token, 0, token.length);
    return verifier.verifySignature(signature);
  }

  public String base64() {
    try {
      return Base64.getEncoder()
          .encodeToString(
              SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(parameters()).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a base64 SubjectPublicKeyInfo; messages in plain words, as for {@link VerifyingKey}. */
  public static BlindPublicKey fromBase64(String spki) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(spki);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an RSA public key: not base64", e);
    }
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Not an RSA public key: not a DER SubjectPublicKeyInfo", e);
    }
    if (!(key instanceof RSAKeyParameters rsa) || rsa.isPrivate()) {
      throw new IllegalArgumentException("Not an RSA public key");
    }
    return new BlindPublicKey(rsa.getModulus(), rsa.getExponent());
  }
}
