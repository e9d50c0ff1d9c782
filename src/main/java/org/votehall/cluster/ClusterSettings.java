package org.votehall.cluster;

import java.util.List;

/**
 * How a node joins its cluster: TCP-IP on known addresses, never multicast, listening on {@code
 * host} only; the event bus (cluster messages such as the close fence) on {@code eventBusPort} of
 * that host (0: any free port). {@code minimumMembers} is the split-brain protection: a node starts
 * serving only once that many members are there, and a side of a split with fewer members refuses
 * writes. {@code startupWaitSeconds} bounds the wait for them at start. {@code eventBusTls} is the
 * event bus's mutual TLS (its key, certificate and cluster CA); {@code null} leaves the event bus
 * plain, which only a node alone should (the command line refuses a cluster without it).
 */
public record ClusterSettings(
    String clusterName,
    String host,
    int port,
    int eventBusPort,
    List<String> members,
    int minimumMembers,
    int startupWaitSeconds,
    EventBusTls eventBusTls) {

  public ClusterSettings {
    members = List.copyOf(members);
    if (port < 1
        || port > 65535
        || eventBusPort < 0
        || eventBusPort > 65535
        || minimumMembers < 1
        || startupWaitSeconds < 1) {
      throw new IllegalArgumentException(
          "Cluster settings out of range [port: "
              + port
              + ", eventBusPort: "
              + eventBusPort
              + ", minimumMembers: "
              + minimumMembers
              + ", startupWaitSeconds: "
              + startupWaitSeconds
              + "]");
    }
  }

  /** A plain event bus: a node alone, or a test that wants one. */
  public ClusterSettings(
      String clusterName,
      String host,
      int port,
      int eventBusPort,
      List<String> members,
      int minimumMembers,
      int startupWaitSeconds) {
    this(clusterName, host, port, eventBusPort, members, minimumMembers, startupWaitSeconds, null);
  }

  /** These settings with the event bus over mutual TLS from {@code tls}. */
  public ClusterSettings withEventBusTls(EventBusTls tls) {
    return new ClusterSettings(
        clusterName, host, port, eventBusPort, members, minimumMembers, startupWaitSeconds, tls);
  }

  /**
   * The event bus on any free port (nodes in one test JVM); waits at most five minutes for the
   * minimum membership at start.
   */
  public ClusterSettings(
      String clusterName, String host, int port, List<String> members, int minimumMembers) {
    this(clusterName, host, port, 0, members, minimumMembers, 300);
  }

  /** One node alone on loopback, as the demo runs. */
  public static ClusterSettings single(String clusterName, int port) {
    return new ClusterSettings(clusterName, "127.0.0.1", port, List.of("127.0.0.1:" + port), 1);
  }
}
