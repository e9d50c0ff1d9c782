package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.votehall.crypto.CastAcceptance;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Acceptances;
import org.votehall.ledger.BoxEntry;

/**
 * Each counted cast was acknowledged by a trusted node: its {@code acceptance} is that node's
 * signature over the ballot and the receipt (the SHA-256 of the cast without its acceptance).
 */
final class AcceptanceCheck {
  private AcceptanceCheck() {}

  static void check(
      Findings f, String where, String ballot, JsonNode cast, List<VerifyingKey> nodeKeys) {
    Optional<CastAcceptance> acceptance = Acceptances.fromJson(cast.get("acceptance"));
    if (!f.check(acceptance.isPresent(), where + ": no acceptance by a node")) {
      return;
    }
    ObjectNode content = ((ObjectNode) cast).deepCopy();
    content.remove("acceptance");
    f.check(
        acceptance.get().holds(ballot, BoxEntry.receipt(content), nodeKeys),
        where
            + ": its acceptance is not signed by a trusted node [node: "
            + acceptance.get().node()
            + "]");
  }
}
