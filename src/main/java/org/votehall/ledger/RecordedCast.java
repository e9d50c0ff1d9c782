package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.votehall.crypto.CanonicalJson;

/**
 * A recorded (记名) cast as the terminal signed it: the deputy, the terminal, a nonce, the marks
 * object of FORMATS.md and the terminal's Ed25519 signature over {@link #signedBytes}.
 */
public record RecordedCast(
    String deputy, String terminal, String nonce, ObjectNode ballot, String signature) {
  public RecordedCast {
    ballot = ballot.deepCopy();
  }

  @Override
  public ObjectNode ballot() {
    return ballot.deepCopy();
  }

  /**
   * What the terminal signs (purpose RECORDED_CAST): canonical {@code {ballot, deputy, marks,
   * nonce}}.
   */
  public static byte[] signedBytes(
      String ballotId, String deputy, ObjectNode ballot, String nonce) {
    ObjectNode signed =
        EntryCodec.JSON
            .createObjectNode()
            .put("ballot", ballotId)
            .put("deputy", deputy)
            .put("nonce", nonce);
    signed.set("marks", ballot);
    return CanonicalJson.text(signed.toString()).getBytes(StandardCharsets.UTF_8);
  }

  ObjectNode toJson() {
    ObjectNode out = ballot.deepCopy();
    out.put("deputy", deputy)
        .put("terminal", terminal)
        .put("nonce", nonce)
        .put("signature", signature);
    return out;
  }
}
