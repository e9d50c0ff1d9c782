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
 * node's signed acceptance of it. Nothing names the deputy.
 */
public record BoxEntry(
    String token, String blindSignature, ObjectNode ballot, CastAcceptance acceptance) {
  public BoxEntry {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(blindSignature, "blindSignature");
    Objects.requireNonNull(acceptance, "acceptance");
    ballot = ballot.deepCopy();
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
  ObjectNode toJson() {
    ObjectNode out = content(token, blindSignature, ballot);
    out.set("acceptance", Acceptances.toJson(acceptance));
    return out;
  }
}
