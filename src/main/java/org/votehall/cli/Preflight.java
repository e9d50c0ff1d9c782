package org.votehall.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.votehall.cluster.EventBusTls;
import org.votehall.crypto.ClusterCertificate;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SigningKey;

/**
 * The checks a node makes before it starts anything, so that each mistake ends in one line that
 * names the file, port or setting and says how to fix it.
 */
final class Preflight {
  private Preflight() {}

  /** The node's signing key, read and checked. */
  static SigningKey nodeKey(Path file) {
    readable("node.key", file, "make one with votehall keygen --out DIR");
    try {
      return KeyFiles.readPrivate(file);
    } catch (IOException | RuntimeException e) {
      throw new StartupException(
          "node.key "
              + file
              + " is not an Ed25519 private key in PEM (PKCS#8): make one with votehall keygen");
    }
  }

  /** PIN hashes keyed with the cluster's pepper, read from its file. */
  static PinHasher pins(Path file) {
    readable(
        "node.pinPepper",
        file,
        "make one with votehall keygen --pin-pepper and copy it to every node of the cluster");
    try {
      return new PinHasher(PinPepper.read(file));
    } catch (IOException e) {
      throw new StartupException(
          "node.pinPepper "
              + e.getMessage()
              + ": make one with votehall keygen --pin-pepper, the same file on every node");
    }
  }

  /** The public keys of the cluster's nodes, as PEM text. */
  static List<String> trustedKeys(List<Path> files) {
    List<String> pems = new ArrayList<>();
    for (Path file : files) {
      readable("trustedNodeKeys", file, "copy every node's .pub file from keygen");
      try {
        KeyFiles.readPublic(file);
        pems.add(Files.readString(file));
      } catch (IOException | RuntimeException e) {
        throw new StartupException(
            "trustedNodeKeys: " + file + " is not an Ed25519 public key in PEM (from keygen)");
      }
    }
    return pems;
  }

  static void tls(NodeConfig.HttpSettings http) {
    if (!http.plainHttp()) {
      readable("http.tls.key", http.tlsKey(), "make it with votehall keygen --tls");
      readable("http.tls.cert", http.tlsCert(), "make it with votehall keygen --tls");
    }
  }

  /**
   * The event bus's TLS files, when configured: readable, the certificate signed by the cluster CA
   * and valid now, and the key its own. The event bus would otherwise fail only later, on its first
   * message to another member, and far from the cause.
   */
  static void clusterTls(EventBusTls tls, Instant now) {
    if (tls == null) {
      return;
    }
    String certFix =
        "make the node's certificate with votehall keygen --out DIR --name NODE --cluster-cert"
            + " --ca CA (CA: the cluster CA's files without .key/.crt)";
    readable("cluster.tls.key", tls.key(), certFix);
    readable("cluster.tls.cert", tls.cert(), certFix);
    readable(
        "cluster.tls.ca",
        tls.ca(),
        "copy the cluster CA's certificate (cluster-ca.crt, from votehall keygen --cluster-ca)");
    try {
      ClusterCertificate.check(tls.key(), tls.cert(), tls.ca(), now);
    } catch (ClusterCertificate.Invalid e) {
      String detail = e.getMessage();
      throw new StartupException(
          switch (e.problem()) {
            case KEY_UNREADABLE ->
                "cluster.tls.key " + tls.key() + " is " + detail + ": " + certFix;
            case CERTIFICATE_UNREADABLE ->
                "cluster.tls.cert " + tls.cert() + " is " + detail + ": " + certFix;
            case CA_UNREADABLE, CA_NOT_A_CA ->
                "cluster.tls.ca "
                    + tls.ca()
                    + " is "
                    + detail
                    + ": give the cluster CA's certificate (cluster-ca.crt from votehall keygen"
                    + " --cluster-ca)";
            case CA_NOT_VALID_NOW ->
                "cluster.tls.ca "
                    + tls.ca()
                    + " is not valid now ("
                    + detail
                    + "): check this machine's clock, or make a new cluster CA and certificates";
            case NOT_SIGNED_BY_CA ->
                "cluster.tls.cert "
                    + tls.cert()
                    + " is not signed by the cluster CA cluster.tls.ca "
                    + tls.ca()
                    + " ("
                    + detail
                    + "): the other members would refuse it; "
                    + certFix;
            case NOT_VALID_NOW ->
                "cluster.tls.cert "
                    + tls.cert()
                    + " is not valid now ("
                    + detail
                    + "): check this machine's clock, or "
                    + certFix;
            case NOT_FOR_TLS -> "cluster.tls.cert " + tls.cert() + ": " + detail + ": " + certFix;
            case KEY_NOT_THE_CERTIFICATES ->
                "cluster.tls.key "
                    + tls.key()
                    + " is not the key of cluster.tls.cert "
                    + tls.cert()
                    + ": give the .key made with that certificate";
          });
    }
  }

  /**
   * Fails if nothing can listen on {@code host:port} now: in use, or not an address of this
   * machine. Port 0 (any free port) is always free.
   */
  static void portFree(String what, String host, int port, String setting) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      boolean inUse = e.getMessage() != null && e.getMessage().contains("in use");
      throw new StartupException(
          inUse
              ? what
                  + " port "
                  + port
                  + " on "
                  + host
                  + " is in use: stop the program using it, or choose another port with "
                  + setting
              : what
                  + " host "
                  + host
                  + " is not an address of this machine ("
                  + e.getMessage()
                  + "): set it to one of this machine's IP addresses");
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      throw new StartupException(
          what + " address " + host + ":" + port + " cannot be used: " + e.getMessage());
    }
  }

  private static void readable(String setting, Path file, String fix) {
    try {
      Files.newInputStream(file).close();
    } catch (NoSuchFileException e) {
      throw new StartupException(setting + ": " + file + " does not exist: " + fix);
    } catch (AccessDeniedException e) {
      throw new StartupException(
          setting
              + ": "
              + file
              + " cannot be read (permission denied): let the node's user read it");
    } catch (IOException e) {
      throw new StartupException(setting + ": " + file + " cannot be read: " + e.getMessage());
    }
    if (Files.isDirectory(file)) {
      throw new StartupException(setting + ": " + file + " is a folder, not a file: " + fix);
    }
  }
}
