package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.VerifyingKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify BUNDLE [--trust NODE.pub …]}: exit 0 if every check holds; 1 with each failure on
 * its own line; 2 if the bundle (or a trusted key) cannot be read.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check a result bundle: signatures, hashes, the box and the recomputed result.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle to check.")
  Path bundle;

  @Option(
      names = "--trust",
      arity = "1..*",
      paramLabel = "NODE.pub",
      description =
          "Node public keys (PEM) to trust; without them, the bundle's own keys are used.")
  List<Path> trust = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    List<VerifyingKey> keys = new ArrayList<>();
    byte[] bytes;
    try {
      for (Path p : trust) {
        keys.add(KeyFiles.readPublic(p));
      }
      bytes = Files.readAllBytes(bundle);
    } catch (IOException e) {
      err.println("verify: cannot read " + e.getMessage());
      return 2;
    }
    Verification v = new BundleVerifier(keys).verify(bytes);
    if (v instanceof Verification.Holds holds) {
      holds.notes().forEach(n -> err.println("note: " + n));
      out.println("verified: " + holds.summary());
      return 0;
    }
    if (v instanceof Verification.Fails fails) {
      fails.notes().forEach(n -> err.println("note: " + n));
      fails.failures().forEach(out::println);
      return 1;
    }
    err.println(
        "verify: "
            + bundle
            + " cannot be read as a bundle: "
            + ((Verification.Unreadable) v).reason());
    return 2;
  }
}
