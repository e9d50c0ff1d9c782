package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Optional;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;

/** Checks a {@code {node, signature}} object against the node keys the auditor trusts. */
final class Signatures {
  private Signatures() {}

  static void check(
      Findings f,
      String field,
      JsonNode sig,
      SignaturePurpose purpose,
      byte[] signed,
      Collection<VerifyingKey> keys) {
    if (!sig.path("node").isTextual() || !sig.path("signature").isTextual()) {
      f.fail(field + ": missing {node, signature}");
      return;
    }
    String node = sig.get("node").asText();
    Optional<VerifyingKey> key =
        keys.stream().filter(k -> k.fingerprint().equals(node)).findFirst();
    if (key.isEmpty()) {
      f.fail(field + ": signed by node " + node + ", which is not a trusted node key");
      return;
    }
    f.check(
        key.get().verify(purpose, signed, decode(sig.get("signature").asText())),
        field + ": the signature of node " + node + " does not verify");
  }

  /** The signature's bytes, or none (which never verifies) if the text is not strict base64. */
  static byte[] decode(String base64) {
    return StrictBase64.base64(base64).orElse(new byte[0]);
  }
}
