package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.VerifyingKey;
import org.votehall.simulate.BallotPlan;
import org.votehall.simulate.Progress;
import org.votehall.simulate.SimulateOptions;
import org.votehall.simulate.Simulation;
import org.votehall.simulate.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate --node URL …}: the terminal simulator and load generator (docs/simulate.md). A
 * progress line a second on stderr, the JSON summary on stdout; exit 0 if every check held.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Play N seat terminals against one or several nodes (enrolment, check-in, blind tokens,"
          + " recorded and secret casts), close and announce the ballot, and check every"
          + " acknowledged receipt against the published bundle and the result against a recount.",
      "Progress on stderr once a second; the JSON summary on stdout. Exit 0: every check held;"
          + " 1: one did not (or the run failed); 2: bad options or an unreadable file."
    })
final class SimulateCommand implements Callable<Integer> {
  static final int NOT_OK = 1;
  static final int BAD_OPTIONS = 2;

  @Spec CommandSpec command;

  @Option(
      names = "--node",
      required = true,
      paramLabel = "URL",
      description =
          "A node's base URL, http or https (repeat for several; terminals are spread"
              + " over them round-robin).")
  List<String> nodes;

  @Option(
      names = "--deputies",
      defaultValue = "300",
      paramLabel = "N",
      description = "Deputies, one terminal each (default: ${DEFAULT-VALUE}; at most 5000).")
  int deputies;

  @Option(
      names = "--kind",
      defaultValue = "motion",
      paramLabel = "KIND",
      description =
          "motion (recorded), election (secret), selection or rating (secret)"
              + " (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--secret",
      negatable = true,
      description =
          "Make the ballot secret (--secret) or recorded (--no-secret); default: the"
              + " kind's (a motion recorded, the others secret; an election is always secret).")
  Boolean secret;

  @Option(
      names = "--clerk",
      defaultValue = "clerk:clerk-demo",
      paramLabel = "NAME:PASSWORD",
      description = "The clerk's login (default: the demo's, ${DEFAULT-VALUE}).")
  String clerk;

  @Option(
      names = "--auditor",
      defaultValue = "auditor:auditor-demo",
      paramLabel = "NAME:PASSWORD",
      description =
          "The auditor's login, to fetch the bundle (default: the demo's," + " ${DEFAULT-VALUE}).")
  String auditor;

  @Option(
      names = "--trust",
      paramLabel = "NODE.pub",
      description =
          "A node public key to verify the bundle with (repeat for each; without it,"
              + " the bundle's own keys, as verify does).")
  List<Path> trust = new ArrayList<>();

  @Option(
      names = "--ca",
      paramLabel = "CERT.pem",
      description =
          "PEM certificates to trust for HTTPS (repeat; e.g. keys/dev/node-1-tls.crt);"
              + " without it, the JVM's default trust store.")
  List<Path> ca = new ArrayList<>();

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      paramLabel = "C",
      description =
          "Requests in flight at most (default: ${DEFAULT-VALUE}; a node takes 64"
              + " connections from one address by default).")
  int concurrency;

  @Option(
      names = "--pace",
      defaultValue = "0",
      paramLabel = "R",
      description = "At most R casts a second overall (default: as fast as the nodes take them).")
  double pace;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description = "The whole run's time; retries stop then (default: ${DEFAULT-VALUE}).")
  long timeout;

  @Option(
      names = "--request-timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "A request unanswered this long is sent to the next node (default:"
              + " ${DEFAULT-VALUE}; creating the sitting and closing take longer).")
  long requestTimeout;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Also write the JSON summary to FILE.")
  Path summaryFile;

  @Option(
      names = "--prefix",
      paramLabel = "ID",
      description =
          "What the sitting, terminal and ballot ids start with (default: sim- and the"
              + " time, fresh for each run).")
  String prefix;

  @Option(
      names = "--enrol-by-code",
      defaultValue = "3",
      paramLabel = "K",
      description =
          "Terminals enrolled by one-time code, the others registered by the clerk"
              + " (default: ${DEFAULT-VALUE}; a node takes 10 enrolments a minute from one address).")
  int enrolByCode;

  @Option(
      names = "--resend",
      defaultValue = "0",
      paramLabel = "K",
      description =
          "Send the first K acknowledged casts again, unchanged, to the next node, as a terminal"
              + " whose answer was lost does: each must get its receipt back (default: none).")
  int resend;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Chooses the deputies' marks (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = command.commandLine().getErr();
    SimulateOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException | IOException e) {
      err.println("simulate: " + e.getMessage());
      return BAD_OPTIONS;
    }
    Progress progress = new Progress(System.nanoTime());
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulate-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(() -> line(err, progress), 1, 1, TimeUnit.SECONDS);
    Summary summary;
    try {
      summary = Simulation.run(options, progress, err);
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(2, TimeUnit.SECONDS);
    }
    line(err, progress);
    String json = summary.json();
    command.commandLine().getOut().println(json);
    command.commandLine().getOut().flush();
    if (summaryFile != null) {
      Files.writeString(summaryFile, json + "\n", StandardCharsets.UTF_8);
    }
    return summary.ok() ? 0 : NOT_OK;
  }

  private static void line(PrintWriter err, Progress progress) {
    err.println(progress.line(System.nanoTime()));
    err.flush();
  }

  private SimulateOptions options() throws IOException {
    BallotPlan.Kind k;
    try {
      k = BallotPlan.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--kind is motion, election, selection or rating, not " + kind);
    }
    if (timeout < 1 || requestTimeout < 1) {
      throw new IllegalArgumentException("--timeout and --request-timeout are at least 1 second");
    }
    List<String> urls = new ArrayList<>();
    for (String node : nodes) {
      urls.add(url(node));
    }
    List<VerifyingKey> keys = new ArrayList<>();
    for (Path file : trust) {
      keys.add(KeyFiles.readPublic(file));
    }
    for (Path file : ca) {
      if (!Files.isReadable(file)) {
        throw new IOException(file + ": no such file, or not readable (--ca)");
      }
    }
    return new SimulateOptions(
        urls,
        deputies,
        k,
        secret == null ? BallotPlan.secretByDefault(k) : secret,
        login("--clerk", clerk),
        login("--auditor", auditor),
        keys,
        ca,
        concurrency,
        pace,
        Duration.ofSeconds(timeout),
        Duration.ofSeconds(requestTimeout),
        prefix == null ? "sim-" + Long.toString(System.currentTimeMillis(), 36) : prefix,
        Math.min(enrolByCode, deputies),
        resend,
        seed);
  }

  /** {@code http(s)://host[:port]}, with no path: the node's base URL. */
  static String url(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--node " + text + ": not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--node " + text + ": give an http:// or https:// URL with a host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "--node " + text + ": give the node's base URL, without a path");
    }
    return scheme + "://" + uri.getRawAuthority();
  }

  private static SimulateOptions.Login login(String option, String text) {
    int colon = text.indexOf(':');
    if (colon < 1 || colon == text.length() - 1) {
      throw new IllegalArgumentException(option + " is NAME:PASSWORD");
    }
    return new SimulateOptions.Login(text.substring(0, colon), text.substring(colon + 1));
  }
}
