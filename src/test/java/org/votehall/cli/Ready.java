package org.votehall.cli;

import java.time.Duration;

/** Waits for a node process to answer {@code /health/ready} with 200 over HTTPS. */
final class Ready {
  private Ready() {}

  static void await(NodeProcess node, int port, int tlsNode) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!node.alive()) {
        throw new AssertionError("the node ended: " + node.stderr());
      }
      if (status(port, tlsNode) == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready in 120 s: " + node.stderr());
  }

  /** The status of /health/ready, or -1 if nothing answers. */
  static int status(int port, int tlsNode) {
    try (ApiClient api = ApiClient.https(port, tlsNode)) {
      return api.get("/health/ready").statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
