package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.votehall.crypto.CanonicalJson;

/**
 * A bundle against the ledgers of the nodes (docs/bundle.md, "Several ledgers together"): every
 * cast a ledger acknowledged for the bundle's ballot is in the box (by token) or among the recorded
 * casts (by deputy), with the same content; and, once the ledgers of every node the bundle names
 * are given, the box and the casts hold nothing else. A ledger is known as a node's by its own
 * checkpoints; one that holds none (cut before its first) is taken for a node whose ledger is
 * otherwise missing.
 */
final class AcknowledgedCheck {
  private AcknowledgedCheck() {}

  /**
   * What was found: how many acknowledged casts matched, and whether "nothing else" was checked.
   */
  record Outcome(int matched, boolean whole) {}

  static Outcome check(Findings f, JsonNode bundle, List<LedgerFacts> ledgers) {
    String ballot = bundle.path("ballot").asText();
    Map<String, JsonNode> box = byVoter(bundle.path("box"), "token");
    Map<String, JsonNode> casts = byVoter(bundle.path("casts"), "deputy");
    Set<String> tokens = new HashSet<>();
    Set<String> deputies = new HashSet<>();
    int matched = 0;
    for (LedgerFacts l : ledgers) {
      for (LedgerFacts.Cast c : l.casts) {
        boolean secret = c.type().equals(LedgerFacts.SECRET_CAST);
        (secret ? tokens : deputies).add(c.voter());
        JsonNode kept = (secret ? box : casts).get(c.voter());
        String said =
            "ballot "
                + ballot
                + ": "
                + (secret ? "token " : "deputy ")
                + c.voter()
                + ", acknowledged in "
                + l.file
                + " (entry "
                + c.entry()
                + "), ";
        if (kept == null) {
          f.fail(said + (secret ? "is not in the box" : "is not among the bundle's casts"));
        } else if (!canonical(withoutAcceptance(kept)).equals(canonical(c.content()))) {
          f.fail(said + "is not the cast the bundle holds for it");
        } else {
          matched++;
        }
      }
    }
    Set<String> missing = nodesWithoutLedger(bundle, ledgers);
    List<String> unnamed =
        ledgers.stream()
            .filter(l -> l.readable() && l.nodes().isEmpty())
            .map(l -> l.file.toString())
            .toList();
    if (!missing.isEmpty() && unnamed.size() < missing.size()) {
      f.note(
          "ballot "
              + ballot
              + ": no ledger of node "
              + String.join(", ", missing)
              + " was given, so whether the bundle holds casts no ledger acknowledged was not"
              + " checked");
      return new Outcome(matched, false);
    }
    if (!missing.isEmpty()) {
      // A ledger cut before its first checkpoint cannot be named: it is taken for a missing node's.
      f.note(
          "ballot "
              + ballot
              + ": "
              + String.join(", ", unnamed)
              + " holds no checkpoint to name its node, and was taken for the ledger of node "
              + String.join(", ", missing));
    }
    List<String> files = ledgers.stream().map(l -> l.file.toString()).toList();
    unacknowledged(f, ballot, "the box holds token ", box, tokens, files);
    unacknowledged(f, ballot, "the bundle's casts hold deputy ", casts, deputies, files);
    return new Outcome(matched, true);
  }

  /** The cast as the ledger records it: a bundle adds the node's acceptance, the ledger not. */
  private static JsonNode withoutAcceptance(JsonNode kept) {
    JsonNode copy = kept.deepCopy();
    if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      o.remove("acceptance");
    }
    return copy;
  }

  private static void unacknowledged(
      Findings f,
      String ballot,
      String what,
      Map<String, JsonNode> kept,
      Set<String> acknowledged,
      List<String> files) {
    for (String voter : kept.keySet()) {
      f.check(
          acknowledged.contains(voter),
          "ballot "
              + ballot
              + ": "
              + what
              + voter
              + ", which none of the ledgers given acknowledged ("
              + String.join(", ", files)
              + ")");
    }
  }

  /** The nodes the bundle names whose ledger (known by its own checkpoints) was not given. */
  private static Set<String> nodesWithoutLedger(JsonNode bundle, List<LedgerFacts> ledgers) {
    Set<String> missing = new TreeSet<>();
    bundle.path("nodeKeys").forEach(k -> missing.add(k.path("node").asText()));
    ledgers.stream().filter(LedgerFacts::readable).forEach(l -> missing.removeAll(l.nodes()));
    return missing;
  }

  private static Map<String, JsonNode> byVoter(JsonNode array, String key) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode entry : array.isArray() ? array : new ArrayList<JsonNode>()) {
      out.putIfAbsent(entry.path(key).asText(), entry);
    }
    return out;
  }

  private static String canonical(JsonNode json) {
    return CanonicalJson.text(json.toString());
  }
}
