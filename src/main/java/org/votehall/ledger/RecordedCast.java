package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.CastAcceptance;
import org.votehall.crypto.SigningKey;

/**
 * A recorded (记名) cast as the terminal signed it: the deputy, the terminal, a nonce, the marks
 * object of docs/formats.md and the terminal's Ed25519 signature over {@link #signedBytes}.
 */
public record RecordedCast(
    String deputy,
    String terminal,
    String nonce,
    ObjectNode ballot,
    String signature,
    CastAcceptance acceptance) {
  public RecordedCast {
    java.util.Objects.requireNonNull(acceptance, "acceptance");
    ballot = ballot.deepCopy();
  }

  /** The cast as {@code node} accepts it for {@code ballotId} (for tools and tests). */
  public static RecordedCast accept(
      String deputy,
      String terminal,
      String nonce,
      ObjectNode ballot,
      String signature,
      SigningKey node,
      String ballotId) {
    String receipt = BoxEntry.receipt(content(deputy, terminal, nonce, ballot, signature));
    return new RecordedCast(
        deputy, terminal, nonce, ballot, signature, CastAcceptance.sign(node, ballotId, receipt));
  }

  @Override
  public ObjectNode ballot() {
    return ballot.deepCopy();
  }

  /**
   * What the terminal signs (purpose RECORDED_CAST): canonical {@code {"ballot": ID, "deputy": ID,
   * "marks": {...}, "nonce": N}}, where {@code marks} is the marks map itself, the {@code marks}
   * member of the docs/formats.md marks object {@code ballot} (docs/api.md, "A recorded cast"). A
   * recorded ballot is never an election, so there are no write-ins to sign.
   */
  public static byte[] signedBytes(
      String ballotId, String deputy, ObjectNode ballot, String nonce) {
    ObjectNode signed =
        EntryCodec.JSON
            .createObjectNode()
            .put("ballot", ballotId)
            .put("deputy", deputy)
            .put("nonce", nonce);
    JsonNode marks = ballot.get("marks"); // missing only in a broken bundle, refused anyway
    signed.set("marks", marks == null ? NullNode.getInstance() : marks.deepCopy());
    return CanonicalJson.text(signed.toString()).getBytes(StandardCharsets.UTF_8);
  }

  ObjectNode toJson() {
    ObjectNode out = content(deputy, terminal, nonce, ballot, signature);
    out.set("acceptance", Acceptances.toJson(acceptance));
    return out;
  }

  private static ObjectNode content(
      String deputy, String terminal, String nonce, ObjectNode ballot, String signature) {
    return ballot
        .deepCopy()
        .put("deputy", deputy)
        .put("terminal", terminal)
        .put("nonce", nonce)
        .put("signature", signature);
  }
}
