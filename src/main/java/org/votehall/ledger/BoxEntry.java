package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One anonymous cast in a secret ballot's box: the token, the ballot key's signature over it, and
 * the marks object of docs/formats.md ({@code {"marks": …, "writeIns": …}}). Nothing names the
 * deputy.
 */
public record BoxEntry(String token, String blindSignature, ObjectNode ballot) {
  public BoxEntry {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(blindSignature, "blindSignature");
    ballot = ballot.deepCopy();
  }

  @Override
  public ObjectNode ballot() {
    return ballot.deepCopy();
  }

  /**
   * As the bundle's box holds it: a docs/formats.md ballot line with the token and signature added.
   */
  ObjectNode toJson() {
    ObjectNode out = ballot.deepCopy();
    out.put("token", token).put("blindSignature", blindSignature);
    return out;
  }
}
