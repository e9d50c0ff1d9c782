package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a ballot's box and issued list, as the cluster's maps hold them, with what the live
 * members' ledgers acknowledged (their fence answers, {@link Acknowledgements#account}). Any
 * difference is named; sealing refuses while there is one. A cast or issue by a member that is no
 * longer up cannot be compared here (its acceptance signature still proves it was acknowledged);
 * {@code votehall verify --ledger} compares it later with that member's ledger.
 */
final class SealCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SealCheck() {}

  /** A counted cast: its receipt and the node that accepted it. */
  record Cast(String receipt, String acceptedBy) {}

  /** An issued entry: the blinded digest and the node whose record says it issued it. */
  record Issue(String digest, String node) {}

  static List<String> differences(
      String ballot, List<Cast> box, Map<String, Issue> issued, List<String> accounts) {
    List<String> found = new ArrayList<>();
    Set<String> inBox = new HashSet<>();
    box.forEach(c -> inBox.add(c.receipt()));
    Map<String, String> issuedByLedgers = new HashMap<>();
    Set<String> answered = new HashSet<>();
    for (String text : accounts) {
      JsonNode account = read(text);
      String node = account.path("node").asText();
      answered.add(node);
      Set<String> acknowledged = new HashSet<>();
      account.path("casts").forEach(r -> acknowledged.add(r.asText()));
      acknowledged.stream()
          .filter(r -> !inBox.contains(r))
          .sorted()
          .forEach(r -> found.add("node " + node + " acknowledged cast " + r + ", not in the box"));
      box.stream()
          .filter(c -> c.acceptedBy().equals(node) && !acknowledged.contains(c.receipt()))
          .forEach(
              c ->
                  found.add(
                      "the box holds cast "
                          + c.receipt()
                          + " as accepted by node "
                          + node
                          + ", whose ledger does not acknowledge it"));
      account
          .path("issued")
          .fields()
          .forEachRemaining(
              e -> issuedByLedger(found, issuedByLedgers, node, e.getKey(), e.getValue().asText()));
    }
    issuedByLedgers.forEach(
        (deputy, digest) -> {
          Issue kept = issued.get(deputy);
          if (kept == null || !kept.digest().equals(digest)) {
            found.add(
                "deputy " + deputy + " was issued a ballot that the issued list does not hold");
          }
        });
    issued.forEach(
        (deputy, issue) -> {
          if (answered.contains(issue.node()) && !issuedByLedgers.containsKey(deputy)) {
            found.add(
                "the issued list names deputy "
                    + deputy
                    + " as issued by node "
                    + issue.node()
                    + ", whose ledger does not");
          }
        });
    return found.stream().map(f -> ballot + ": " + f).toList();
  }

  private static void issuedByLedger(
      List<String> found,
      Map<String, String> byLedgers,
      String node,
      String deputy,
      String digest) {
    String before = byLedgers.putIfAbsent(deputy, digest);
    if (before != null && !before.equals(digest)) {
      found.add("deputy " + deputy + " was issued two ballots (one by node " + node + ")");
    }
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("A member's account does not read: " + e.getMessage(), e);
    }
  }
}
