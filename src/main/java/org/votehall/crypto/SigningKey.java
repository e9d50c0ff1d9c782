package org.votehall.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 private key (a node's or a terminal's) that signs for a stated purpose. */
public final class SigningKey {
  private final Ed25519PrivateKeyParameters key;

  public SigningKey(Ed25519PrivateKeyParameters key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  public static SigningKey generate(SecureRandom random) {
    return new SigningKey(new Ed25519PrivateKeyParameters(random));
  }

  public byte[] sign(SignaturePurpose purpose, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] prefix = purpose.prefix();
    signer.update(prefix, 0, prefix.length);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  public VerifyingKey verifyingKey() {
    return new VerifyingKey(key.generatePublicKey());
  }

  Ed25519PrivateKeyParameters parameters() {
    return key;
  }

  @Override
  public String toString() {
    return "SigningKey[" + verifyingKey().fingerprint() + "]"; // never the private key
  }
}
