package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.votehall.crypto.ClusterCertificate;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinPepper;

class KeygenCommandTest {
  @TempDir Path dir;

  private int keygen(StringWriter err, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "keygen";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new PrintWriter(new StringWriter()), new PrintWriter(err));
  }

  @Test
  void writesANodeAndTerminalKeyPairsThatBelongTogether() throws Exception {
    assertEquals(0, keygen(new StringWriter(), "--out", dir.toString(), "--terminals", "2"));
    for (String name : new String[] {"node", "terminal-001", "terminal-002"}) {
      assertEquals(
          KeyFiles.readPublic(dir.resolve(name + ".pub")),
          KeyFiles.readPrivate(dir.resolve(name + ".key")).verifyingKey());
    }
  }

  @Test
  void neverOverwritesAPrivateKeyAndWritesNothingThen() throws Exception {
    assertEquals(0, keygen(new StringWriter(), "--out", dir.toString(), "--name", "node-1"));
    byte[] before = Files.readAllBytes(dir.resolve("node-1.key"));
    StringWriter err = new StringWriter();
    assertEquals(1, keygen(err, "--out", dir.toString(), "--name", "node-1", "--terminals", "1"));
    assertTrue(err.toString().contains("never overwritten"), err.toString());
    assertEquals(new String(before), Files.readString(dir.resolve("node-1.key")));
    assertTrue(Files.notExists(dir.resolve("terminal-001.key")));
  }

  @Test
  void theDevelopmentKeysInTheRepositoryArePairs() throws Exception {
    Path dev = Path.of("keys", "dev");
    for (String name :
        new String[] {"node-1", "node-2", "node-3", "terminal-001", "terminal-004"}) {
      assertEquals(
          KeyFiles.readPublic(dev.resolve(name + ".pub")),
          KeyFiles.readPrivate(dev.resolve(name + ".key")).verifyingKey(),
          name);
    }
  }

  @Test
  void openSslAndPythonReadTheWrittenKeysAndDeriveTheSamePublicKeys() throws Exception {
    assertEquals(0, keygen(new StringWriter(), "--out", dir.toString(), "--terminals", "1"));
    for (String name : new String[] {"node", "terminal-001"}) {
      Path key = dir.resolve(name + ".key");
      String pub = Files.readString(dir.resolve(name + ".pub"));
      assertEquals(pub, OtherTools.opensslPublicKey(key), "openssl, " + name);
      assertEquals(pub, OtherTools.pythonPublicKey(key), "python, " + name);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node-1",
        "node-2",
        "node-3",
        "terminal-001",
        "terminal-002",
        "terminal-003",
        "terminal-004"
      })
  void openSslAndPythonReadEveryDevelopmentKey(String name) throws Exception {
    Path dev = Path.of("keys", "dev");
    String pub = Files.readString(dev.resolve(name + ".pub"));
    assertEquals(pub, OtherTools.opensslPublicKey(dev.resolve(name + ".key")), "openssl");
    assertEquals(pub, OtherTools.pythonPublicKey(dev.resolve(name + ".key")), "python");
  }

  @Test
  void everyPrivateKeyIsOwnerOnlyTheTlsKeyToo() throws Exception {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "no POSIX permissions on this file system");
    assertEquals(
        0, keygen(new StringWriter(), "--out", dir.toString(), "--name", "node-1", "--tls"));
    for (String file : new String[] {"node-1.key", "node-1-tls.key"}) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))),
          file);
    }
    assertTrue(
        Files.readString(dir.resolve("node-1-tls.crt")).startsWith("-----BEGIN CERTIFICATE"));
  }

  @Test
  void makesThePinPepperOwnerOnlyAndNeverOverwritesIt() throws Exception {
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        Main.run(
            new String[] {"keygen", "--out", dir.toString(), "--pin-pepper"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter())));
    Path pepper = dir.resolve("pin-pepper.pem");
    String id = PinPepper.read(pepper).id();
    assertTrue(out.toString().contains("pin-pepper.pem " + id), out.toString());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pepper)));
    }
    StringWriter err = new StringWriter();
    assertEquals(1, keygen(err, "--out", dir.toString(), "--name", "n2", "--pin-pepper"));
    assertTrue(err.toString().contains("pin-pepper.pem exists"), err.toString());
    assertEquals(id, PinPepper.read(pepper).id());
    assertTrue(Files.notExists(dir.resolve("n2.key")), "nothing written");
  }

  @Test
  void makesAClusterCaAndNodeCertificatesThatCheckAndNothingElse() throws Exception {
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        Main.run(
            new String[] {"keygen", "--out", dir.toString(), "--cluster-ca"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter())));
    assertTrue(out.toString().startsWith("cluster-ca.crt "), out.toString());
    for (int n = 1; n <= 2; n++) {
      assertEquals(
          0,
          keygen(
              new StringWriter(),
              "--out",
              dir.toString(),
              "--name",
              "node-" + n,
              "--cluster-cert",
              "--ca",
              dir.resolve("cluster-ca").toString()));
      ClusterCertificate.check(
          dir.resolve("node-" + n + "-cluster.key"),
          dir.resolve("node-" + n + "-cluster.crt"),
          dir.resolve("cluster-ca.crt"),
          Instant.now());
    }
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(
              "cluster-ca.crt",
              "cluster-ca.key",
              "node-1-cluster.crt",
              "node-1-cluster.key",
              "node-2-cluster.crt",
              "node-2-cluster.key"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no node key pair beside them");
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      for (String file : new String[] {"cluster-ca.key", "node-1-cluster.key"}) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))),
            file);
      }
    }
    OtherTools.opensslVerify(dir.resolve("cluster-ca.crt"), dir.resolve("node-2-cluster.crt"));
  }

  @Test
  void neverOverwritesTheClusterCaOrANodesClusterKey() throws Exception {
    assertEquals(0, keygen(new StringWriter(), "--out", dir.toString(), "--cluster-ca"));
    String ca = Files.readString(dir.resolve("cluster-ca.key"));
    String caCert = Files.readString(dir.resolve("cluster-ca.crt"));
    StringWriter err = new StringWriter();
    assertEquals(1, keygen(err, "--out", dir.toString(), "--cluster-ca"));
    assertTrue(err.toString().contains("never overwritten"), err.toString());
    assertEquals(ca, Files.readString(dir.resolve("cluster-ca.key")));
    assertEquals(caCert, Files.readString(dir.resolve("cluster-ca.crt")));
    String[] cert = {
      "--out", dir.toString(), "--name", "n1", "--cluster-cert", "--ca", dir + "/cluster-ca.crt"
    };
    assertEquals(0, keygen(new StringWriter(), cert));
    String key = Files.readString(dir.resolve("n1-cluster.key"));
    String crt = Files.readString(dir.resolve("n1-cluster.crt"));
    err = new StringWriter();
    assertEquals(1, keygen(err, cert));
    assertTrue(err.toString().contains("never overwritten"), err.toString());
    assertEquals(key, Files.readString(dir.resolve("n1-cluster.key")));
    assertEquals(crt, Files.readString(dir.resolve("n1-cluster.crt")));
  }

  @Test
  void aClusterCertificateNeedsTheCasKeyAndCertificate() throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(2, keygen(err, "--out", dir.toString(), "--name", "n1", "--cluster-cert"));
    assertTrue(err.toString().contains("--cluster-cert needs --ca"), err.toString());
    err = new StringWriter();
    assertEquals(2, keygen(err, "--out", dir.toString(), "--cluster-ca", "--tls"));
    assertTrue(err.toString().contains("only their own pair"), err.toString());
    err = new StringWriter();
    Path dev = Path.of("keys", "dev");
    assertEquals(
        1,
        keygen(
            err,
            "--out",
            dir.toString(),
            "--name",
            "n1",
            "--cluster-cert",
            "--ca",
            dev.resolve("node-1-cluster").toString()),
        "a node certificate is no CA: its key is another file");
    err = new StringWriter();
    assertEquals(
        1,
        keygen(
            err,
            "--out",
            dir.toString(),
            "--name",
            "n1",
            "--cluster-cert",
            "--ca",
            dir.resolve("missing-ca").toString()));
    assertTrue(
        err.toString().contains("must be the cluster CA's key and certificate"), err.toString());
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "nothing written");
    }
  }
}
