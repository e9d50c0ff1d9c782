package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.cluster.EventBusTls;
import org.votehall.crypto.ClusterCertificate;

/** {@code serve} checks the event bus's TLS files before it starts, in one line each. */
class ClusterTlsPreflightTest {
  private static final Path DEV = Path.of("keys", "dev");
  private static final Path CA = DEV.resolve("dev-cluster-ca.crt");

  @TempDir Path dir;

  @Test
  void theDevelopmentCertificatesAreNodesOfTheDevelopmentCa() {
    for (int n = 1; n <= 3; n++) {
      EventBusTls tls =
          new EventBusTls(
              DEV.resolve("node-" + n + "-cluster.key"),
              DEV.resolve("node-" + n + "-cluster.crt"),
              CA);
      assertDoesNotThrow(() -> Preflight.clusterTls(tls, Instant.now()), "node-" + n);
    }
    assertDoesNotThrow(() -> Preflight.clusterTls(null, Instant.now()), "none: a node alone");
  }

  @Test
  void aCertificateAnotherCaSignedIsRefused() throws Exception {
    SecureRandom random = new SecureRandom();
    ClusterCertificate.authority(Instant.now(), random)
        .issue("node-1", Instant.now(), random)
        .write(dir.resolve("n.key"), dir.resolve("n.crt"));
    String message = refusal(new EventBusTls(dir.resolve("n.key"), dir.resolve("n.crt"), CA));
    assertTrue(message.contains("is not signed by the cluster CA cluster.tls.ca"), message);
    assertTrue(message.contains("keygen"), message);
  }

  @Test
  void eachOtherMistakeIsNamed() {
    Path key1 = DEV.resolve("node-1-cluster.key");
    Path cert1 = DEV.resolve("node-1-cluster.crt");
    String mismatch = refusal(new EventBusTls(key1, DEV.resolve("node-2-cluster.crt"), CA));
    assertTrue(mismatch.contains("is not the key of cluster.tls.cert"), mismatch);
    String httpsCa = refusal(new EventBusTls(key1, cert1, DEV.resolve("node-1-tls.crt")));
    assertTrue(httpsCa.contains("cluster.tls.ca") && httpsCa.contains("not a CA"), httpsCa);
    String nodeKey = refusal(new EventBusTls(DEV.resolve("node-1.key"), cert1, CA));
    assertTrue(nodeKey.contains("not an EC private key"), nodeKey);
    String missing = refusal(new EventBusTls(key1, cert1, dir.resolve("nope.crt")));
    assertTrue(missing.contains("cluster.tls.ca: ") && missing.contains("does not exist"), missing);
    String expired =
        assertThrows(
                StartupException.class,
                () ->
                    Preflight.clusterTls(
                        new EventBusTls(key1, cert1, CA),
                        Instant.now().plus(Duration.ofDays(3 * 365))))
            .getMessage();
    assertTrue(expired.contains("is not valid now"), expired);
  }

  private static String refusal(EventBusTls tls) {
    String message =
        assertThrows(StartupException.class, () -> Preflight.clusterTls(tls, Instant.now()))
            .getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    return message;
  }
}
