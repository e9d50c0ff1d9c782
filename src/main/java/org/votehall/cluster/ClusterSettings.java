package org.votehall.cluster;

import java.util.List;

/**
 * How a node joins its cluster: TCP-IP on known addresses, never multicast (PLATFORM.md). {@code
 * minimumMembers} is the split-brain protection: a side of a split with fewer members refuses
 * writes to the voting maps (best effort: only once it has noticed the split).
 */
public record ClusterSettings(
    String clusterName, String host, int port, List<String> members, int minimumMembers) {

  public ClusterSettings {
    members = List.copyOf(members);
    if (port < 1 || port > 65535 || minimumMembers < 1) {
      throw new IllegalArgumentException(
          "Cluster settings out of range [port: "
              + port
              + ", minimumMembers: "
              + minimumMembers
              + "]");
    }
  }

  /** One node alone on loopback, as the demo runs. */
  public static ClusterSettings single(String clusterName, int port) {
    return new ClusterSettings(clusterName, "127.0.0.1", port, List.of("127.0.0.1:" + port), 1);
  }
}
