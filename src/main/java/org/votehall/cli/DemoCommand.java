package org.votehall.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.votehall.cluster.ClusterSettings;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SecretHash;
import org.votehall.hall.Deputy;
import org.votehall.hall.Hall;
import org.votehall.hall.Outcome;
import org.votehall.http.Account;
import org.votehall.rules.Quorum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: one node on localhost with plain HTTP (the one case the config may say so), the
 * development keys, a 60-deputy congress and a sitting with one draft ballot of each kind.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run one node with a demo congress and sitting.")
final class DemoCommand implements Callable<Integer> {
  static final String SITTING = "demo";
  static final int DEPUTIES = 60;
  private static final String[] BALLOTS = {"motion", "election", "selection", "rating"};

  @Spec CommandSpec command;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address to serve on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 in a"
              + " container).")
  String host;

  /** The demo node and the temporary folder it keeps its keys and ledger in. */
  record Demo(NodeLauncher.Running running, Path folder) {
    org.votehall.cluster.ClusterNode node() {
      return running.node();
    }

    org.votehall.http.HallServer server() {
      return running.server();
    }

    Hall hall() {
      return running.hall();
    }

    /** Stops the node and removes its folder (PIN hashes, ledger, keys). */
    void stop() {
      DemoCommand.stop(this);
    }
  }

  @Override
  public Integer call() throws Exception {
    Demo demo;
    try {
      demo = start(host, port);
    } catch (StartupException e) {
      command.commandLine().getErr().println("demo: " + e.getMessage());
      return 2;
    }
    PrintWriter out = command.commandLine().getOut();
    describe(
        out,
        "localhost".equals(host) || "127.0.0.1".equals(host) ? "localhost" : host,
        demo.running().server().port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(demo)));
    new java.util.concurrent.CountDownLatch(1).await();
    return 0;
  }

  /** Starts the demo node on localhost and seeds its sitting; returns once it serves. */
  static Demo start(int httpPort) throws Exception {
    return start("127.0.0.1", httpPort);
  }

  /** Starts the demo node and seeds its sitting; returns once it serves. */
  static Demo start(String host, int httpPort) throws Exception {
    return start(
        host,
        httpPort,
        NodeConfig.DEFAULT_MAX_CONNECTIONS,
        NodeConfig.DEFAULT_IDLE_TIMEOUT_SECONDS);
  }

  /** As {@link #start(String, int)}, with the given connection cap and idle timeout. */
  static Demo start(String host, int httpPort, int maxConnections, int idleSeconds)
      throws Exception {
    SecureRandom random = new SecureRandom();
    Path folder = Files.createTempDirectory("votehall-demo");
    try {
      Path keys = demoKeys(folder);
      NodeConfig config =
          config(
              folder,
              keys,
              new NodeConfig.HttpSettings(
                  host,
                  httpPort,
                  true,
                  null,
                  null,
                  maxConnections,
                  NodeConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                  idleSeconds),
              random);
      NodeLauncher.Running running =
          NodeLauncher.start(config, random)
              .toCompletionStage()
              .toCompletableFuture()
              .get(120, TimeUnit.SECONDS);
      Demo demo = new Demo(running, folder);
      try {
        seed(running.hall(), random, keys);
      } catch (RuntimeException | IOException e) {
        stop(demo);
        throw e;
      }
      return demo;
    } catch (java.util.concurrent.ExecutionException e) {
      deleteTree(folder);
      throw e.getCause() instanceof StartupException s ? s : e;
    } catch (Exception e) {
      deleteTree(folder);
      throw e;
    }
  }

  /** Stops the node and removes its folder (PIN hashes, ledger, keys). */
  static void stop(Demo demo) {
    demo.running().stop();
    deleteTree(demo.folder());
  }

  private static NodeConfig config(
      Path folder, Path keys, NodeConfig.HttpSettings http, SecureRandom random) {
    List<Account> accounts =
        List.of(
            new Account(
                "clerk", Account.CLERK, SecretHash.hash("clerk-demo", random, SecretHash.DEFAULT)),
            new Account(
                "auditor",
                Account.AUDITOR,
                SecretHash.hash("auditor-demo", random, SecretHash.DEFAULT)));
    int clusterPort;
    try {
      clusterPort = freePort();
    } catch (IOException e) {
      throw new StartupException("no free port for the demo's cluster member: " + e.getMessage());
    }
    return new NodeConfig(
        keys.resolve("node-1.key"),
        folder.resolve("data"),
        keys.resolve(DEV_PEPPER),
        org.votehall.vault.BlindKeyVault.DEFAULT_POOL,
        org.votehall.ledger.Ledger.Mixing.DEFAULT,
        ClusterSettings.single("votehall-demo-" + ProcessHandle.current().pid(), clusterPort),
        http,
        List.of(keys.resolve("node-1.pub")),
        accounts);
  }

  /** The development PIN pepper (keys/dev): public, for the demo only. */
  static final String DEV_PEPPER = "dev-pin-pepper.pem";

  /** The development keys packaged in the jar, copied out for this run. */
  private static Path demoKeys(Path folder) throws IOException {
    Path keys = Files.createDirectories(folder.resolve("keys"));
    List<String> names = new ArrayList<>(List.of("node-1.key", "node-1.pub", DEV_PEPPER));
    for (int t = 1; t <= 4; t++) {
      names.add(String.format("terminal-%03d.pub", t));
    }
    for (String name : names) {
      try (InputStream in =
          DemoCommand.class.getClassLoader().getResourceAsStream("demo-keys/" + name)) {
        if (in == null) {
          throw new IOException(
              "the jar lacks its demo key " + name + ": rebuild it with mvn package");
        }
        Files.copy(in, keys.resolve(name));
      }
    }
    return keys;
  }

  private static void deleteTree(Path folder) {
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // best effort: the folder is in the temp folder
    }
  }

  private static void seed(Hall hall, SecureRandom random, Path keys) throws IOException {
    SecretHash.Params quick = new SecretHash.Params(1024, 1, 1); // 60 demo PINs hashed at start-up
    org.votehall.crypto.PinHasher pins =
        new org.votehall.crypto.PinHasher(
            org.votehall.crypto.PinPepper.read(keys.resolve(DEV_PEPPER)), quick, random);
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= DEPUTIES; i++) {
      roster.add(
          new Deputy(String.format("d%03d", i), "代表" + i, pins.hash(String.format("%06d", i))));
    }
    expect(hall.sittings().create(SITTING, "市人大第一次全体会议（演示）", roster, Quorum.CONGRESS));
    for (int t = 1; t <= 4; t++) {
      expect(
          hall.sittings()
              .registerTerminal(
                  SITTING,
                  String.format("t%03d", t),
                  KeyFiles.readPublic(keys.resolve(String.format("terminal-%03d.pub", t)))));
    }
    for (String kind : BALLOTS) {
      expect(hall.ballots().define(SITTING, resource("demo/" + kind + ".json"), true));
    }
  }

  private static void describe(PrintWriter out, String host, int port) {
    String base = "http://" + host + ":" + port;
    out.println(
        "votehall demo: one node, plain HTTP, development keys (keys/dev), data in a temporary"
            + " folder removed when it stops.");
    out.println(
        "  seat terminal   " + base + "/terminal/   (enrol it with a code from the clerk console)");
    out.println(
        "  clerk console   " + base + "/clerk/?sitting=" + SITTING + "   (clerk / clerk-demo)");
    out.println("  hall screen     " + base + "/display/?sitting=" + SITTING);
    out.println(
        "  audit page      "
            + base
            + "/audit/?sitting="
            + SITTING
            + "   (auditor / auditor-demo; receipt lookup for all)");
    out.println(
        "  scrutineer page "
            + base
            + "/scrutineer/   (enrol with a code the clerk console gives each scrutineer)");
    out.println("  API contract    " + base + "/openapi.yaml");
    out.println("  status          " + base + "/api/sittings/" + SITTING + "/status");
    out.println(
        "  deputies        d001 … d060, PIN 000001 … 000060; terminals t001 … t004 (keys/dev/terminal-00N.key)");
    out.println("  ballots (draft) budget-2027, vice-mayor-2027, projects-2027, rating-2026");
    out.println("The demo runs in the foreground: Ctrl+C stops it.");
    out.flush();
  }

  private static void expect(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Refused<?> r) {
      throw new IllegalStateException(
          "the demo sitting could not be set up: " + r.refusal().message());
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).encode();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
