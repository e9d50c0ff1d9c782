package org.votehall.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** An Ed25519 public key (a node's or a terminal's); verifies signatures made for a purpose. */
public record VerifyingKey(Ed25519PublicKeyParameters key) {

  public VerifyingKey {
    Objects.requireNonNull(key, "key");
  }

  public boolean verify(SignaturePurpose purpose, byte[] message, byte[] signature) {
    if (signature == null || signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    byte[] prefix = purpose.prefix();
    verifier.update(prefix, 0, prefix.length);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** Keys are equal when their encodings are (Bouncy Castle's parameters compare by identity). */
  @Override
  public boolean equals(Object other) {
    return other instanceof VerifyingKey k
        && java.util.Arrays.equals(key.getEncoded(), k.key.getEncoded());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(key.getEncoded());
  }

  @Override
  public String toString() {
    return "VerifyingKey[" + fingerprint() + "]";
  }

  /** SubjectPublicKeyInfo DER (44 bytes). */
  public byte[] spki() {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SubjectPublicKeyInfo DER in base64, as bundles carry a key. */
  public String base64() {
    return Base64.getEncoder().encodeToString(spki());
  }

  /** A short, stable name for the key: the first 16 hex digits of SHA-256 over its SPKI. */
  public String fingerprint() {
    return Sha256.hex(spki()).substring(0, 16);
  }

  /**
   * Reads a SubjectPublicKeyInfo. Messages name what is wrong in plain words, not the ASN.1
   * parser's own (they reach auditors through {@code verify}).
   */
  public static VerifyingKey fromSpki(byte[] der) {
    AsymmetricKeyParameter parsed;
    try {
      parsed = PublicKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Not an Ed25519 key: not a DER SubjectPublicKeyInfo", e);
    }
    if (!(parsed instanceof Ed25519PublicKeyParameters ed)) {
      throw new IllegalArgumentException("Not an Ed25519 key: a key of another algorithm");
    }
    return new VerifyingKey(ed);
  }

  public static VerifyingKey fromBase64(String spki) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(spki);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an Ed25519 key: not base64", e);
    }
    return fromSpki(der);
  }
}
