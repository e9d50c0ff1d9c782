package org.votehall.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.crypto.VerifyingKey;
import org.votehall.format.MalformedException;
import org.votehall.format.MarksJson;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.ledger.BoxEntry;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * The checks after the announcement: every acknowledged receipt is in the published box (or the
 * recorded casts), nothing is in it twice, the published result is what {@code recount} gives for
 * the box (the same rules, in-process), and the bundle verifies ({@link BundleVerifier}, as {@code
 * votehall verify} does).
 */
public final class BoxAudit {
  private static final int FAILURES_SHOWN = 10;

  private BoxAudit() {}

  /**
   * @param spec the ballot spec the simulation defined
   * @param secret whether the ballot is secret (a box) or recorded (casts)
   * @param bundle the bundle's bytes, as served
   * @param result the published result (GET /api/ballots/{id}/result)
   * @param acknowledged every receipt a node acknowledged
   * @param trust the node keys to verify the bundle with; empty: the bundle's own
   */
  public static Summary.Checks check(
      String spec,
      boolean secret,
      byte[] bundle,
      String result,
      Collection<String> acknowledged,
      List<VerifyingKey> trust) {
    List<String> failures = new ArrayList<>();
    JsonNode tree;
    try {
      tree = BallotPlan.JSON.readTree(bundle);
    } catch (IOException e) {
      failures.add("the bundle is not JSON: " + e.getMessage());
      return new Summary.Checks(
          acknowledged.size(), 0, 0, 0, false, false, trust(trust), failures, 0, 0, 0);
    }
    JsonNode entries = tree.path(secret ? "box" : "casts");
    Map<String, Integer> receipts = new HashMap<>();
    entries.forEach(e -> receipts.merge(receipt(e), 1, Integer::sum));
    Set<String> acked = new HashSet<>(acknowledged);
    int lost = (int) acked.stream().filter(r -> !receipts.containsKey(r)).count();
    int extra = (int) receipts.keySet().stream().filter(r -> !acked.contains(r)).count();
    int present = tree.path("attendance").path("present").asInt(-1);
    int issued = tree.path("issued").size();
    boolean recounted = recount(spec, entries, present, issued, result, tree, failures);
    boolean verified = verify(bundle, trust, failures);
    return new Summary.Checks(
        lost,
        duplicates(entries, receipts, secret ? "token" : "deputy"),
        extra,
        0,
        recounted,
        verified,
        trust(trust),
        failures.subList(0, Math.min(failures.size(), FAILURES_SHOWN)),
        entries.size(),
        issued,
        present);
  }

  /** The receipt of a box entry or cast: SHA-256 of its canonical JSON without the acceptance. */
  static String receipt(JsonNode entry) {
    ObjectNode content = ((ObjectNode) entry).deepCopy();
    content.remove("acceptance");
    return BoxEntry.receipt(content);
  }

  /** Entries beyond the first with the same receipt, or the same token (deputy, if recorded). */
  private static int duplicates(JsonNode entries, Map<String, Integer> receipts, String voter) {
    int sameReceipt = receipts.values().stream().mapToInt(n -> n - 1).sum();
    Set<String> voters = new HashSet<>();
    int sameVoter = 0;
    for (JsonNode e : entries) {
      if (!voters.add(e.path(voter).asText())) {
        sameVoter++;
      }
    }
    return Math.max(sameReceipt, sameVoter);
  }

  /** Recounts the box with the rules and compares with the published result and the bundle's. */
  private static boolean recount(
      String specJson,
      JsonNode entries,
      int present,
      int issued,
      String published,
      JsonNode bundle,
      List<String> failures) {
    try {
      BallotSpec spec = SpecJson.parse(specJson);
      List<Marks> ballots = new ArrayList<>();
      for (JsonNode e : entries) {
        ballots.add(MarksJson.parse(spec, e.toString()));
      }
      JsonNode recounted =
          BallotPlan.JSON.readTree(
              ResultJson.toJson(Recount.of(spec, present, issued, ballots)).toString());
      boolean same = recounted.equals(BallotPlan.JSON.readTree(published));
      boolean sameInBundle = recounted.equals(bundle.path("result"));
      if (!same) {
        failures.add("recount: the published result is not what the rules give for the box");
      }
      if (!sameInBundle) {
        failures.add("recount: the bundle's result is not what the rules give for the box");
      }
      return same && sameInBundle;
    } catch (MalformedException | IOException | IllegalArgumentException e) {
      failures.add("recount: " + e.getMessage());
      return false;
    }
  }

  private static boolean verify(byte[] bundle, List<VerifyingKey> trust, List<String> failures) {
    Verification v = new BundleVerifier(trust).verify(bundle);
    if (v instanceof Verification.Fails fails) {
      fails.failures().forEach(f -> failures.add("verify: " + f));
    } else if (v instanceof Verification.Unreadable u) {
      failures.add("verify: " + u.reason());
    }
    return v instanceof Verification.Holds;
  }

  private static String trust(List<VerifyingKey> trust) {
    return trust.isEmpty()
        ? "the bundle's own node keys (no --trust given)"
        : trust.size() + " trusted node key(s) (--trust)";
  }
}
