package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.CastAcceptance;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SigningKey;

/**
 * One anonymous cast in a secret ballot's box: the token, the ballot key's signature over it, and
 * the marks object of docs/formats.md ({@code {"marks": …, "writeIns": …}}), and the accepting
 * node's signed acceptance of it (null in a ledger entry: the ledger is the node's own
 * acknowledgement). Nothing names the deputy.
 */
public record BoxEntry(
    String token, String blindSignature, ObjectNode ballot, CastAcceptance acceptance) {
  public BoxEntry {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(blindSignature, "blindSignature");
    ballot = ballot.deepCopy();
  }

  /** A cast not (yet) accepted by a node, as the ledger records it. */
  public BoxEntry(String token, String blindSignature, ObjectNode ballot) {
    this(token, blindSignature, ballot, null);
  }

  /** This cast accepted by the node that signed {@code acceptance}. */
  public BoxEntry accepted(CastAcceptance acceptance) {
    return new BoxEntry(token, blindSignature, ballot, acceptance);
  }

  /** The cast as the box keeps it, without its acceptance: its SHA-256 is the receipt. */
  public ObjectNode content() {
    return content(token, blindSignature, ballot);
  }

  /** The entry as {@code node} accepts it for {@code ballotId} (for tools and tests). */
  public static BoxEntry accept(
      String token, String blindSignature, ObjectNode ballot, SigningKey node, String ballotId) {
    String receipt = receipt(content(token, blindSignature, ballot));
    return new BoxEntry(
        token, blindSignature, ballot, CastAcceptance.sign(node, ballotId, receipt));
  }

  /**
   * The SHA-256 of a cast's canonical content: what the deputy's receipt and the acceptance name.
   */
  public static String receipt(ObjectNode content) {
    return Sha256.hex(CanonicalJson.text(content.toString()).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode content(String token, String blindSignature, ObjectNode ballot) {
    return ballot.deepCopy().put("token", token).put("blindSignature", blindSignature);
  }

  @Override
  public ObjectNode ballot() {
    return ballot.deepCopy();
  }

  /**
   * As the bundle's box holds it: a docs/formats.md ballot line with the token and signature added.
   */
  /** As a bundle's box holds it: the content and the acceptance. */
  ObjectNode toJson() {
    ObjectNode out = content();
    out.set("acceptance", Acceptances.toJson(Objects.requireNonNull(acceptance, "acceptance")));
    return out;
  }
}
