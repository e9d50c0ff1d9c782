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
    ballot = ballot.deepCopy();
  }

  /** A cast not (yet) accepted by a node, as the ledger records it. */
  public RecordedCast(
      String deputy, String terminal, String nonce, ObjectNode ballot, String signature) {
    this(deputy, terminal, nonce, ballot, signature, null);
  }

  /** This cast accepted by the node that signed {@code acceptance}. */
  public RecordedCast accepted(CastAcceptance acceptance) {
    return new RecordedCast(deputy, terminal, nonce, ballot, signature, acceptance);
  }

  /** The cast as the box keeps it, without its acceptance: its SHA-256 is the receipt. */
  public ObjectNode content() {
    return content(deputy, terminal, nonce, ballot, signature);
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

  /** As a bundle's casts hold it: the content and the acceptance. */
  ObjectNode toJson() {
    ObjectNode out = content();
    out.set(
        "acceptance",
        Acceptances.toJson(java.util.Objects.requireNonNull(acceptance, "acceptance")));
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
