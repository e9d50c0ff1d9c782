package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenSSL and Python's {@code cryptography} read our key files as an independent check; a test that
 * needs one of them is skipped, saying why, where it is not installed.
 */
final class OtherTools {
  private OtherTools() {}

  /** What {@code openssl pkey -in KEY -pubout} derives: the public key PEM. */
  static String opensslPublicKey(Path key) throws Exception {
    requireOpenssl();
    assertEquals("", run("openssl", "pkey", "-in", key.toString(), "-noout"), key.toString());
    return run("openssl", "pkey", "-in", key.toString(), "-pubout");
  }

  /** What Python's {@code load_pem_private_key} reads from KEY: its public key as PEM. */
  static String pythonPublicKey(Path key) throws Exception {
    String script =
        "import sys\n"
            + "from cryptography.hazmat.primitives.serialization import"
            + " load_pem_private_key, Encoding, PublicFormat\n"
            + "key = load_pem_private_key(open(sys.argv[1], 'rb').read(), password=None)\n"
            + "sys.stdout.write(key.public_key().public_bytes(Encoding.PEM,"
            + " PublicFormat.SubjectPublicKeyInfo).decode())\n";
    Assumptions.assumeTrue(
        exitCode("python3", "-c", "import cryptography") == 0,
        "python3 with the cryptography package is not installed; skipped");
    return run("python3", "-c", script, key.toString());
  }

  /** {@code openssl verify -CAfile CA CERT}: the chain checks, by a tool that is not ours. */
  static void opensslVerify(Path ca, Path certificate) throws Exception {
    requireOpenssl();
    assertEquals(
        certificate + ": OK\n",
        run("openssl", "verify", "-CAfile", ca.toString(), certificate.toString()));
  }

  private static void requireOpenssl() throws Exception {
    Assumptions.assumeTrue(
        exitCode("openssl", "version") == 0, "openssl is not installed; skipped");
  }

  /** Runs a command that must succeed; returns its standard output. */
  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    assertEquals(0, p.exitValue(), List.of(command) + " failed: " + err);
    return out;
  }

  private static int exitCode(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1; // not installed
    }
  }
}
