package org.votehall.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve --config FILE}: runs a configured node in the foreground until it is stopped
 * (SIGTERM, Ctrl+C). The file's settings can each be overridden from the environment (README,
 * "Configuration"). A mistake in them, or anything else that keeps the node from starting, ends
 * with one line on stderr and exit code 2.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run a configured node (in the foreground; SIGTERM or Ctrl+C stops it).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The node's configuration (JSON); relative paths in it are relative to it.")
  Path config;

  /** The environment the settings may be overridden from (the process's own, but for tests). */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    NodeLauncher.Running running;
    NodeConfig node;
    try {
      node = ConfigFile.read(config, environment);
      running =
          NodeLauncher.start(node, new SecureRandom())
              .toCompletionStage()
              .toCompletableFuture()
              .get();
    } catch (StartupException e) {
      err.println("serve: " + e.getMessage());
      return 2;
    } catch (ExecutionException e) {
      err.println("serve: " + reason(e.getCause()));
      return 2;
    } catch (RuntimeException e) {
      err.println("serve: " + reason(e));
      return 2;
    }
    announce(node, running);
    running.awaitShutdown();
    return 0;
  }

  private void announce(NodeConfig node, NodeLauncher.Running running) {
    PrintWriter out = command.commandLine().getOut();
    String scheme = node.http().plainHttp() ? "http" : "https";
    out.printf(
        "votehall node %s serving %s://%s:%d (cluster %s on %s:%d, %d members, %d needed)%n",
        running.node().nodeId(),
        scheme,
        node.http().host(),
        running.server().port(),
        node.cluster().clusterName(),
        node.cluster().host(),
        node.cluster().port(),
        running.node().members(),
        node.cluster().minimumMembers());
    var replayed = running.hall().replayed();
    out.printf("replayed %d ledger entries%n", replayed.entries());
    replayed.incidents().forEach(i -> command.commandLine().getErr().println("INCIDENT: " + i));
    out.flush();
  }

  /** One line: a start-up mistake as it was told, anything else by its innermost message. */
  private static String reason(Throwable e) {
    if (e instanceof StartupException) {
      return e.getMessage();
    }
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return "the node could not start: " + t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
