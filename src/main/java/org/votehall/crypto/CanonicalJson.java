package org.votehall.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 canonical JSON: one byte sequence for one JSON value, so that hashes and signatures are
 * reproducible in any language.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of a JSON text; refuses text that is not JSON. */
  public static byte[] bytes(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Not JSON that can be canonicalized: " + e.getMessage(), e);
    }
  }

  public static String text(String json) {
    return new String(bytes(json), StandardCharsets.UTF_8);
  }
}
