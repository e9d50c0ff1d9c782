package org.votehall.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation measured and found, printed as one JSON object on stdout (docs/simulate.md,
 * "The summary"). {@link #ok} holds only when every deputy's cast was acknowledged, no acknowledged
 * receipt is missing from the published box, nothing is in it twice, the published result equals a
 * recount of the box, and the bundle verifies.
 */
public record Summary(
    Run run,
    Phase issue,
    Phase cast,
    Closing closing,
    Checks checks,
    Resends resends,
    Map<String, Long> retriesByPhase,
    Map<String, Integer> refused,
    String error,
    double elapsedSeconds) {

  public Summary {
    retriesByPhase = Map.copyOf(retriesByPhase);
    refused = Map.copyOf(refused);
  }

  /** What was run. */
  public record Run(
      String kind,
      boolean secret,
      int deputies,
      List<String> nodes,
      String sitting,
      String ballot,
      int enrolledByCode,
      double setupSeconds,
      double checkInSeconds) {
    public Run {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * One phase of requests (issue or cast): how many were acknowledged, per second of the phase's
   * wall time (first request sent to last answer), their latency (first send to acknowledgement,
   * retries included), and how many answers said the request had landed before ({@code retry:
   * true}).
   */
  public record Phase(
      int acknowledged, double perSecond, double wallSeconds, Percentiles latency, int resent) {
    public static final Phase NONE = new Phase(0, 0, 0, Percentiles.ofNanos(new long[0]), 0);

    public static Phase of(long[] latencies, long firstSent, long lastAnswered, int resent) {
      double wall = latencies.length == 0 ? 0 : Math.max(0, lastAnswered - firstSent) / 1e9;
      return new Phase(
          latencies.length,
          wall > 0 ? round(latencies.length / wall) : 0,
          round(wall),
          Percentiles.ofNanos(latencies),
          resent);
    }
  }

  /**
   * The close (sent → the sealed result answered) and close → announced: the first close request
   * sent to the announcement acknowledged, when the signed result is public.
   */
  public record Closing(double closeMs, double closeToResultMs) {
    public static final Closing NONE = new Closing(0, 0);
  }

  /**
   * Casts sent again unchanged after their acknowledgement ({@code --resend}), as a terminal whose
   * answer was lost does: each must be answered with the same receipt and {@code "retry": true}.
   */
  public record Resends(int sent, int sameReceipt) {
    public static final Resends NONE = new Resends(0, 0);
  }

  /** What was checked against the published bundle and result. */
  public record Checks(
      int lost,
      int duplicates,
      int unacknowledgedInBox,
      int wrongReceipts,
      boolean resultMatchesRecount,
      boolean bundleVerified,
      String bundleTrust,
      List<String> bundleFailures,
      int returned,
      int issued,
      int present) {
    public static final Checks NONE =
        new Checks(0, 0, 0, 0, false, false, "not checked", List.of(), 0, 0, 0);

    public Checks {
      bundleFailures = List.copyOf(bundleFailures);
    }

    /** These checks, with the casts whose receipt was not the hash of their box entry. */
    public Checks withWrongReceipts(int wrong) {
      return new Checks(
          lost,
          duplicates,
          unacknowledgedInBox,
          wrong,
          resultMatchesRecount,
          bundleVerified,
          bundleTrust,
          bundleFailures,
          returned,
          issued,
          present);
    }
  }

  public long retries() {
    return retriesByPhase.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every deputy acknowledged, nothing lost or doubled, the result recounted, the bundle valid. */
  public boolean ok() {
    return error == null
        && cast.acknowledged() == run.deputies()
        && checks.lost() == 0
        && checks.duplicates() == 0
        && checks.wrongReceipts() == 0
        && checks.resultMatchesRecount()
        && checks.bundleVerified()
        && resends.sameReceipt() == resends.sent();
  }

  /** The summary as pretty JSON, the fields in a fixed order. */
  public String json() {
    ObjectNode out = BallotPlan.JSON.createObjectNode();
    out.put("ok", ok());
    out.put("error", error);
    out.put("kind", run.kind()).put("secret", run.secret()).put("deputies", run.deputies());
    run.nodes().forEach(out.putArray("nodes")::add);
    out.put("sitting", run.sitting()).put("ballot", run.ballot());
    out.put("enrolledByCode", run.enrolledByCode());
    out.put("setupSeconds", run.setupSeconds()).put("checkInSeconds", run.checkInSeconds());
    out.put("issued", issue.acknowledged())
        .put("issuedPerSecond", issue.perSecond())
        .put("issueWallSeconds", issue.wallSeconds());
    out.set("issueLatencyMs", latency(issue.latency()));
    out.put("acknowledged", cast.acknowledged())
        .put("castsPerSecond", cast.perSecond())
        .put("castWallSeconds", cast.wallSeconds());
    out.set("castLatencyMs", latency(cast.latency()));
    out.put("resentAcknowledged", cast.resent() + issue.resent());
    out.putObject("resends").put("sent", resends.sent()).put("sameReceipt", resends.sameReceipt());
    out.put("closeMs", closing.closeMs()).put("closeToResultMs", closing.closeToResultMs());
    out.put("retries", retries());
    ObjectNode byPhase = out.putObject("retriesByPhase");
    new TreeMap<>(retriesByPhase).forEach(byPhase::put);
    out.put("lost", checks.lost()).put("duplicates", checks.duplicates());
    out.put("unacknowledgedInBox", checks.unacknowledgedInBox());
    out.put("wrongReceipts", checks.wrongReceipts());
    ObjectNode refusals = out.putObject("refused");
    new TreeMap<>(refused).forEach(refusals::put);
    out.put("resultMatchesRecount", checks.resultMatchesRecount());
    out.put("bundleVerified", checks.bundleVerified()).put("bundleTrust", checks.bundleTrust());
    checks.bundleFailures().forEach(out.putArray("bundleFailures")::add);
    out.putObject("box")
        .put("returned", checks.returned())
        .put("issued", checks.issued())
        .put("present", checks.present());
    out.put("elapsedSeconds", round(elapsedSeconds));
    try {
      return BallotPlan.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary always writes", e);
    }
  }

  private static ObjectNode latency(Percentiles p) {
    return BallotPlan.JSON
        .createObjectNode()
        .put("p50", p.p50())
        .put("p95", p.p95())
        .put("p99", p.p99())
        .put("max", p.max())
        .put("count", p.count());
  }

  /** Two decimals. */
  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
