package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.votehall.format.ResultJson;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * Recomputes the result from the ballots with the rules and compares it with the bundle's, field by
 * field.
 */
final class ResultCheck {
  private ResultCheck() {}

  static void check(
      Findings f, JsonNode claimed, BallotSpec spec, int present, int issued, List<Marks> ballots) {
    JsonNode recomputed = ResultJson.toJson(Recount.of(spec, present, issued, ballots));
    compare(f, "result", recomputed, claimed);
  }

  private static void compare(Findings f, String path, JsonNode expected, JsonNode found) {
    if (expected.isObject() && found.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        compare(f, path + "." + e.getKey(), e.getValue(), found.path(e.getKey()));
      }
      found
          .fieldNames()
          .forEachRemaining(
              k ->
                  f.check(
                      expected.has(k), path + "." + k + ": not a field of the recomputed result"));
    } else if (expected.isArray() && found.isArray() && expected.size() == found.size()) {
      for (int i = 0; i < expected.size(); i++) {
        compare(f, path + "[" + i + "]", expected.get(i), found.get(i));
      }
    } else if (!expected.equals(found)) {
      f.fail(path + ": the bundle says " + shown(found) + ", the ballots give " + shown(expected));
    }
  }

  private static String shown(JsonNode v) {
    String text = v.isMissingNode() ? "nothing" : v.toString();
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
