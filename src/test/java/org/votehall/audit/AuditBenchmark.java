package org.votehall.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;

/**
 * Timing command for BENCHMARKS.md (not a test): how long {@code verify} takes on a 3,000-ballot
 * secret election bundle, and how many ledger appends per second group commit gives.
 *
 * <pre>
 * mvn -B -q package -DskipTests && mvn -B -q test-compile
 * java -cp target/votehall.jar:target/test-classes org.votehall.audit.AuditBenchmark [BALLOTS]
 * </pre>
 */
public final class AuditBenchmark {
  private AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ballots = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    Path work = Files.createDirectories(Path.of("target", "bench"));
    SigningKey node = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    long t0 = System.nanoTime();
    Files.deleteIfExists(work.resolve("election.ledger"));
    byte[] bundle =
        new BallotRun(node, work.resolve("election.ledger"), new SecureRandom())
            .run(
                Ballots.ELECTION.replace("\"members\":30", "\"members\":" + (ballots + 10)),
                Ballots.lines("election", ballots, 1),
                ballots + 5,
                ballots);
    Path file = work.resolve("election-" + ballots + ".bundle.json");
    Files.write(file, bundle);
    System.out.printf(
        Locale.ROOT,
        "bundle: %d ballots, %d bytes, made in %.1f s -> %s%n",
        ballots,
        bundle.length,
        seconds(t0),
        file);
    timeVerify(bundle, node);
    timeLedger(work, node);
  }

  private static void timeVerify(byte[] bundle, SigningKey node) {
    BundleVerifier verifier = new BundleVerifier(List.of(node.verifyingKey()));
    double[] runs = new double[8];
    for (int i = 0; i < runs.length; i++) {
      long t = System.nanoTime();
      Verification v = verifier.verify(bundle);
      runs[i] = seconds(t);
      if (!(v instanceof Verification.Holds)) {
        throw new IllegalStateException("the benchmark bundle does not verify: " + v);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "verify in process: first %.3f s, then median %.3f s (min %.3f) over %d runs%n",
        runs[0],
        median(Arrays.copyOfRange(runs, 1, runs.length)),
        Arrays.stream(runs).min().orElse(0),
        runs.length - 1);
  }

  private static void timeLedger(Path work, SigningKey node) throws Exception {
    for (int concurrent : new int[] {1, 64, 1024}) {
      Path file = work.resolve("append-" + concurrent + ".ledger");
      Files.deleteIfExists(file);
      int total = concurrent == 1 ? 5_000 : 200_000;
      try (Ledger ledger = Ledger.open(file, node, null, e -> {})) {
        long t = System.nanoTime();
        List<CompletableFuture<LedgerEntry>> window = new ArrayList<>(concurrent);
        for (int i = 0; i < total; i++) {
          window.add(ledger.append("cast", LedgerTestPayload.of(i)));
          if (window.size() == concurrent) {
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get();
            window.clear();
          }
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get();
        double s = seconds(t);
        System.out.printf(
            Locale.ROOT,
            "ledger: %d appends with %d in flight: %.0f appends/s, %d forces (%.1f per force)%n",
            total,
            concurrent,
            total / s,
            ledger.forces(),
            (double) total / ledger.forces());
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A cast-sized payload, like a recorded cast's. */
  static final class LedgerTestPayload {
    static com.fasterxml.jackson.databind.node.ObjectNode of(int i) {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      json.put("ballot", "vice-mayor-2027")
          .put("deputy", String.format("d%04d", i % 3000))
          .put("nonce", Integer.toHexString(i * 7919));
      json.putObject("marks").putObject("vice").put("c1", "for").put("c2", "against");
      return json;
    }
  }
}
