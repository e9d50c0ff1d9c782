package org.votehall.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.votehall.cli.NodeProcess;

/**
 * Three node processes on three simulated hosts (network namespaces), with {@code votehall
 * simulate} playing a hall of terminals against them while a node is killed, cut off from the
 * others, and while every node dies and comes back in a random order. In every case: no
 * acknowledged receipt lost, none counted twice, the result equal to a recount of the box and the
 * bundle verified. Runs as root (or with CAP_NET_ADMIN): {@code -Dvotehall.netns=required} fails
 * where that is not possible; otherwise the test is skipped there, saying why. {@code
 * -Dvotehall.faults.deputies=N} sets the hall's size (default 150).
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEPUTIES = Integer.getInteger("votehall.faults.deputies", 150);
  private static final int PACE = Math.max(10, DEPUTIES / 12);
  private static final int HTTP_PORT = 8080;
  private static final Pattern ACKED = Pattern.compile("acked=(\\d+)/(\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Hosts hosts;
  private static Path folder;
  private static final Map<Integer, NodeProcess> nodes = new HashMap<>();
  private static final Map<String, String> bundles = new LinkedHashMap<>();

  @BeforeAll
  static void threeHosts() throws Exception {
    String why = Hosts.unavailable();
    if ("required".equals(System.getProperty("votehall.netns"))) {
      assertEquals(null, why, "-Dvotehall.netns=required");
    }
    Assumptions.assumeTrue(why == null, why);
    hosts = Hosts.create();
    folder = Files.createTempDirectory("faults-it");
    for (int n = 1; n <= Hosts.COUNT; n++) {
      Files.writeString(folder.resolve("node-" + n + ".json"), config(n).toPrettyString());
    }
    for (int n = 1; n <= Hosts.COUNT; n++) {
      start(n);
    }
    for (int n = 1; n <= Hosts.COUNT; n++) {
      awaitReady(n);
    }
  }

  @AfterAll
  static void teardown() {
    nodes.values().forEach(NodeProcess::close);
    if (hosts != null) {
      hosts.close();
    }
  }

  @Test
  @Order(1)
  void aNodeKilledMidBallotLosesNothing() throws Exception {
    Simulation run = Simulation.start(folder, "motion", DEPUTIES, PACE);
    run.awaitAcked(DEPUTIES / 3);
    nodes.get(2).kill();
    JsonNode summary = run.summary();
    assertNothingLost(summary);
    keepBundle(summary);
    start(2);
    awaitReady(2);
  }

  @Test
  @Order(2)
  void aNodeCutOffRefusesWritesAndTheMajorityGoesOn() throws Exception {
    Simulation run = Simulation.start(folder, "election", DEPUTIES, PACE);
    run.awaitAcked(DEPUTIES / 3);
    hosts.cut(3);
    try {
      int status = awaitWriteRefused(3);
      assertEquals(503, status, "the cut-off node refuses writes with 503 no-majority");
      String ballot = run.ballot();
      if (ballot != null) {
        HttpResponse<String> close = clerk(3, "POST", "/api/ballots/" + ballot + "/close", "{}");
        assertEquals(503, close.statusCode(), "no close on the minority side: " + close.body());
        assertTrue(close.body().contains("no-majority"), close.body());
      }
      run.awaitAcked(2 * DEPUTIES / 3);
    } finally {
      hosts.heal(3);
    }
    JsonNode summary = run.summary();
    assertNothingLost(summary);
    keepBundle(summary);
  }

  @Test
  @Order(3)
  void everyNodeKilledAndRestartedInARandomOrderLosesNothing() throws Exception {
    Simulation run = Simulation.start(folder, "motion", DEPUTIES, PACE);
    run.awaitAcked(DEPUTIES / 3);
    for (int n = 1; n <= Hosts.COUNT; n++) {
      nodes.get(n).kill();
    }
    List<Integer> order = new ArrayList<>(List.of(1, 2, 3));
    Random random = new Random();
    Collections.shuffle(order, random);
    for (int n : order) {
      start(n);
      Thread.sleep(random.nextInt(3000));
    }
    JsonNode summary = run.summary();
    assertNothingLost(summary);
    for (int n = 1; n <= Hosts.COUNT; n++) {
      awaitReady(n);
      for (Map.Entry<String, String> kept : bundles.entrySet()) {
        HttpResponse<String> bundle = get(n, "/api/ballots/" + kept.getKey() + "/bundle");
        assertEquals(200, bundle.statusCode(), "node " + n + " serves " + kept.getKey());
        assertEquals(kept.getValue(), bundle.body(), "the same bundle, byte for byte");
      }
    }
  }

  private static void assertNothingLost(JsonNode summary) {
    String s = summary.toString();
    assertEquals(0, summary.path("lost").asInt(-1), s);
    assertEquals(0, summary.path("duplicates").asInt(-1), s);
    assertEquals(DEPUTIES, summary.path("acknowledged").asInt(), s);
    assertTrue(summary.path("resultMatchesRecount").asBoolean(), s);
    assertTrue(summary.path("bundleVerified").asBoolean(), s);
    assertTrue(summary.path("ok").asBoolean(), s);
  }

  private static void keepBundle(JsonNode summary) throws Exception {
    String ballot = summary.path("ballot").asText();
    HttpResponse<String> bundle = get(1, "/api/ballots/" + ballot + "/bundle");
    assertEquals(200, bundle.statusCode(), bundle.body());
    bundles.put(ballot, bundle.body());
  }

  /** Sends writes to node {@code n} until one is refused with 503 (it noticed it is alone). */
  private static int awaitWriteRefused(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = -1;
    for (int i = 0; System.nanoTime() < deadline && status != 503; i++) {
      ObjectNode sitting = JSON.createObjectNode().put("id", "probe-" + i).put("title", "probe");
      ArrayNode roster = sitting.putArray("roster");
      roster.addObject().put("id", "p1").put("name", "代表").put("pin", "123456");
      status = clerk(n, "POST", "/api/sittings", sitting.toString()).statusCode();
      Thread.sleep(500);
    }
    return status;
  }

  private static HttpResponse<String> clerk(int n, String method, String path, String body)
      throws Exception {
    HttpResponse<String> login =
        send(
            n,
            HttpRequest.newBuilder()
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"clerk\",\"password\":\"clerk-dev\"}"))
                .header("content-type", "application/json"),
            "/api/login");
    String token = JSON.readTree(login.body()).path("token").asText();
    return send(
        n,
        HttpRequest.newBuilder()
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json")
            .header("Authorization", "Bearer " + token),
        path);
  }

  private static HttpResponse<String> get(int n, String path) throws Exception {
    return send(n, HttpRequest.newBuilder().GET(), path);
  }

  private static HttpResponse<String> send(int n, HttpRequest.Builder request, String path)
      throws Exception {
    return HTTP.send(
        request.uri(URI.create(url(n) + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String url(int n) {
    return "http://" + Hosts.hallAddress(n) + ":" + HTTP_PORT;
  }

  private static void start(int n) throws Exception {
    NodeProcess old = nodes.remove(n);
    if (old != null) {
      old.close();
    }
    Path home = Files.createDirectories(folder.resolve("host-" + n));
    nodes.put(
        n,
        NodeProcess.start(
            Hosts.on(n),
            home,
            Map.of(),
            "serve",
            "--config",
            folder.resolve("node-" + n + ".json").toString()));
  }

  private static void awaitReady(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!nodes.get(n).alive()) {
        fail("node " + n + " ended: " + nodes.get(n).stderr());
      }
      try {
        if (get(n, "/health/ready").statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail("node " + n + " not ready in 180 s: " + nodes.get(n).stderr());
  }

  /** A node's config: the development keys of node N, its two links, and the dev accounts. */
  private static ObjectNode config(int n) throws Exception {
    Path keys = Path.of("keys", "dev").toAbsolutePath();
    JsonNode dev = JSON.readTree(Path.of("config", "cluster", "node-1.json").toFile());
    ObjectNode c = JSON.createObjectNode();
    c.putObject("node")
        .put("key", keys.resolve("node-" + n + ".key").toString())
        .put("dataDir", folder.resolve("data-" + n).toString())
        .put("pinPepper", keys.resolve("dev-pin-pepper.pem").toString());
    ObjectNode cluster =
        c.putObject("cluster")
            .put("name", "faults-it")
            .put("host", Hosts.memberAddress(n))
            .put("port", 5701)
            .put("eventBusPort", 5801)
            .put("minimumMembers", 2)
            .put("startupWaitSeconds", 300);
    ArrayNode members = cluster.putArray("members");
    Hosts.all(1, Hosts.COUNT).forEach(a -> members.add(a + ":5701"));
    if (dev.path("cluster").has("tls")) {
      ObjectNode tls = cluster.putObject("tls");
      tls.put("key", keys.resolve("node-" + n + "-cluster.key").toString());
      tls.put("cert", keys.resolve("node-" + n + "-cluster.crt").toString());
      tls.put("ca", keys.resolve("cluster-ca.crt").toString());
    }
    c.putObject("http")
        .put("host", Hosts.hallAddress(n))
        .put("port", HTTP_PORT)
        .put("plainHttp", true);
    ArrayNode trusted = c.putArray("trustedNodeKeys");
    for (int i = 1; i <= Hosts.COUNT; i++) {
      trusted.add(keys.resolve("node-" + i + ".pub").toString());
    }
    c.set("accounts", dev.get("accounts"));
    return c;
  }

  /** {@code votehall simulate} as a separate process against the three hosts. */
  private static final class Simulation {
    private final NodeProcess process;

    private Simulation(NodeProcess process) {
      this.process = process;
    }

    static Simulation start(Path folder, String kind, int deputies, int pace) throws Exception {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "simulate",
                  "--kind",
                  kind,
                  "--deputies",
                  Integer.toString(deputies),
                  "--pace",
                  Integer.toString(pace),
                  "--clerk",
                  "clerk:clerk-dev",
                  "--timeout",
                  "400"));
      for (int n = 1; n <= Hosts.COUNT; n++) {
        args.addAll(List.of("--node", url(n)));
        args.addAll(
            List.of(
                "--trust",
                Path.of("keys", "dev", "node-" + n + ".pub").toAbsolutePath().toString()));
      }
      Path home = Files.createTempDirectory(folder, "simulate");
      return new Simulation(NodeProcess.start(home, Map.of(), args.toArray(String[]::new)));
    }

    /** Waits until the simulator's progress line says {@code count} casts were acknowledged. */
    void awaitAcked(int count) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
      while (System.nanoTime() < deadline) {
        Matcher m = ACKED.matcher(lastProgress());
        if (m.find()
            && lastProgress().contains("phase=cast")
            && Integer.parseInt(m.group(1)) >= count) {
          return;
        }
        if (!process.alive()) {
          fail("the simulator ended before " + count + " casts: " + process.stderr());
        }
        Thread.sleep(100);
      }
      fail("not " + count + " casts in 300 s: " + process.stderr());
    }

    /** The ballot id the progress lines name, if any yet. */
    String ballot() throws Exception {
      Matcher m = Pattern.compile("ballot=(\\S+)").matcher(process.stderr());
      return m.find() ? m.group(1) : null;
    }

    JsonNode summary() throws Exception {
      if (!process.await(Duration.ofSeconds(420))) {
        process.close();
        fail("the simulator did not finish: " + process.stderr());
      }
      String out = process.stdout().trim();
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError(
            "no JSON summary (exit " + process.exitCode() + "): " + out + "\n" + process.stderr(),
            e);
      }
    }

    private String lastProgress() throws Exception {
      String[] lines = process.stderr().split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (lines[i].contains("acked=")) {
          return lines[i];
        }
      }
      return "";
    }
  }
}
