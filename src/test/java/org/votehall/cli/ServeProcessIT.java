package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --config …} as an operator runs it: the jar, a separate JVM, a working folder that
 * is not the project's; ready over HTTPS, stopped with SIGTERM; start-up mistakes in one line.
 */
class ServeProcessIT {
  private static final Path CONFIG = Path.of("config", "node.json").toAbsolutePath();

  @TempDir Path folder;

  private static Map<String, String> env(Path data, int http, int cluster) {
    Map<String, String> env = new HashMap<>();
    env.put("VOTEHALL_NODE_DATA_DIR", data.toString());
    env.put("VOTEHALL_HTTP_PORT", Integer.toString(http));
    env.put("VOTEHALL_CLUSTER_PORT", Integer.toString(cluster));
    env.put("VOTEHALL_CLUSTER_MEMBERS", "127.0.0.1:" + cluster);
    try {
      env.put("VOTEHALL_CLUSTER_EVENT_BUS_PORT", Integer.toString(NodeProcess.freePort()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    env.put("VOTEHALL_CLUSTER_NAME", "serve-it-" + cluster);
    return env;
  }

  private NodeProcess serve(Map<String, String> env) throws Exception {
    return NodeProcess.start(folder, env, "serve", "--config", CONFIG.toString());
  }

  @Test
  void startsFromAnotherFolderServesAndStopsOnSigterm() throws Exception {
    int http = NodeProcess.freePort();
    int cluster = NodeProcess.freePort();
    try (NodeProcess node = serve(env(folder.resolve("data"), http, cluster))) {
      Ready.await(node, http, 1);
      assertTrue(node.stdout().contains("serving https://127.0.0.1:" + http), node.stdout());
      assertTrue(
          node.stderr().contains("cluster serve-it-" + cluster + ": 1 of 1 members"),
          node.stderr());
      assertTrue(node.terminate(Duration.ofSeconds(30)), "SIGTERM stops the node");
      assertTrue(node.stderr().contains("stopped"), node.stderr());
      assertFalse(node.stderr().contains("Exception"), node.stderr());
    }
  }

  @Test
  void aSecondNodeOnTheSameDataFolderRefusesToStart() throws Exception {
    Path data = folder.resolve("data");
    int http = NodeProcess.freePort();
    try (NodeProcess first = serve(env(data, http, NodeProcess.freePort()))) {
      Ready.await(first, http, 1);
      NodeProcess second =
          NodeProcess.run(
              folder,
              env(data, NodeProcess.freePort(), NodeProcess.freePort()),
              "serve",
              "--config",
              CONFIG.toString());
      assertEquals(2, second.exitCode(), second.stderr());
      assertOneLine(
          second.stderr(), "is in use by another votehall node (pid " + first.pid() + ")");
      assertEquals(200, Ready.status(http, 1), "the first node serves on");
    }
  }

  @Test
  void listenersBindTheConfiguredHostAndNoHazelcastClientGetsIn() throws Exception {
    assumeTrue(Listeners.available(), "no Linux /proc here to read the listeners: skipped");
    int http = NodeProcess.freePort();
    int cluster = NodeProcess.freePort();
    try (NodeProcess node = serve(env(folder.resolve("data"), http, cluster))) {
      Ready.await(node, http, 1);
      List<Listeners.Listener> listening = Listeners.of(node.pid());
      assertTrue(listening.stream().anyMatch(l -> l.port() == cluster), listening.toString());
      assertTrue(listening.stream().anyMatch(l -> l.port() == http), listening.toString());
      assertTrue(listening.size() >= 3, "HTTP, cluster and event bus: " + listening);
      listening.forEach(l -> assertTrue(l.loopbackV4(), "bound to 127.0.0.1 only: " + l));
      assertThrows(
          IllegalStateException.class, () -> client("serve-it-" + cluster, cluster).shutdown());
    }
  }

  /** The client used above does get into a member that keeps Hazelcast's default network. */
  @Test
  void theSameClientGetsIntoADefaultMember() throws Exception {
    int port = NodeProcess.freePort();
    Config config = new Config().setClusterName("open-" + port);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    try {
      HazelcastInstance client = client("open-" + port, port);
      assertTrue(client.getLifecycleService().isRunning());
      client.shutdown();
    } finally {
      member.shutdown();
    }
  }

  private static HazelcastInstance client(String cluster, int port) {
    ClientConfig config = new ClientConfig().setClusterName(cluster);
    config.getNetworkConfig().addAddress("127.0.0.1:" + port);
    config
        .getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(8000);
    return HazelcastClient.newHazelcastClient(config);
  }

  @Test
  void startupMistakesEndInOneLineAndExit2() throws Exception {
    int http = NodeProcess.freePort();
    int cluster = NodeProcess.freePort();
    Map<String, String> env = env(folder.resolve("data"), http, cluster);
    expectRefusal(env, folder.resolve("absent.json"), "absent.json does not exist");
    expectRefusal(
        env,
        write("{\n \"node\": {\n  \"key\": \"x\",\n }\n}"),
        "not valid JSON at line 4, column 2");
    expectRefusal(
        env,
        write(config().replace("\"http\": {", "\"http\": {\"prot\": 1, ")),
        "unknown key \"http.prot\"");
    expectRefusal(
        env,
        write(
            config()
                .replace("\"node\": {", "\"node\": {\"extra\": 1, ")
                .replace("\"key\": ", "\"keyx\": ")),
        "unknown key \"node.");
    expectRefusal(
        env,
        write(config().replace("$argon2id$", "$argon2i$")),
        "passwordHash is not an Argon2id hash");
    Map<String, String> badKey = new HashMap<>(env);
    badKey.put("VOTEHALL_NODE_KEY", folder.resolve("missing.key").toString());
    expectRefusal(badKey, CONFIG, "missing.key does not exist");
    Map<String, String> alone = new HashMap<>(env);
    alone.put(
        "VOTEHALL_CLUSTER_MEMBERS",
        "127.0.0.1:" + cluster + ",127.0.0.1:" + NodeProcess.freePort());
    alone.put("VOTEHALL_CLUSTER_MINIMUM_MEMBERS", "2");
    alone.put("VOTEHALL_CLUSTER_STARTUP_WAIT_SECONDS", "2");
    expectRefusal(alone, CONFIG, "cluster.tls is missing but cluster.members names 2");
    Path dev = Path.of("keys", "dev").toAbsolutePath();
    alone.put("VOTEHALL_CLUSTER_TLS_KEY", dev.resolve("node-1-cluster.key").toString());
    alone.put("VOTEHALL_CLUSTER_TLS_CERT", dev.resolve("node-2-cluster.crt").toString());
    alone.put("VOTEHALL_CLUSTER_TLS_CA", dev.resolve("dev-cluster-ca.crt").toString());
    expectRefusal(alone, CONFIG, "is not the key of cluster.tls.cert");
    alone.put("VOTEHALL_CLUSTER_TLS_CERT", dev.resolve("node-1-cluster.crt").toString());
    expectRefusal(alone, CONFIG, "only 1 of the 2 cluster members needed joined within 2 s");
    Map<String, String> noPort = new HashMap<>(env);
    noPort.put("VOTEHALL_CLUSTER_PORT", "0");
    expectRefusal(noPort, CONFIG, "cluster.port must be a port from 1 to 65535");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Map<String, String> busy = new HashMap<>(env);
      busy.put("VOTEHALL_HTTP_PORT", Integer.toString(taken.getLocalPort()));
      expectRefusal(busy, CONFIG, "HTTP port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
      assertTrue(last.contains("http.port (VOTEHALL_HTTP_PORT)"), last);
      busy = new HashMap<>(env);
      busy.put("VOTEHALL_CLUSTER_PORT", Integer.toString(taken.getLocalPort()));
      expectRefusal(
          busy, CONFIG, "cluster port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  private String last = "";

  private void expectRefusal(Map<String, String> env, Path config, String fragment)
      throws Exception {
    NodeProcess p = NodeProcess.run(folder, env, "serve", "--config", config.toString());
    assertEquals(2, p.exitCode(), p.stderr());
    assertOneLine(p.stderr(), fragment);
    last = p.stderr();
  }

  /**
   * The run ends with one line, {@code serve: …}, naming the mistake; no stack trace anywhere. A
   * mistake found before the node starts is all there is; one found later (too few members) follows
   * the node's log lines.
   */
  private static void assertOneLine(String stderr, String fragment) {
    List<String> lines = stderr.strip().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(
        last.startsWith("serve: ") && last.contains(fragment), "«" + fragment + "» in: " + stderr);
    assertEquals(1, lines.stream().filter(l -> l.startsWith("serve: ")).count(), stderr);
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        "no stack trace: " + stderr);
  }

  private static String config() throws Exception {
    return Files.readString(CONFIG);
  }

  private Path write(String json) throws Exception {
    Path dir = Files.createDirectories(folder.resolve("conf"));
    return Files.writeString(Files.createTempFile(dir, "node", ".json"), json);
  }
}
