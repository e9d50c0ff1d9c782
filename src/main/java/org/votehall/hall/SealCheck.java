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
import java.util.TreeSet;

/**
 * Compares a ballot's box, issued list and 实到, as the cluster's maps hold them, with what the live
 * members' ledgers acknowledged (their fence answers, {@link Acknowledgements#account}). Any
 * difference is named; sealing refuses while there is one. A cast or issue is acknowledged if any
 * answering node's ledger holds it (a retry may land on another node than the first). One by a
 * member that is no longer up cannot be compared here (its acceptance signature still proves it was
 * acknowledged); {@code votehall verify --ledger} compares it later with that member's ledger.
 */
final class SealCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SealCheck() {}

  /** A counted cast: its receipt and the node that accepted it. */
  record Cast(String receipt, String acceptedBy) {}

  /** An issued entry: the blinded digest and the node whose record says it issued it. */
  record Issue(String digest, String node) {}

  /** What the live members' accounts say together. */
  private static final class Ledgers {
    final Set<String> nodes = new HashSet<>();
    final Set<String> casts = new HashSet<>();
    final Map<String, String> issued = new HashMap<>();
    final Set<String> present = new TreeSet<>();
    final List<String> twice = new ArrayList<>();

    void add(JsonNode account) {
      String node = account.path("node").asText();
      nodes.add(node);
      account.path("casts").forEach(r -> casts.add(r.asText()));
      account.path("present").forEach(d -> present.add(d.asText()));
      account
          .path("issued")
          .fields()
          .forEachRemaining(
              e -> {
                String before = issued.putIfAbsent(e.getKey(), e.getValue().asText());
                if (before != null && !before.equals(e.getValue().asText())) {
                  twice.add(
                      "deputy "
                          + e.getKey()
                          + " was issued two ballots (one by node "
                          + node
                          + ")");
                }
              });
    }
  }

  static List<String> differences(
      String ballot,
      List<Cast> box,
      Map<String, Issue> issued,
      Set<String> present,
      List<String> accounts) {
    Ledgers ledgers = new Ledgers();
    accounts.forEach(text -> ledgers.add(read(text)));
    List<String> found = new ArrayList<>(ledgers.twice);
    Set<String> inBox = new HashSet<>();
    box.forEach(c -> inBox.add(c.receipt()));
    new TreeSet<>(ledgers.casts)
        .stream()
            .filter(r -> !inBox.contains(r))
            .forEach(r -> found.add("a node acknowledged cast " + r + ", not in the box"));
    box.stream()
        .filter(c -> ledgers.nodes.contains(c.acceptedBy()) && !ledgers.casts.contains(c.receipt()))
        .forEach(
            c ->
                found.add(
                    "the box holds cast "
                        + c.receipt()
                        + " as accepted by node "
                        + c.acceptedBy()
                        + ", but no ledger acknowledges it"));
    ledgers.issued.forEach(
        (deputy, digest) -> {
          Issue kept = issued.get(deputy);
          if (kept == null || !kept.digest().equals(digest)) {
            found.add(
                "deputy " + deputy + " was issued a ballot that the issued list does not hold");
          }
        });
    issued.forEach(
        (deputy, issue) -> {
          if (ledgers.nodes.contains(issue.node()) && !ledgers.issued.containsKey(deputy)) {
            found.add(
                "the issued list names deputy "
                    + deputy
                    + " as issued by node "
                    + issue.node()
                    + ", but no ledger does");
          }
        });
    ledgers.present.stream()
        .filter(d -> !present.contains(d))
        .forEach(d -> found.add("deputy " + d + " was present, but the ballot's 实到 lacks them"));
    return found.stream().map(f -> ballot + ": " + f).toList();
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("A member's account does not read: " + e.getMessage(), e);
    }
  }
}
