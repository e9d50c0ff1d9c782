package org.votehall.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * A node's signed statement that it accepted a cast into a ballot's box and acknowledged it: the
 * Ed25519 signature (purpose {@link SignaturePurpose#CAST_ACCEPTANCE}) over canonical {@code
 * {"ballot": ID, "receipt": HEX}}, where the receipt is the SHA-256 of the cast's canonical
 * content. The box entry in the cluster and in the bundle carries it, so a cast no trusted node
 * accepted is never counted.
 */
public record CastAcceptance(String node, String signature) implements java.io.Serializable {

  public static CastAcceptance sign(SigningKey key, String ballot, String receipt) {
    byte[] sig = key.sign(SignaturePurpose.CAST_ACCEPTANCE, statement(ballot, receipt));
    return new CastAcceptance(
        key.verifyingKey().fingerprint(), Base64.getEncoder().encodeToString(sig));
  }

  /** True if one of {@code trusted} is the named node's key and the signature holds. */
  public boolean holds(String ballot, String receipt, Collection<VerifyingKey> trusted) {
    Optional<VerifyingKey> key =
        trusted.stream().filter(k -> k.fingerprint().equals(node)).findFirst();
    Optional<byte[]> sig = StrictBase64.base64(signature == null ? "" : signature);
    return key.isPresent()
        && sig.isPresent()
        && key.get()
            .verify(SignaturePurpose.CAST_ACCEPTANCE, statement(ballot, receipt), sig.get());
  }

  static byte[] statement(String ballot, String receipt) {
    String json = "{\"ballot\":" + quote(ballot) + ",\"receipt\":" + quote(receipt) + "}";
    return CanonicalJson.text(json).getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal; canonicalizing then gives RFC 8785's escaping. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\' || c < 0x20) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
