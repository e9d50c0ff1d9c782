package org.votehall.cli;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve --config FILE}: runs a configured node. The configuration is JSON read with
 * vertx-config: the file, then environment overrides ({@code VOTEHALL_HTTP_PORT}, {@code
 * VOTEHALL_CLUSTER_PORT}, {@code VOTEHALL_CLUSTER_MEMBERS}, {@code VOTEHALL_DATA_DIR}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a configured node.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The node's configuration (JSON).")
  Path config;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    NodeConfig node;
    try {
      node = NodeConfig.from(read(config));
    } catch (RuntimeException e) {
      err.println("serve: " + config + ": " + rootMessage(e));
      return 2;
    }
    NodeLauncher.Running running =
        NodeLauncher.start(node, new SecureRandom())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    String scheme = node.plainHttp() ? "http" : "https";
    command
        .commandLine()
        .getOut()
        .printf(
            "votehall node %s serving %s://%s:%d (cluster %s on %s:%d)%n",
            running.node().nodeId(),
            scheme,
            node.httpHost(),
            running.server().port(),
            node.cluster().clusterName(),
            node.cluster().host(),
            node.cluster().port());
    var replayed = running.hall().replayed();
    command.commandLine().getOut().printf("replayed %d ledger entries%n", replayed.entries());
    replayed.incidents().forEach(i -> command.commandLine().getErr().println("INCIDENT: " + i));
    command.commandLine().getOut().flush();
    running.awaitShutdown();
    return 0;
  }

  /** The file, then the environment: vertx-config merges the stores in that order. */
  static JsonObject read(Path file) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ConfigStoreOptions fileStore =
          new ConfigStoreOptions()
              .setType("file")
              .setFormat("json")
              .setConfig(new JsonObject().put("path", file.toString()));
      ConfigStoreOptions env =
          new ConfigStoreOptions()
              .setType("env")
              .setConfig(
                  new JsonObject()
                      .put(
                          "keys",
                          new JsonArray()
                              .add("VOTEHALL_HTTP_PORT")
                              .add("VOTEHALL_CLUSTER_PORT")
                              .add("VOTEHALL_CLUSTER_MEMBERS")
                              .add("VOTEHALL_DATA_DIR")));
      ConfigRetriever retriever =
          ConfigRetriever.create(
              vertx,
              new ConfigRetrieverOptions().addStore(fileStore).addStore(env).setScanPeriod(0));
      JsonObject merged =
          retriever.getConfig().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return NodeConfig.withEnvironment(merged, merged);
    } finally {
      vertx.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
