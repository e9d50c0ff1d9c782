package org.votehall.cluster;

import java.nio.file.Path;

/**
 * The development event-bus certificates of {@code keys/dev} (node-1 … node-3, signed by {@code
 * dev-cluster-ca}), for tests that start several members: their event bus runs over mutual TLS as a
 * configured cluster's does.
 */
public final class DevClusterTls {
  private static final Path DEV = Path.of("keys", "dev").toAbsolutePath();

  private DevClusterTls() {}

  /** Node {@code n}'s (1 to 3) key and certificate, and the development cluster CA. */
  public static EventBusTls node(int n) {
    return new EventBusTls(
        DEV.resolve("node-" + n + "-cluster.key"),
        DEV.resolve("node-" + n + "-cluster.crt"),
        DEV.resolve("dev-cluster-ca.crt"));
  }

  /** {@code settings} with node {@code n}'s development event-bus TLS. */
  public static ClusterSettings node(int n, ClusterSettings settings) {
    return settings.withEventBusTls(node(n));
  }
}
