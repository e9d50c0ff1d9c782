package org.votehall.crypto;

import java.util.Base64;
import java.util.Optional;

/**
 * Strict base64: a text counts only if it is the one encoding of its bytes. Java's decoders accept
 * non-zero padding bits, so two texts can decode to the same bytes; an auditor must not let a
 * changed character (or one token written two ways) pass as the same value.
 */
public final class StrictBase64 {
  private StrictBase64() {}

  public static Optional<byte[]> base64(String text) {
    return strict(text, Base64.getDecoder(), Base64.getEncoder());
  }

  /** Tokens: URL-safe base64 without padding. */
  public static Optional<byte[]> base64Url(String text) {
    return strict(text, Base64.getUrlDecoder(), Base64.getUrlEncoder().withoutPadding());
  }

  private static Optional<byte[]> strict(
      String text, Base64.Decoder decoder, Base64.Encoder encoder) {
    try {
      byte[] bytes = decoder.decode(text);
      return encoder.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
