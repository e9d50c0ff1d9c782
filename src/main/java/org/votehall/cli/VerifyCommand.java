package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.LedgerAudit;
import org.votehall.audit.Verification;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.VerifyingKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify [BUNDLE] [--trust NODE.pub …] [--scrutineers S.pub … [--required N]] [--ledger
 * LEDGER …]}: exit 0 if every check holds; 1 with each failure on its own line, a bundle that is
 * not JSON any more among them; 2 if the bundle, a ledger or a trusted key is missing or cannot be
 * read. Several ledgers are also checked together (docs/bundle.md, "Several ledgers together").
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check a result bundle (signatures, hashes, the box and the recomputed result) and node"
            + " ledgers, alone and together.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "BUNDLE",
      description = "The bundle to check.")
  Path bundle;

  @Option(
      names = "--ledger",
      arity = "1..*",
      paramLabel = "LEDGER",
      description =
          "Node ledgers to check: each chain and checkpoint; together, every witnessed checkpoint"
              + " in its node's ledger; with a bundle, its checkpoint in its node's ledger and its"
              + " casts those the ledgers acknowledged.")
  List<Path> ledgers = new ArrayList<>();

  @Option(
      names = "--trust",
      arity = "1..*",
      paramLabel = "NODE.pub",
      description =
          "Node public keys (PEM) to trust; without them, the bundle's own keys are used.")
  List<Path> trust = new ArrayList<>();

  @Option(
      names = "--scrutineers",
      arity = "1..*",
      paramLabel = "SCRUTINEER.pub",
      description =
          "Scrutineers' public keys (PEM), obtained from the scrutineers themselves: at least the"
              + " required number of them must have countersigned this exact result, and none"
              + " refused.")
  List<Path> scrutineers = new ArrayList<>();

  @Option(
      names = "--required",
      paramLabel = "N",
      description =
          "How many of the --scrutineers must have countersigned; the bundle's own number if"
              + " absent.")
  Integer required;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    if (bundle == null && ledgers.isEmpty()) {
      err.println("verify: name a BUNDLE, or --ledger files, or both");
      return 2;
    }
    List<VerifyingKey> keys = new ArrayList<>();
    for (Path p : trust) {
      try {
        keys.add(KeyFiles.readPublic(p));
      } catch (IOException e) {
        err.println("verify: cannot read " + Verification.Unreadable.of(p, e).reason());
        return 2;
      }
    }
    List<VerifyingKey> pinned = new ArrayList<>();
    for (Path p : scrutineers) {
      try {
        pinned.add(KeyFiles.readPublic(p));
      } catch (IOException e) {
        err.println("verify: cannot read " + Verification.Unreadable.of(p, e).reason());
        return 2;
      }
    }
    if (required != null && (required < 1 || pinned.isEmpty())) {
      err.println("verify: --required N needs N of 1 or more, and --scrutineers keys");
      return 2;
    }
    java.util.OptionalInt needed =
        required == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(required);
    List<Verification> verdicts = new ArrayList<>();
    Optional<byte[]> bundleBytes = Optional.empty();
    if (bundle != null) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(bundle);
      } catch (IOException e) {
        // Missing or unreadable only: bytes that were read but are not a bundle fail (exit 1).
        err.println("verify: cannot read " + Verification.Unreadable.of(bundle, e).reason());
        return 2;
      }
      verdicts.add(new BundleVerifier(keys, pinned, needed).verify(bytes));
      bundleBytes = Optional.of(bytes);
    }
    if (!ledgers.isEmpty() && keys.isEmpty()) {
      err.println("verify: checking a ledger needs the node keys to trust (--trust NODE.pub)");
      return 2;
    }
    if (!ledgers.isEmpty()) {
      verdicts.addAll(LedgerAudit.check(ledgers, keys, bundleBytes));
    }
    return report(verdicts, out, err);
  }

  /**
   * Prints every verdict; the exit code is the worst of them: 2 unreadable, 1 failed, 0 all hold.
   */
  private int report(List<Verification> verdicts, PrintWriter out, PrintWriter err) {
    int code = 0;
    for (Verification v : verdicts) {
      if (v instanceof Verification.Holds holds) {
        holds.notes().forEach(n -> err.println("note: " + n));
        out.println("verified: " + holds.summary());
      } else if (v instanceof Verification.Fails fails) {
        fails.notes().forEach(n -> err.println("note: " + n));
        fails.failures().forEach(out::println);
        code = Math.max(code, 1);
      } else {
        err.println("verify: cannot read " + ((Verification.Unreadable) v).reason());
        code = 2;
      }
    }
    return code;
  }
}
