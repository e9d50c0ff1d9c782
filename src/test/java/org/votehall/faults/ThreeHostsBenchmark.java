package org.votehall.faults;

import java.nio.file.Files;

/**
 * Timing command for BENCHMARKS.md (not a test): three node processes on three simulated hosts
 * (network namespaces, as root) and {@code votehall simulate} on the same cores, for a recorded
 * motion and a secret election of N deputies; prints each run's JSON summary.
 *
 * <pre>
 * mvn -B -q package -DskipTests && mvn -B -q test-compile
 * sudo java -cp target/votehall.jar:target/test-classes org.votehall.faults.ThreeHostsBenchmark 3000
 * </pre>
 *
 * <p>With {@code -Dvotehall.jfr=DIR} each node records a flight recording there ({@code
 * node-N.jfr}, written when the node stops).
 */
public final class ThreeHostsBenchmark {
  private ThreeHostsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int deputies = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    String why = Hosts.unavailable();
    if (why != null) {
      System.err.println(why);
      System.exit(2);
    }
    try (HostedCluster cluster = HostedCluster.start(Files.createTempDirectory("three-hosts"))) {
      String[] kinds = args.length > 1 ? args[1].split(",") : new String[] {"motion", "election"};
      for (String kind : kinds) {
        Simulation run = Simulation.start(cluster.folder(), kind, deputies);
        System.out.println(run.summary().toPrettyString());
      }
    }
  }
}
