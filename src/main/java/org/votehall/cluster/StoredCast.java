package org.votehall.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.CastAcceptance;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.VerifyingKey;

/**
 * A cast as the cluster keeps it: keyed by its voter (the deputy for a recorded ballot, the token
 * for a secret one), with its marks object and the whole stored content, both canonical JSON. A
 * secret cast's content holds no deputy, terminal, address, time or arrival order. The receipt is
 * the digest of the content, which the deputy can later find in the published box; the acceptance
 * is the accepting node's signature over the ballot and the receipt.
 */
public record StoredCast(
    String voter, String marks, String content, String receipt, CastAcceptance acceptance)
    implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHED = 100_000;
  private static final java.util.Map<String, Boolean> CHECKED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The cast of {@code content}, accepted by this node for {@code ballot}. */
  static StoredCast accept(String ballot, String content, RecordSigner signer) {
    String canonical = CanonicalJson.text(content);
    JsonNode json = read(canonical);
    String receipt = Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    return new StoredCast(
        voter(json),
        marks(json),
        canonical,
        receipt,
        CastAcceptance.sign(signer.nodeKey(), ballot, receipt));
  }

  /**
   * True if a trusted node accepted this cast for {@code ballot} and every field agrees with the
   * content it signed: the voter and marks are read off the content, never taken on trust.
   */
  boolean accepted(String ballot, String key, Collection<VerifyingKey> trusted) {
    // Counted again for every live figure and tally, on whichever member holds it: remembered.
    String memo =
        ballot
            + '\0'
            + key
            + '\0'
            + this
            + '\0'
            + trusted.stream().map(VerifyingKey::base64).sorted().toList();
    Boolean known = CHECKED.get(memo);
    if (known == null) {
      known = check(ballot, key, trusted);
      if (CHECKED.size() >= CACHED) {
        CHECKED.clear();
      }
      CHECKED.put(memo, known);
    }
    return known;
  }

  private boolean check(String ballot, String key, Collection<VerifyingKey> trusted) {
    if (content == null
        || receipt == null
        || acceptance == null
        || voter == null
        || marks == null
        || key == null) {
      return false;
    }
    try {
      JsonNode json = read(content);
      return content.equals(CanonicalJson.text(content))
          && receipt.equals(Sha256.hex(content.getBytes(StandardCharsets.UTF_8)))
          && key.equals(voter)
          && voter.equals(voter(json))
          && marks.equals(marks(json))
          && acceptance.holds(ballot, receipt, trusted);
    } catch (RuntimeException e) {
      return false; // whatever a member put there, it is not a cast a node accepted
    }
  }

  private static String voter(JsonNode content) {
    JsonNode voter = content.has("token") ? content.get("token") : content.get("deputy");
    if (voter == null || !voter.isTextual()) {
      throw new IllegalArgumentException("a cast names neither a token nor a deputy");
    }
    return voter.asText();
  }

  private static String marks(JsonNode content) {
    ObjectNode marks = JSON.createObjectNode();
    marks.set("marks", content.get("marks"));
    if (content.has("writeIns")) {
      marks.set("writeIns", content.get("writeIns"));
    }
    return CanonicalJson.text(marks.toString());
  }

  private static JsonNode read(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("a cast's content is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("a cast's content is not JSON", e);
    }
  }
}
