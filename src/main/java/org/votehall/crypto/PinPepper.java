package org.votehall.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The cluster's PIN pepper: 32 random bytes that only the nodes hold, the secret input (K) of every
 * PIN's Argon2id hash ({@link PinHasher}), so that a copy of a roster, a ledger or a cluster map
 * cannot be searched for PINs offline. Every node of a cluster holds the same one. Kept as a PEM
 * file of type {@code VOTEHALL PIN PEPPER}, owner-only.
 */
public final class PinPepper {
  public static final int BYTES = 32;
  static final String PEM_TYPE = "VOTEHALL PIN PEPPER";
  private static final String PREAMBLE =
      "votehall PIN pepper: the same file on every node of one cluster; secret, never give it to"
          + " anyone else\n";
  private static final byte[] ID_TAG = "votehall/pin-pepper-id/v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] secret;

  private PinPepper(byte[] secret) {
    if (secret == null || secret.length != BYTES) {
      throw new IllegalArgumentException(
          "a PIN pepper is " + BYTES + " bytes, not " + (secret == null ? 0 : secret.length));
    }
    this.secret = secret.clone();
  }

  public static PinPepper of(byte[] secret) {
    return new PinPepper(secret);
  }

  public static PinPepper generate(SecureRandom random) {
    byte[] secret = new byte[BYTES];
    random.nextBytes(secret);
    return new PinPepper(secret);
  }

  /**
   * Who the pepper is, not what: the PHC {@code keyid} written in every hash made with it, so that
   * a node holding another pepper says so rather than finding every PIN wrong. Base64 (unpadded) of
   * the first 6 bytes of SHA-256 over a fixed tag and the pepper; it tells nothing of the pepper.
   */
  public String id() {
    byte[] tagged = new byte[ID_TAG.length + BYTES];
    System.arraycopy(ID_TAG, 0, tagged, 0, ID_TAG.length);
    System.arraycopy(secret, 0, tagged, ID_TAG.length, BYTES);
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(Sha256.digest(tagged), 6));
  }

  byte[] secret() {
    return secret.clone();
  }

  /** Writes the pepper to a file that must not exist yet, owner-only where the system allows. */
  public void write(Path file) throws IOException {
    String text = PREAMBLE + KeyFiles.pemText(PEM_TYPE, secret);
    KeyFiles.writeOwnerOnly(file, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a pepper file; the message names the file and what is wrong with it. */
  public static PinPepper read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a PIN pepper file (not ASCII text)", e);
    }
    PemObject pem;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      pem = reader.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a PIN pepper file (" + e.getMessage() + ")", e);
    }
    if (pem == null || !pem.getType().equals(PEM_TYPE)) {
      throw new IOException(file + ": not a PIN pepper file (no " + PEM_TYPE + " block)");
    }
    if (pem.getContent().length != BYTES) {
      throw new IOException(
          file + ": a PIN pepper is " + BYTES + " bytes, not " + pem.getContent().length);
    }
    return new PinPepper(pem.getContent());
  }

  /** Names the pepper by its id; never shows it. */
  @Override
  public String toString() {
    return "PinPepper[" + id() + "]";
  }
}
