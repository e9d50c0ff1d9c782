package org.votehall.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.votehall.cli.NodeProcess;

/**
 * Three {@code votehall serve} processes, one on each of the {@link Hosts}, with the development
 * node keys and accounts, plain HTTP on the hall network and the cluster on the members' network.
 * Also what {@link ThreeHostsBenchmark} runs.
 */
final class HostedCluster implements AutoCloseable {
  static final int HTTP_PORT = 8080;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Hosts hosts;
  private final Path folder;
  private final Map<Integer, NodeProcess> nodes = new HashMap<>();

  private HostedCluster(Hosts hosts, Path folder) {
    this.hosts = hosts;
    this.folder = folder;
  }

  /** Makes the hosts and starts a node on each; returns once all three serve. */
  static HostedCluster start(Path folder) throws Exception {
    HostedCluster cluster = new HostedCluster(Hosts.create(), folder);
    for (int n = 1; n <= Hosts.COUNT; n++) {
      Files.writeString(folder.resolve(config(n)), cluster.config(folder, n).toPrettyString());
    }
    for (int n = 1; n <= Hosts.COUNT; n++) {
      cluster.start(n);
    }
    for (int n = 1; n <= Hosts.COUNT; n++) {
      cluster.awaitReady(n);
    }
    return cluster;
  }

  Hosts hosts() {
    return hosts;
  }

  Path folder() {
    return folder;
  }

  NodeProcess node(int n) {
    return nodes.get(n);
  }

  static String url(int n) {
    return "http://" + Hosts.hallAddress(n) + ":" + HTTP_PORT;
  }

  /** Every node's URL and trusted key, as {@code simulate} takes them. */
  static List<String> simulateTargets() {
    List<String> args = new ArrayList<>();
    for (int n = 1; n <= Hosts.COUNT; n++) {
      args.addAll(List.of("--node", url(n)));
      args.addAll(
          List.of(
              "--trust", Path.of("keys", "dev", "node-" + n + ".pub").toAbsolutePath().toString()));
    }
    return args;
  }

  /** Starts (or starts again, after a kill) the node of host {@code n}; does not wait. */
  void start(int n) throws IOException {
    NodeProcess old = nodes.remove(n);
    if (old != null) {
      old.close();
    }
    Path home = Files.createDirectories(folder.resolve("host-" + n));
    // -Dvotehall.jfr=DIR records each node with Java Flight Recorder (profiling, BENCHMARKS.md).
    String jfr = System.getProperty("votehall.jfr");
    Map<String, String> env =
        jfr == null
            ? Map.of()
            : Map.of(
                "JAVA_TOOL_OPTIONS",
                "-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(jfr).toAbsolutePath().resolve("node-" + n + ".jfr"));
    nodes.put(
        n,
        NodeProcess.start(
            Hosts.on(n), home, env, "serve", "--config", folder.resolve(config(n)).toString()));
  }

  void awaitReady(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!nodes.get(n).alive()) {
        throw new AssertionError("node " + n + " ended: " + nodes.get(n).stderr());
      }
      try {
        if (get(n, "/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("node " + n + " not ready in 180 s: " + nodes.get(n).stderr());
  }

  static HttpResponse<String> get(int n, String path) throws Exception {
    return send(n, HttpRequest.newBuilder().GET(), path);
  }

  /** A call by the development clerk (clerk / clerk-dev), logged in for it. */
  static HttpResponse<String> clerk(int n, String method, String path, String body)
      throws Exception {
    return as("clerk", n, method, path, body);
  }

  /** A call by the development auditor (auditor / auditor-dev), logged in for it. */
  static HttpResponse<String> auditor(int n, String path) throws Exception {
    return as("auditor", n, "GET", path, "");
  }

  private static HttpResponse<String> as(
      String account, int n, String method, String path, String body) throws Exception {
    HttpResponse<String> login =
        send(
            n,
            HttpRequest.newBuilder()
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + account + "\",\"password\":\"" + account + "-dev\"}"))
                .header("content-type", "application/json"),
            "/api/login");
    String token = JSON.readTree(login.body()).path("token").asText();
    return send(
        n,
        HttpRequest.newBuilder()
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json")
            .header("Authorization", "Bearer " + token),
        path);
  }

  private static HttpResponse<String> send(int n, HttpRequest.Builder request, String path)
      throws Exception {
    return HTTP.send(
        request.uri(URI.create(url(n) + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    // SIGTERM first: a node stops cleanly (and writes its flight recording, if any).
    for (NodeProcess node : nodes.values()) {
      try {
        node.terminate(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    nodes.values().forEach(NodeProcess::close);
    hosts.close();
  }

  private static Path config(int n) {
    return Path.of("node-" + n + ".json");
  }

  /** A node's config: the development keys of node N, its two links, and the dev accounts. */
  private ObjectNode config(Path folder, int n) throws IOException {
    Path keys = Path.of("keys", "dev").toAbsolutePath();
    JsonNode dev = JSON.readTree(Path.of("config", "cluster", "node-1.json").toFile());
    ObjectNode c = JSON.createObjectNode();
    c.putObject("node")
        .put("key", keys.resolve("node-" + n + ".key").toString())
        .put("dataDir", folder.resolve("data-" + n).toString())
        .put("pinPepper", keys.resolve("dev-pin-pepper.pem").toString());
    ObjectNode cluster =
        c.putObject("cluster")
            .put("name", "hosted")
            .put("host", Hosts.memberAddress(n))
            .put("port", 5701)
            .put("eventBusPort", 5801)
            .put("minimumMembers", 2)
            .put("startupWaitSeconds", 300);
    ArrayNode members = cluster.putArray("members");
    Hosts.all(1, Hosts.COUNT).forEach(a -> members.add(a + ":5701"));
    JsonNode devTls = dev.path("cluster").path("tls");
    if (!devTls.isMissingNode()) {
      // The dev cluster's certificates, as config/cluster/ names them (paths relative to it).
      Path devConfig = Path.of("config", "cluster").toAbsolutePath();
      JsonNode mine =
          JSON.readTree(Path.of("config", "cluster", "node-" + n + ".json").toFile())
              .path("cluster")
              .path("tls");
      ObjectNode tls = cluster.putObject("tls");
      mine.fields()
          .forEachRemaining(
              f ->
                  tls.put(
                      f.getKey(), devConfig.resolve(f.getValue().asText()).normalize().toString()));
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
}
