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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
}
