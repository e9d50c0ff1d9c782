package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.TlsCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keygen --out DIR [--name node] [--terminals N]}: writes a node key pair ({@code NAME.key},
 * {@code NAME.pub}) and, on request, terminal key pairs; never overwrites a private key.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = "Make Ed25519 key pairs for a node and, optionally, terminals (PEM files).")
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
      names = "--terminals",
      defaultValue = "0",
      paramLabel = "N",
      description = "Also make N terminal key pairs.")
  int terminals;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    if (!name.matches("[A-Za-z0-9._-]{1,64}") || terminals < 0 || terminals > 10_000) {
      err.println(
          "keygen: --name must be an id ([A-Za-z0-9._-]) and --terminals between 0 and 10000");
      return 2;
    }
    List<String> names = new ArrayList<>(List.of(name));
    for (int i = 1; i <= terminals; i++) {
      names.add(String.format("terminal-%03d", i));
    }
    if (tls && Files.exists(out.resolve(name + "-tls.key"))) {
      err.println(
          "keygen: "
              + out.resolve(name + "-tls.key")
              + " exists; a private key is never overwritten. Nothing written.");
      return 1;
    }
    for (String n : names) {
      if (Files.exists(out.resolve(n + ".key"))) {
        err.println(
            "keygen: "
                + out.resolve(n + ".key")
                + " exists; a private key is never overwritten. Nothing written.");
        return 1;
      }
    }
    Files.createDirectories(out);
    SecureRandom random = new SecureRandom();
    PrintWriter stdout = command.commandLine().getOut();
    for (String n : names) {
      SigningKey key = SigningKey.generate(random);
      try {
        KeyFiles.writePrivate(out.resolve(n + ".key"), key);
      } catch (FileAlreadyExistsException e) {
        err.println("keygen: " + e.getFile() + " appeared meanwhile; it was left as it is");
        return 1;
      }
      KeyFiles.writePublic(out.resolve(n + ".pub"), key.verifyingKey());
      stdout.println(n + " " + key.verifyingKey().fingerprint());
    }
    if (tls) {
      TlsCertificate certificate = TlsCertificate.selfSigned(name, hosts, Instant.now(), random);
      Files.writeString(
          out.resolve(name + "-tls.key"), certificate.keyPem(), StandardOpenOption.CREATE_NEW);
      Files.writeString(out.resolve(name + "-tls.crt"), certificate.certificatePem());
      stdout.println(name + "-tls.crt for " + String.join(", ", hosts));
    }
    return 0;
  }
}
