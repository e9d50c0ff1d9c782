package org.votehall.hall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.votehall.crypto.CanonicalJson;

/**
 * What this node acknowledged, per ballot: the receipts of the casts it accepted and the deputies
 * it issued a ballot to, as its ledger records them (filled by replay, then by each
 * acknowledgement). At the close each member answers the fence with this account, and sealing
 * compares the box with the accounts ({@link SealCheck}).
 */
final class Acknowledgements {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Set<String>> casts = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> issued = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> present = new ConcurrentHashMap<>();

  void cast(String ballot, String receipt) {
    casts.computeIfAbsent(ballot, b -> ConcurrentHashMap.newKeySet()).add(receipt);
  }

  void issued(String ballot, String deputy, String digest) {
    issued.computeIfAbsent(ballot, b -> new ConcurrentHashMap<>()).putIfAbsent(deputy, digest);
    present(ballot, deputy);
  }

  /** This node counted the deputy present for the ballot (at its open, a check-in, an issue). */
  void present(String ballot, String deputy) {
    present.computeIfAbsent(ballot, b -> ConcurrentHashMap.newKeySet()).add(deputy);
  }

  boolean hasIssued(String ballot, String deputy) {
    return issued.getOrDefault(ballot, Map.of()).containsKey(deputy);
  }

  /**
   * The account of {@code ballot}: canonical {@code {"ballot", "casts": [receipts, sorted],
   * "issued": {deputy: digest}, "node", "present": [deputies, sorted]}}.
   */
  String account(String ballot, String node) {
    ObjectNode out = JSON.createObjectNode().put("ballot", ballot).put("node", node);
    new TreeSet<>(casts.getOrDefault(ballot, Set.of())).forEach(out.putArray("casts")::add);
    ObjectNode deputies = out.putObject("issued");
    new TreeMap<>(issued.getOrDefault(ballot, Map.of())).forEach(deputies::put);
    new TreeSet<>(present.getOrDefault(ballot, Set.of())).forEach(out.putArray("present")::add);
    return CanonicalJson.text(out.toString());
  }
}
