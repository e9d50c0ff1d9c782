package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster CA and its node certificates, checked by the JDK's own TLS trust manager (what the
 * event bus's TLS runs) as well as by {@link ClusterCertificate#check}.
 */
class ClusterCertificateTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void theJdkTrustsANodeCertificateOfTheCaAsClientAndServerAndNoneOfAnotherCa() throws Exception {
    Instant now = Instant.now();
    ClusterCertificate ca = ClusterCertificate.authority(now, RANDOM);
    ClusterCertificate node = ca.issue("node-1", now, RANDOM);
    ClusterCertificate foreign =
        ClusterCertificate.authority(now, RANDOM).issue("node-1", now, RANDOM);
    X509TrustManager trust = trusting(x509(ca.certificatePem()));
    X509Certificate[] chain = {x509(node.certificatePem())};
    assertDoesNotThrow(() -> trust.checkClientTrusted(chain, "ECDHE_ECDSA"));
    assertDoesNotThrow(() -> trust.checkServerTrusted(chain, "ECDHE_ECDSA"));
    X509Certificate[] other = {x509(foreign.certificatePem())};
    assertThrows(CertificateException.class, () -> trust.checkClientTrusted(other, "ECDHE_ECDSA"));
    assertThrows(CertificateException.class, () -> trust.checkServerTrusted(other, "ECDHE_ECDSA"));
    assertEquals("EC", x509(node.certificatePem()).getPublicKey().getAlgorithm());
  }

  @Test
  void checkTakesTheCasNodeCertificateAndNamesEachMistake() throws Exception {
    Instant now = Instant.now();
    ClusterCertificate ca = ClusterCertificate.authority(now, RANDOM);
    ca.write(dir.resolve("ca.key"), dir.resolve("ca.crt"));
    ca.issue("n1", now, RANDOM).write(dir.resolve("n1.key"), dir.resolve("n1.crt"));
    ca.issue("n2", now, RANDOM).write(dir.resolve("n2.key"), dir.resolve("n2.crt"));
    ClusterCertificate.authority(now, RANDOM)
        .issue("n1", now, RANDOM)
        .write(dir.resolve("x.key"), dir.resolve("x.crt"));
    Path caCrt = dir.resolve("ca.crt");
    assertDoesNotThrow(
        () -> ClusterCertificate.check(dir.resolve("n1.key"), dir.resolve("n1.crt"), caCrt, now));
    assertProblem(
        ClusterCertificate.Problem.NOT_SIGNED_BY_CA,
        dir.resolve("x.key"),
        dir.resolve("x.crt"),
        caCrt,
        now);
    assertProblem(
        ClusterCertificate.Problem.KEY_NOT_THE_CERTIFICATES,
        dir.resolve("n2.key"),
        dir.resolve("n1.crt"),
        caCrt,
        now);
    assertProblem(
        ClusterCertificate.Problem.CA_NOT_A_CA,
        dir.resolve("n1.key"),
        dir.resolve("n1.crt"),
        dir.resolve("n2.crt"),
        now);
    assertProblem(
        ClusterCertificate.Problem.NOT_VALID_NOW,
        dir.resolve("n1.key"),
        dir.resolve("n1.crt"),
        caCrt,
        now.plus(Duration.ofDays(731)));
    assertProblem(
        ClusterCertificate.Problem.CA_NOT_VALID_NOW,
        dir.resolve("n1.key"),
        dir.resolve("n1.crt"),
        caCrt,
        now.minus(Duration.ofDays(1)));
    assertProblem(
        ClusterCertificate.Problem.KEY_UNREADABLE,
        dir.resolve("n1.crt"),
        dir.resolve("n1.crt"),
        caCrt,
        now);
    assertProblem(
        ClusterCertificate.Problem.CERTIFICATE_UNREADABLE,
        dir.resolve("n1.key"),
        dir.resolve("n1.key"),
        caCrt,
        now);
  }

  @Test
  void aFreshCertificateIsValidOnANodeWhoseClockIsAMinuteBehind() throws Exception {
    Instant now = Instant.now();
    ClusterCertificate ca = ClusterCertificate.authority(now, RANDOM);
    ca.write(dir.resolve("ca.key"), dir.resolve("ca.crt"));
    ca.issue("n1", now, RANDOM).write(dir.resolve("n1.key"), dir.resolve("n1.crt"));
    assertDoesNotThrow(
        () ->
            ClusterCertificate.check(
                dir.resolve("n1.key"),
                dir.resolve("n1.crt"),
                dir.resolve("ca.crt"),
                now.minus(Duration.ofMinutes(1))));
  }

  @Test
  void readTakesOnlyAKeyWithItsOwnCertificate() throws Exception {
    Instant now = Instant.now();
    ClusterCertificate ca = ClusterCertificate.authority(now, RANDOM);
    ca.write(dir.resolve("ca.key"), dir.resolve("ca.crt"));
    assertEquals(ca, ClusterCertificate.read(dir.resolve("ca.key"), dir.resolve("ca.crt")));
    ca.issue("n1", now, RANDOM).write(dir.resolve("n1.key"), dir.resolve("n1.crt"));
    assertThrows(
        java.io.IOException.class,
        () -> ClusterCertificate.read(dir.resolve("n1.key"), dir.resolve("ca.crt")));
  }

  @Test
  void itsPrintedFormWithholdsThePrivateKey() {
    ClusterCertificate ca = ClusterCertificate.authority(Instant.now(), RANDOM);
    assertTrue(ca.keyPem().contains("PRIVATE KEY"));
    assertFalse(ca.toString().contains(ca.keyPem().lines().skip(1).findFirst().orElseThrow()));
  }

  private static void assertProblem(
      ClusterCertificate.Problem expected, Path key, Path cert, Path ca, Instant at) {
    ClusterCertificate.Invalid e =
        assertThrows(
            ClusterCertificate.Invalid.class, () -> ClusterCertificate.check(key, cert, ca, at));
    assertEquals(expected, e.problem(), e.getMessage());
  }

  private static X509TrustManager trusting(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("cluster-ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  private static X509Certificate x509(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
