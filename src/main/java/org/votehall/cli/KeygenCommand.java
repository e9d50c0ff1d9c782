package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.votehall.crypto.ClusterCertificate;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.TlsCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keygen --out DIR [--name node] [--tls] [--pin-pepper] [--terminals N]}: writes a node key
 * pair ({@code NAME.key}, {@code NAME.pub}) and, on request, a TLS pair, the cluster's PIN pepper
 * ({@code pin-pepper.pem}) and terminal key pairs; never overwrites a private key or a pepper.
 * {@code keygen --out DIR --cluster-ca} makes only the cluster CA of the event bus's mutual TLS,
 * and {@code keygen --out DIR --name NODE --cluster-cert --ca DIR/cluster-ca} only a node's
 * certificate signed by it.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description =
        "Make Ed25519 key pairs for a node and, optionally, terminals (PEM files); or the"
            + " cluster CA and node certificates of the event bus's mutual TLS.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the keys.")
  Path out;

  @Option(
      names = "--name",
      defaultValue = "node",
      description = "The node key's file name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--tls",
      description =
          "Also make NAME-tls.key and NAME-tls.crt: a TLS key and self-signed certificate.")
  boolean tls;

  @Option(
      names = "--hosts",
      defaultValue = "localhost,127.0.0.1",
      split = ",",
      description = "Host names and addresses the certificate names (default: ${DEFAULT-VALUE}).")
  List<String> hosts;

  @Option(
      names = "--pin-pepper",
      description =
          "Also make "
              + PEPPER_FILE
              + ": the cluster's PIN pepper (node.pinPepper). Make it once per cluster and copy"
              + " it to every node.")
  boolean pinPepper;

  static final String PEPPER_FILE = "pin-pepper.pem";

  @Option(
      names = "--terminals",
      defaultValue = "0",
      paramLabel = "N",
      description = "Also make N terminal key pairs.")
  int terminals;

  @Option(
      names = "--cluster-ca",
      description =
          "Make only the cluster CA, "
              + CA_FILE
              + ".key and "
              + CA_FILE
              + ".crt: once per cluster; it signs each node's event-bus certificate. Keep its"
              + " .key off the nodes; every node gets the .crt (cluster.tls.ca).")
  boolean clusterCa;

  static final String CA_FILE = "cluster-ca";

  @Option(
      names = "--cluster-cert",
      description =
          "Make only NAME-cluster.key and NAME-cluster.crt: the node's event-bus certificate"
              + " (cluster.tls.key, cluster.tls.cert), signed by the cluster CA given with --ca.")
  boolean clusterCert;

  @Option(
      names = "--ca",
      paramLabel = "CA",
      description =
          "The cluster CA that signs --cluster-cert: its files without .key/.crt, e.g."
              + " DIR/cluster-ca.")
  Path ca;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    if (clusterCa || clusterCert || ca != null) {
      return cluster(err);
    }
    if (!name.matches("[A-Za-z0-9._-]{1,64}") || terminals < 0 || terminals > 10_000) {
      err.println(
          "keygen: --name must be an id ([A-Za-z0-9._-]) and --terminals between 0 and 10000");
      return 2;
    }
    List<Path> privateKeys = new ArrayList<>();
    keyNames().forEach(n -> privateKeys.add(out.resolve(n + ".key")));
    if (tls) {
      privateKeys.add(out.resolve(name + "-tls.key"));
    }
    if (pinPepper) {
      privateKeys.add(out.resolve(PEPPER_FILE));
    }
    for (Path key : privateKeys) {
      if (Files.exists(key)) {
        err.println(
            "keygen: " + key + " exists; a private key is never overwritten. Nothing written.");
        return 1;
      }
    }
    Files.createDirectories(out);
    SecureRandom random = new SecureRandom();
    try {
      writeKeyPairs(random);
      if (tls) {
        writeTls(random);
      }
      if (pinPepper) {
        PinPepper pepper = PinPepper.generate(random);
        pepper.write(out.resolve(PEPPER_FILE));
        command.commandLine().getOut().println(PEPPER_FILE + " " + pepper.id());
      }
    } catch (FileAlreadyExistsException e) {
      err.println("keygen: " + e.getFile() + " appeared meanwhile; it was left as it is");
      return 1;
    }
    return 0;
  }

  /** {@code --cluster-ca} or {@code --cluster-cert}: the one pair asked for, nothing else. */
  private int cluster(PrintWriter err) throws IOException {
    if (clusterCa == clusterCert || tls || pinPepper || terminals != 0) {
      err.println(
          "keygen: --cluster-ca and --cluster-cert each make only their own pair: give one of"
              + " them, without --tls, --pin-pepper or --terminals");
      return 2;
    }
    if (clusterCert != (ca != null)) {
      err.println(
          clusterCert
              ? "keygen: --cluster-cert needs --ca CA, the cluster CA that signs it (its files"
                  + " without .key/.crt, from keygen --cluster-ca)"
              : "keygen: --ca is for --cluster-cert only");
      return 2;
    }
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      err.println("keygen: --name must be an id ([A-Za-z0-9._-])");
      return 2;
    }
    String base = clusterCa ? CA_FILE : name + "-cluster";
    Path key = out.resolve(base + ".key");
    Path crt = out.resolve(base + ".crt");
    if (Files.exists(key)) {
      err.println(
          "keygen: " + key + " exists; a private key is never overwritten. Nothing written.");
      return 1;
    }
    SecureRandom random = new SecureRandom();
    ClusterCertificate made;
    String signer = "";
    if (clusterCa) {
      made = ClusterCertificate.authority(Instant.now(), random);
    } else {
      String prefix = ca.toString().replaceFirst("\\.(key|crt)$", "");
      Path caKey = Path.of(prefix + ".key");
      Path caCrt = Path.of(prefix + ".crt");
      ClusterCertificate authority;
      try {
        authority = ClusterCertificate.readAuthority(caKey, caCrt);
      } catch (IOException e) {
        err.println(
            "keygen: --ca "
                + prefix
                + ": "
                + caKey
                + " and "
                + caCrt
                + " must be the cluster CA's key and certificate from keygen --cluster-ca ("
                + e.getMessage()
                + ")");
        return 1;
      }
      made = authority.issue(name, Instant.now(), random);
      signer = " signed by cluster CA " + authority.fingerprint();
    }
    Files.createDirectories(out);
    try {
      made.write(key, crt);
    } catch (FileAlreadyExistsException e) {
      err.println("keygen: " + e.getFile() + " appeared meanwhile; it was left as it is");
      return 1;
    }
    command.commandLine().getOut().println(crt.getFileName() + " " + made.fingerprint() + signer);
    return 0;
  }

  private List<String> keyNames() {
    List<String> names = new ArrayList<>(List.of(name));
    for (int i = 1; i <= terminals; i++) {
      names.add(String.format("terminal-%03d", i));
    }
    return names;
  }

  private void writeKeyPairs(SecureRandom random) throws IOException {
    for (String n : keyNames()) {
      SigningKey key = SigningKey.generate(random);
      KeyFiles.writePrivate(out.resolve(n + ".key"), key);
      KeyFiles.writePublic(out.resolve(n + ".pub"), key.verifyingKey());
      command.commandLine().getOut().println(n + " " + key.verifyingKey().fingerprint());
    }
  }

  private void writeTls(SecureRandom random) throws IOException {
    TlsCertificate certificate = TlsCertificate.selfSigned(name, hosts, Instant.now(), random);
    certificate.write(out.resolve(name + "-tls.key"), out.resolve(name + "-tls.crt"));
    command.commandLine().getOut().println(name + "-tls.crt for " + String.join(", ", hosts));
  }
}
