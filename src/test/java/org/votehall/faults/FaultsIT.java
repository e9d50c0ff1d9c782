package org.votehall.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three node processes on three simulated hosts (network namespaces), with {@code votehall
 * simulate} playing a hall of terminals against them while a node is killed, while one is cut off
 * from the others, and while every node dies and comes back in a random order. In every case: no
 * acknowledged receipt lost, none counted twice, the result equal to a recount of the box and the
 * bundle verified. Needs root (or CAP_NET_ADMIN) and iproute2: {@code -Dvotehall.netns=required}
 * fails where they are missing; otherwise the test is skipped there, saying why. {@code
 * -Dvotehall.faults.deputies=N} sets the hall's size (default 120).
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEPUTIES = Integer.getInteger("votehall.faults.deputies", 120);
  // Casts spread over about twelve seconds, so that each fault lands mid-ballot.
  private static final String PACE = Integer.toString(Math.max(10, DEPUTIES / 12));

  private static HostedCluster cluster;
  private static final Map<String, String> bundles = new LinkedHashMap<>();

  @BeforeAll
  static void threeHosts() throws Exception {
    String why = Hosts.unavailable();
    if ("required".equals(System.getProperty("votehall.netns"))) {
      assertEquals(null, why, "-Dvotehall.netns=required");
    }
    Assumptions.assumeTrue(why == null, why);
    cluster = HostedCluster.start(Files.createTempDirectory("faults-it"));
  }

  @AfterAll
  static void teardown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aNodeKilledMidBallotLosesNothing() throws Exception {
    Simulation run = Simulation.start(cluster.folder(), "motion", DEPUTIES, "--pace", PACE);
    run.awaitAcked(DEPUTIES / 3);
    cluster.node(2).kill();
    try {
      JsonNode summary = run.summary();
      assertNothingLost(summary);
      keepBundle(summary);
    } finally {
      cluster.start(2);
      cluster.awaitReady(2);
    }
    assertTrue(
        cluster.node(2).awaitOutput("this node joined the CP group", Duration.ofSeconds(60)),
        "the restarted node takes the dead one's place in the CP group");
  }

  @Test
  @Order(2)
  void aNodeCutOffRefusesWritesAndTheMajorityGoesOn() throws Exception {
    Simulation run = Simulation.start(cluster.folder(), "election", DEPUTIES, "--pace", PACE);
    run.awaitAcked(DEPUTIES / 3);
    cluster.hosts().cut(3);
    try {
      assertEquals(503, awaitWriteRefused(3), "the cut-off node refuses writes: no-majority");
      HttpResponse<String> close =
          HostedCluster.clerk(3, "POST", "/api/ballots/" + run.ballot() + "/close", "{}");
      assertEquals(503, close.statusCode(), "no close on the minority side: " + close.body());
      assertTrue(close.body().contains("no-majority"), close.body());
      run.awaitAcked(2 * DEPUTIES / 3);
    } finally {
      cluster.hosts().heal(3);
    }
    JsonNode summary = run.summary();
    assertNothingLost(summary);
    keepBundle(summary);
  }

  @Test
  @Order(3)
  void everyNodeKilledAndRestartedInARandomOrderLosesNothing() throws Exception {
    Simulation run = Simulation.start(cluster.folder(), "motion", DEPUTIES, "--pace", PACE);
    run.awaitAcked(DEPUTIES / 3);
    for (int n = 1; n <= Hosts.COUNT; n++) {
      cluster.node(n).kill();
    }
    List<Integer> order = new ArrayList<>(List.of(1, 2, 3));
    Random random = new Random();
    Collections.shuffle(order, random);
    for (int n : order) {
      cluster.start(n);
      Thread.sleep(random.nextInt(3000));
    }
    JsonNode summary = run.summary();
    assertNothingLost(summary);
    for (int n = 1; n <= Hosts.COUNT; n++) {
      cluster.awaitReady(n);
      for (Map.Entry<String, String> kept : bundles.entrySet()) {
        HttpResponse<String> bundle =
            HostedCluster.auditor(n, "/api/ballots/" + kept.getKey() + "/bundle");
        assertEquals(200, bundle.statusCode(), "node " + n + " serves " + kept.getKey());
        assertEquals(kept.getValue(), bundle.body(), "the same bundle, byte for byte");
      }
    }
  }

  private static void assertNothingLost(JsonNode summary) {
    String s = summary.toString();
    System.out.println("simulate: " + s); // the fault runs' figures, kept in the test's report
    assertEquals(0, summary.path("lost").asInt(-1), s);
    assertEquals(0, summary.path("duplicates").asInt(-1), s);
    assertEquals(DEPUTIES, summary.path("acknowledged").asInt(), s);
    assertTrue(summary.path("resultMatchesRecount").asBoolean(), s);
    assertTrue(summary.path("bundleVerified").asBoolean(), s);
    assertTrue(summary.path("ok").asBoolean(), s);
  }

  private static void keepBundle(JsonNode summary) throws Exception {
    String ballot = summary.path("ballot").asText();
    HttpResponse<String> bundle = HostedCluster.auditor(1, "/api/ballots/" + ballot + "/bundle");
    assertEquals(200, bundle.statusCode(), bundle.body());
    bundles.put(ballot, bundle.body());
  }

  /** Sends writes to node {@code n} until one is refused with 503 (it noticed it is alone). */
  private static int awaitWriteRefused(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = -1;
    for (int i = 0; System.nanoTime() < deadline && status != 503; i++) {
      ObjectNode sitting = JSON.createObjectNode().put("id", "probe-" + i).put("title", "probe");
      sitting.putArray("roster").addObject().put("id", "p1").put("name", "代表").put("pin", "123456");
      status = HostedCluster.clerk(n, "POST", "/api/sittings", sitting.toString()).statusCode();
      Thread.sleep(500);
    }
    return status;
  }
}
