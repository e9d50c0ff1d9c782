package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final long MS = 1_000_000;

  private static Summary summary(Summary.Checks checks, int acknowledged, String error) {
    return summary(checks, acknowledged, error, new Summary.Resends(2, 2));
  }

  private static Summary summary(
      Summary.Checks checks, int acknowledged, String error, Summary.Resends resends) {
    long[] casts = new long[acknowledged];
    for (int i = 0; i < acknowledged; i++) {
      casts[i] = (i + 1) * MS;
    }
    return new Summary(
        new Summary.Run(
            "election",
            true,
            4,
            List.of("http://a:1", "http://b:2"),
            "s",
            "s-election",
            3,
            1.5,
            2.25),
        Summary.Phase.of(new long[] {MS, 2 * MS, 3 * MS, 4 * MS}, 0, 2_000 * MS, 0),
        Summary.Phase.of(casts, 0, 500 * MS, 1),
        new Summary.Closing(120.5, 180.25),
        checks,
        resends,
        Map.of("cast", 2L, "setup", 1L),
        Map.of("already-voted", 1),
        error,
        12.345);
  }

  private static Summary.Checks checks(int lost, int duplicates, boolean recount, boolean bundle) {
    return new Summary.Checks(
        lost,
        duplicates,
        0,
        0,
        recount,
        bundle,
        "1 trusted node key(s) (--trust)",
        List.of(),
        4,
        4,
        4);
  }

  @Test
  void theJsonHasEveryFigure() throws Exception {
    JsonNode json = BallotPlan.JSON.readTree(summary(checks(0, 0, true, true), 4, null).json());
    assertTrue(json.path("ok").asBoolean());
    assertTrue(json.path("error").isNull());
    assertEquals("election", json.path("kind").asText());
    assertTrue(json.path("secret").asBoolean());
    assertEquals(4, json.path("deputies").asInt());
    assertEquals(2, json.path("nodes").size());
    assertEquals(4, json.path("issued").asInt());
    assertEquals(2.0, json.path("issuedPerSecond").asDouble());
    assertEquals(2.0, json.path("issueLatencyMs").path("p50").asDouble(), "nearest rank");
    assertEquals(4.0, json.path("issueLatencyMs").path("p99").asDouble());
    assertEquals(4, json.path("acknowledged").asInt());
    assertEquals(8.0, json.path("castsPerSecond").asDouble());
    assertEquals(0.5, json.path("castWallSeconds").asDouble());
    assertEquals(4.0, json.path("castLatencyMs").path("max").asDouble());
    assertEquals(1, json.path("resentAcknowledged").asInt());
    assertEquals(2, json.path("resends").path("sent").asInt());
    assertEquals(2, json.path("resends").path("sameReceipt").asInt());
    assertEquals(120.5, json.path("closeMs").asDouble());
    assertEquals(180.25, json.path("closeToResultMs").asDouble());
    assertEquals(3, json.path("retries").asInt());
    assertEquals(2, json.path("retriesByPhase").path("cast").asInt());
    assertEquals(0, json.path("lost").asInt());
    assertEquals(0, json.path("duplicates").asInt());
    assertEquals(1, json.path("refused").path("already-voted").asInt());
    assertTrue(json.path("resultMatchesRecount").asBoolean());
    assertTrue(json.path("bundleVerified").asBoolean());
    assertEquals(4, json.path("box").path("returned").asInt());
    assertEquals(12.35, json.path("elapsedSeconds").asDouble());
  }

  @Test
  void okOnlyWhenEveryCheckHolds() {
    assertTrue(summary(checks(0, 0, true, true), 4, null).ok());
    assertFalse(summary(checks(1, 0, true, true), 4, null).ok(), "a lost receipt");
    assertFalse(summary(checks(0, 1, true, true), 4, null).ok(), "a duplicate");
    assertFalse(summary(checks(0, 0, false, true), 4, null).ok(), "the result differs");
    assertFalse(summary(checks(0, 0, true, false), 4, null).ok(), "the bundle fails");
    assertFalse(summary(checks(0, 0, true, true), 3, null).ok(), "a deputy not acknowledged");
    assertFalse(summary(checks(0, 0, true, true), 4, "timed out").ok(), "the run failed");
    assertFalse(
        summary(checks(0, 0, true, true).withWrongReceipts(1), 4, null).ok(), "a wrong receipt");
    assertFalse(
        summary(checks(0, 0, true, true), 4, null, new Summary.Resends(2, 1)).ok(),
        "a resent cast not answered with its receipt");
  }

  @Test
  void aRunThatEndedEarlyStillSaysWhy() throws Exception {
    JsonNode json =
        BallotPlan.JSON.readTree(summary(Summary.Checks.NONE, 0, "the login was refused").json());
    assertFalse(json.path("ok").asBoolean());
    assertEquals("the login was refused", json.path("error").asText());
    assertEquals(0, json.path("castLatencyMs").path("count").asInt());
    assertEquals(0.0, json.path("castsPerSecond").asDouble());
  }
}
