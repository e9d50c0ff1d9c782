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
      description = "HTTP port on localhost (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    NodeLauncher.Running running = start(port);
    PrintWriter out = command.commandLine().getOut();
    describe(out, running.server().port());
    running.awaitShutdown();
    return 0;
  }

  /** Starts the demo node and seeds its sitting; returns once it serves. */
  static NodeLauncher.Running start(int httpPort) throws Exception {
    SecureRandom random = new SecureRandom();
    Path data = Files.createTempDirectory("votehall-demo");
    List<Account> accounts =
        List.of(
            new Account(
                "clerk", Account.CLERK, SecretHash.hash("clerk-demo", random, SecretHash.DEFAULT)),
            new Account(
                "auditor",
                Account.AUDITOR,
                SecretHash.hash("auditor-demo", random, SecretHash.DEFAULT)));
    NodeConfig config =
        new NodeConfig(
            Path.of("keys", "dev", "node-1.key"),
            data,
            ClusterSettings.single("votehall-demo-" + ProcessHandle.current().pid(), freePort()),
            "127.0.0.1",
            httpPort,
            true,
            null,
            null,
            List.of(Path.of("keys", "dev", "node-1.pub")),
            accounts);
    NodeLauncher.Running running =
        NodeLauncher.start(config, random)
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    seed(running.hall(), random);
    return running;
  }

  private static void seed(Hall hall, SecureRandom random) throws IOException {
    SecretHash.Params quick = new SecretHash.Params(1024, 1, 1); // 60 demo PINs hashed at start-up
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= DEPUTIES; i++) {
      roster.add(
          new Deputy(
              String.format("d%03d", i),
              "代表" + i,
              SecretHash.hash(String.format("%06d", i), random, quick)));
    }
    expect(hall.sittings().create(SITTING, "市人大第一次全体会议（演示）", roster, Quorum.CONGRESS));
    for (int t = 1; t <= 4; t++) {
      expect(
          hall.sittings()
              .registerTerminal(
                  SITTING,
                  String.format("t%03d", t),
                  KeyFiles.readPublic(
                      Path.of("keys", "dev", String.format("terminal-%03d.pub", t)))));
    }
    for (String kind : BALLOTS) {
      expect(hall.ballots().define(SITTING, resource("demo/" + kind + ".json"), true));
    }
  }

  private static void describe(PrintWriter out, int port) {
    String base = "http://localhost:" + port;
    out.println(
        "votehall demo: one node, plain HTTP on localhost only, development keys (keys/dev).");
    out.println("  big screen      " + base + "/display/?sitting=" + SITTING);
    out.println("  API contract    " + base + "/openapi.yaml");
    out.println("  status          " + base + "/api/sittings/" + SITTING + "/status");
    out.println(
        "  big screen feed " + base + "/api/sittings/" + SITTING + "/live   (server-sent events)");
    out.println(
        "  clerk login     POST "
            + base
            + "/api/login  {\"name\":\"clerk\",\"password\":\"clerk-demo\"}");
    out.println(
        "  auditor login   POST "
            + base
            + "/api/login  {\"name\":\"auditor\",\"password\":\"auditor-demo\"}");
    out.println(
        "  deputies        d001 … d060, PIN 000001 … 000060; terminals t001 … t004 (keys/dev/terminal-00N.key)");
    out.println("  ballots (draft) budget-2027, vice-mayor-2027, projects-2027, rating-2026");
    out.println(
        "The terminal, clerk console and audit pages are not built yet (use the API). Ctrl+C stops the demo.");
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
