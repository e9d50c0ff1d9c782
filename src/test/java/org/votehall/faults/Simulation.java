package org.votehall.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.votehall.cli.NodeProcess;

/** {@code votehall simulate} as a separate process against the three hosts. */
final class Simulation {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ACKED = Pattern.compile("acked=(\\d+)");

  private static final java.util.concurrent.atomic.AtomicInteger RUNS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final NodeProcess process;
  private final String ballot;

  private Simulation(NodeProcess process, String ballot) {
    this.process = process;
    this.ballot = ballot;
  }

  /** Starts a run; {@code more} are further options (such as {@code --pace 20}). */
  static Simulation start(Path folder, String kind, int deputies, String... more) throws Exception {
    String prefix =
        "run" + RUNS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    List<String> args =
        new ArrayList<>(
            List.of(
                "simulate",
                "--kind",
                kind,
                "--deputies",
                Integer.toString(deputies),
                "--clerk",
                "clerk:clerk-dev",
                "--auditor",
                "auditor:auditor-dev",
                "--prefix",
                prefix,
                "--timeout",
                "600"));
    args.addAll(HostedCluster.simulateTargets());
    args.addAll(List.of(more));
    Path home = Files.createTempDirectory(folder, "simulate");
    return new Simulation(
        NodeProcess.start(home, Map.of(), args.toArray(String[]::new)), prefix + "-" + kind);
  }

  /**
   * Waits until a progress line says {@code count} casts were acknowledged (acknowledged casts only
   * grow, so any line will do, even once the run has gone on to close).
   */
  void awaitAcked(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (System.nanoTime() < deadline) {
      if (acked() >= count) {
        return;
      }
      if (!process.alive()) {
        throw new AssertionError("the simulator ended before " + count + " casts: " + stderr());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not " + count + " casts in 300 s: " + stderr());
  }

  /** The ballot's id (simulate names it by its prefix and kind). */
  String ballot() {
    return ballot;
  }

  /** Waits for the end of the run and reads its JSON summary. */
  JsonNode summary() throws Exception {
    if (!process.awaitExit(Duration.ofSeconds(660))) {
      process.close();
      throw new AssertionError("the simulator did not finish: " + stderr());
    }
    String out = process.stdout().trim();
    try {
      return JSON.readTree(out);
    } catch (Exception e) {
      throw new AssertionError(
          "no JSON summary (exit " + process.exitCode() + "): " + out + "\n" + stderr(), e);
    }
  }

  String stderr() throws Exception {
    String all = process.stderr();
    return all.length() > 20_000 ? "…" + all.substring(all.length() - 20_000) : all;
  }

  private int acked() throws Exception {
    Matcher m = ACKED.matcher(process.stderr());
    int most = 0;
    while (m.find()) {
      most = Math.max(most, Integer.parseInt(m.group(1)));
    }
    return most;
  }
}
