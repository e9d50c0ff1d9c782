package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;
import org.votehall.format.MalformedException;
import org.votehall.format.MarksJson;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;

/**
 * A secret ballot's box: sorted by token with no token twice, every blind signature valid under one
 * of the ballot's keys, every entry well-formed marks; no recorded casts beside it.
 */
final class BoxCheck {
  private BoxCheck() {}

  static List<Marks> check(
      Findings f, JsonNode bundle, BallotSpec spec, List<VerifyingKey> nodeKeys) {
    f.check(
        bundle.path("casts").isArray() && bundle.path("casts").isEmpty(),
        "casts: a secret ballot has no recorded casts");
    List<BlindPublicKey> keys = blindKeys(f, bundle.path("blindKeys"));
    List<Marks> marks = new ArrayList<>();
    JsonNode box = bundle.path("box");
    if (!f.check(box.isArray(), "box: missing")) {
      return marks;
    }
    String previous = null;
    for (int i = 0; i < box.size(); i++) {
      JsonNode entry = box.get(i);
      String token = entry.path("token").asText(null);
      if (!f.check(
          token != null && entry.path("blindSignature").isTextual(),
          "box[" + i + "]: needs a token and a blindSignature")) {
        continue;
      }
      if (previous != null && token.compareTo(previous) <= 0) {
        f.fail(
            "box["
                + i
                + "]: "
                + (token.equals(previous)
                    ? "token " + token + " appears twice"
                    : "not in token order"));
      }
      previous = token;
      f.check(
          signedByBallotKey(keys, token, entry.get("blindSignature").asText()),
          "box["
              + i
              + "]: the blind signature over token "
              + token
              + " does not verify under any of the ballot's keys");
      AcceptanceCheck.check(f, "box[" + i + "]", spec.id(), entry, nodeKeys);
      parse(f, spec, "box[" + i + "]", entry, marks);
    }
    return marks;
  }

  static void parse(Findings f, BallotSpec spec, String where, JsonNode entry, List<Marks> marks) {
    try {
      marks.add(MarksJson.parse(spec, entry.toString()));
    } catch (MalformedException e) {
      f.fail(where + ": " + e.getMessage());
    }
  }

  private static boolean signedByBallotKey(
      List<BlindPublicKey> keys, String token, String signature) {
    var tokenBytes = StrictBase64.base64Url(token);
    var sig = StrictBase64.base64(signature);
    return tokenBytes.isPresent()
        && sig.isPresent()
        && keys.stream().anyMatch(k -> k.verify(tokenBytes.get(), sig.get()));
  }

  private static List<BlindPublicKey> blindKeys(Findings f, JsonNode array) {
    List<BlindPublicKey> keys = new ArrayList<>();
    if (!f.check(
        array.isArray() && !array.isEmpty(),
        "blindKeys: a secret ballot needs its blind public keys")) {
      return keys;
    }
    for (int i = 0; i < array.size(); i++) {
      try {
        keys.add(BlindPublicKey.fromBase64(array.get(i).asText()));
      } catch (IllegalArgumentException e) {
        f.fail("blindKeys[" + i + "]: " + e.getMessage());
      }
    }
    return keys;
  }
}
