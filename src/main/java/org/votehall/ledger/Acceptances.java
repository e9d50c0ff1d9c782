package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.votehall.crypto.CastAcceptance;

/** A cast's acceptance as bundles write it: {@code {"node": FINGERPRINT, "signature": BASE64}}. */
public final class Acceptances {
  private Acceptances() {}

  static ObjectNode toJson(CastAcceptance a) {
    return EntryCodec.JSON.createObjectNode().put("node", a.node()).put("signature", a.signature());
  }

  /** The acceptance a bundle's box entry or cast holds, if it is well-formed. */
  public static Optional<CastAcceptance> fromJson(JsonNode json) {
    return json != null && json.path("node").isTextual() && json.path("signature").isTextual()
        ? Optional.of(new CastAcceptance(json.get("node").asText(), json.get("signature").asText()))
        : Optional.empty();
  }
}
