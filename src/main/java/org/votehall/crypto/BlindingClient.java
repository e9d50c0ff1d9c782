package org.votehall.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.signers.RSABlindSignatureClient;

/**
 * The terminal's side of RFC 9474 (in Java for the simulator and tests; browsers use the same
 * scheme): blind a fresh random token, then turn the node's blind signature into a signature over
 * the token that nobody can link to the request.
 */
public final class BlindingClient {
  private static final int TOKEN_BYTES = 32;

  private final BlindPublicKey key;
  private final SecureRandom random;

  public BlindingClient(BlindPublicKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /** A request in progress: what to send (the blinded message) and what to keep. */
  public static final class Request {
    private final RSABlindSignatureClient.Blinded blinded;

    private Request(RSABlindSignatureClient.Blinded blinded) {
      this.blinded = blinded;
    }

    /** Sent to the node, with the deputy's identity. */
    public byte[] blindedMessage() {
      return blinded.getBlindedMessage();
    }

    /** The token: the randomized prepared message that the final signature covers. */
    public byte[] token() {
      return blinded.getPreparedMessage();
    }
  }

  /** Prepares and blinds a fresh random token. */
  public Request request() {
    byte[] message = new byte[TOKEN_BYTES];
    random.nextBytes(message);
    try {
      return new Request(client().blind(message));
    } catch (CryptoException e) {
      throw new IllegalStateException("Blinding failed: " + e.getMessage(), e);
    }
  }

  /**
   * Finalize: unblinds and checks the node's answer; refuses a blind signature that does not
   * verify.
   */
  public byte[] finish(Request request, byte[] blindSignature) {
    try {
      return client().finalize(request.blinded, blindSignature);
    } catch (CryptoException | RuntimeException e) {
      throw new IllegalArgumentException(
          "The blind signature does not verify: " + e.getMessage(), e);
    }
  }

  private RSABlindSignatureClient client() {
    return new RSABlindSignatureClient(BlindPublicKey.SCHEME, key.parameters(), random);
  }
}
