package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's TLS pair: PEM out, and the private key never in its printed form. */
class TlsCertificateTest {

  @Test
  void itsPrintedFormWithholdsThePrivateKey() {
    TlsCertificate tls =
        TlsCertificate.selfSigned(
            "node-x", List.of("localhost", "127.0.0.1"), Instant.now(), new SecureRandom());
    assertTrue(tls.keyPem().contains("PRIVATE KEY"));
    assertTrue(tls.certificatePem().contains("CERTIFICATE"));
    assertFalse(tls.toString().contains("PRIVATE KEY"), tls.toString());
    assertFalse(tls.toString().contains(tls.keyPem().lines().skip(1).findFirst().orElseThrow()));
  }
}
