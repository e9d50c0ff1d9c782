package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;

/**
 * A node's signed statement that its ledger's entry {@code seq} has hash {@code head}: everything
 * up to there is fixed. {@code node} is the fingerprint of the signing node key.
 */
public record Checkpoint(String node, long seq, String head, String signature) {

  static Checkpoint sign(SigningKey key, long seq, String head) {
    String node = key.verifyingKey().fingerprint();
    byte[] signature = key.sign(SignaturePurpose.LEDGER_CHECKPOINT, signed(node, seq, head));
    return new Checkpoint(node, seq, head, Base64.getEncoder().encodeToString(signature));
  }

  /** True if one of {@code nodeKeys} is the named node's and its signature holds. */
  public boolean verify(Collection<VerifyingKey> nodeKeys) {
    Optional<VerifyingKey> key =
        nodeKeys.stream().filter(k -> k.fingerprint().equals(node)).findFirst();
    byte[] sig = StrictBase64.base64(signature).orElse(new byte[0]);
    return key.isPresent()
        && key.get().verify(SignaturePurpose.LEDGER_CHECKPOINT, signed(node, seq, head), sig);
  }

  public ObjectNode toJson() {
    ObjectNode out = EntryCodec.JSON.createObjectNode();
    return out.put("node", node).put("seq", seq).put("head", head).put("signature", signature);
  }

  /** Reads a checkpoint; refuses one with a missing or mistyped field. */
  public static Checkpoint fromJson(JsonNode json) {
    if (json == null
        || !json.path("node").isTextual()
        || !json.path("seq").canConvertToLong()
        || !json.path("head").isTextual()
        || !json.path("signature").isTextual()) {
      throw new IllegalArgumentException("A checkpoint needs node, seq, head and signature");
    }
    return new Checkpoint(
        json.get("node").asText(),
        json.get("seq").asLong(),
        json.get("head").asText(),
        json.get("signature").asText());
  }

  private static byte[] signed(String node, long seq, String head) {
    ObjectNode statement =
        EntryCodec.JSON.createObjectNode().put("node", node).put("seq", seq).put("head", head);
    return CanonicalJson.text(statement.toString()).getBytes(StandardCharsets.UTF_8);
  }
}
