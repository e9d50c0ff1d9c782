package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The specs of ballots that follow a closed one (docs/voting-rules.md §2, §3): a revote of the same
 * spec, a tie revote among the tied for the contested places, a runoff of the proposed candidates
 * for the unfilled seats. Results are never edited: each is a new ballot that names the one it
 * follows.
 */
public final class FollowUps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRITE_IN = "writein:";

  private FollowUps() {}

  public static ObjectNode revote(JsonNode spec, String id) {
    ObjectNode next = header(spec, id, "first");
    next.remove("round");
    return next;
  }

  /** A tie revote, or empty if the result has no boundary tie. */
  public static Optional<ObjectNode> tie(JsonNode spec, JsonNode result, String id) {
    ObjectNode next = header(spec, id, "tie");
    if ("selection".equals(spec.path("kind").asText())) {
      JsonNode tie = result.path("selection").path("tie");
      if (!tie.isObject()) {
        return Optional.empty();
      }
      ArrayNode items = next.putArray("items");
      tie.path("persons").forEach(p -> items.add(item(spec, p.asText())));
      next.put("select", tie.path("seats").asInt());
      return Optional.of(next);
    }
    ArrayNode sections = next.putArray("sections");
    for (JsonNode s : result.path("sections")) {
      if (s.path("tie").isObject()) {
        sections.add(
            section(
                spec,
                s,
                s.path("tie").path("persons"),
                s.path("tie").path("seats").asInt(),
                false));
      }
    }
    return sections.isEmpty() ? Optional.empty() : Optional.of(next);
  }

  /** A runoff (另行选举) of the proposed candidates, or empty if every seat was filled. */
  public static Optional<ObjectNode> runoff(JsonNode spec, JsonNode result, String id) {
    ObjectNode next = header(spec, id, "runoff");
    ArrayNode sections = next.putArray("sections");
    for (JsonNode s : result.path("sections")) {
      if (s.path("unfilled").asInt() > 0 && !s.path("runoffCandidates").isEmpty()) {
        sections.add(
            section(spec, s, s.path("runoffCandidates"), s.path("unfilled").asInt(), true));
      }
    }
    return "election".equals(spec.path("kind").asText()) && !sections.isEmpty()
        ? Optional.of(next)
        : Optional.empty();
  }

  private static ObjectNode header(JsonNode spec, String id, String round) {
    ObjectNode next = spec.deepCopy();
    next.put("id", id).put("round", round).put("follows", spec.path("id").asText());
    return next;
  }

  private static ObjectNode section(
      JsonNode spec, JsonNode result, JsonNode persons, int seats, boolean writeIns) {
    JsonNode original = find(spec.path("sections"), result.path("id").asText());
    ObjectNode section = original.deepCopy();
    section.put("seats", seats);
    Map<String, String> names = new HashMap<>();
    original
        .path("candidates")
        .forEach(c -> names.put(c.path("id").asText(), c.path("name").asText()));
    ArrayNode candidates = section.putArray("candidates");
    Set<String> taken = new HashSet<>(names.keySet());
    for (JsonNode p : persons) {
      String person = p.asText();
      if (person.startsWith(WRITE_IN)) { // a written-in person at the boundary becomes a candidate
        candidates
            .addObject()
            .put("id", unusedId(taken))
            .put("name", person.substring(WRITE_IN.length()));
      } else {
        candidates.addObject().put("id", person).put("name", names.get(person));
      }
    }
    if (!writeIns) {
      section.putObject("writeIns").put("allowed", false);
    }
    return section;
  }

  /**
   * {@code w1}, {@code w2} … the first that no candidate of the section it follows has: not only
   * the ones kept, so that an id never names two persons in a ballot and the one it follows.
   */
  private static String unusedId(Set<String> taken) {
    for (int n = 1; ; n++) {
      if (taken.add("w" + n)) {
        return "w" + n;
      }
    }
  }

  private static ObjectNode item(JsonNode spec, String id) {
    return (ObjectNode) find(spec.path("items"), id).deepCopy();
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (id.equals(n.path("id").asText())) {
        return n;
      }
    }
    return JSON.createObjectNode().put("id", id);
  }
}
