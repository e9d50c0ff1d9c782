package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;

/**
 * A recorded ballot's casts: one per deputy, each by an issued deputy, each signed by a registered
 * terminal over {@code {ballot, deputy, marks, nonce}} and holding nothing else; no anonymous box
 * beside them.
 */
final class CastCheck {
  private static final List<String> CAST_FIELDS =
      List.of("deputy", "terminal", "nonce", "signature");
  // The terminal signs the marks map and nothing else of the marks object (docs/api.md).
  private static final Set<String> FIELDS =
      Set.of("deputy", "terminal", "nonce", "signature", "marks", "acceptance");

  private CastCheck() {}

  static List<Marks> check(
      Findings f,
      JsonNode bundle,
      BallotSpec spec,
      Set<String> issued,
      List<VerifyingKey> nodeKeys) {
    f.check(
        bundle.path("box").isArray() && bundle.path("box").isEmpty(),
        "box: a recorded ballot has no anonymous box");
    Map<String, VerifyingKey> terminals = terminals(f, bundle.path("terminals"));
    List<Marks> marks = new ArrayList<>();
    JsonNode casts = bundle.path("casts");
    if (!f.check(casts.isArray(), "casts: missing")) {
      return marks;
    }
    String previous = null;
    for (int i = 0; i < casts.size(); i++) {
      JsonNode cast = casts.get(i);
      String where = "casts[" + i + "]";
      if (!f.check(
          CAST_FIELDS.stream().allMatch(k -> cast.path(k).isTextual()),
          where + ": needs deputy, terminal, nonce and signature")) {
        continue;
      }
      cast.fieldNames()
          .forEachRemaining(
              k ->
                  f.check(
                      FIELDS.contains(k), where + ": " + k + " is not part of a recorded cast"));
      String deputy = cast.get("deputy").asText();
      if (previous != null && deputy.compareTo(previous) <= 0) {
        f.fail(
            where
                + ": "
                + (deputy.equals(previous)
                    ? "deputy " + deputy + " voted twice"
                    : "not in deputy order"));
      }
      previous = deputy;
      f.check(issued.contains(deputy), where + ": deputy " + deputy + " was not issued a ballot");
      checkSignature(f, where, spec.id(), (ObjectNode) cast, terminals);
      AcceptanceCheck.check(f, where, spec.id(), cast, nodeKeys);
      BoxCheck.parse(f, spec, where, cast, marks);
    }
    return marks;
  }

  private static void checkSignature(
      Findings f,
      String where,
      String ballot,
      ObjectNode cast,
      Map<String, VerifyingKey> terminals) {
    VerifyingKey key = terminals.get(cast.get("terminal").asText());
    if (!f.check(
        key != null,
        where + ": terminal " + cast.get("terminal").asText() + " is not registered")) {
      return;
    }
    ObjectNode marks = cast.deepCopy();
    CAST_FIELDS.forEach(marks::remove);
    marks.remove("acceptance");
    byte[] signed =
        RecordedCast.signedBytes(
            ballot, cast.get("deputy").asText(), marks, cast.get("nonce").asText());
    f.check(
        key.verify(
            SignaturePurpose.RECORDED_CAST,
            signed,
            Signatures.decode(cast.get("signature").asText())),
        where + ": the terminal's signature does not verify");
  }

  private static Map<String, VerifyingKey> terminals(Findings f, JsonNode array) {
    Map<String, VerifyingKey> out = new HashMap<>();
    for (int i = 0; array.isArray() && i < array.size(); i++) {
      try {
        out.put(
            array.get(i).path("id").asText(),
            VerifyingKey.fromBase64(array.get(i).path("key").asText()));
      } catch (IllegalArgumentException e) {
        f.fail("terminals[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }
}
