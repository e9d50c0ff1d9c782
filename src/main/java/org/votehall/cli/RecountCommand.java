package org.votehall.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.votehall.format.BallotFile;
import org.votehall.format.MalformedException;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.rules.BallotResult;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.CandidateCountCheck;
import org.votehall.rules.Recount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recount --spec SPEC --ballots BALLOTS.jsonl [--present N] [--issued N]}: applies a
 * ballot's rules to a file of ballots and prints the result (docs/formats.md, "Command line").
 */
@Command(
    name = "recount",
    mixinStandardHelpOptions = true,
    description = "Apply a ballot's rules to a file of ballots and print the result JSON.")
final class RecountCommand implements Callable<Integer> {
  static final int MALFORMED = 2;
  private static final int LINES_SHOWN = 20;

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "SPEC.json",
      description = "The ballot spec.")
  Path specFile;

  @Option(
      names = "--ballots",
      required = true,
      paramLabel = "BALLOTS.jsonl",
      description = "One marks object per line.")
  Path ballotFile;

  @Option(
      names = "--present",
      paramLabel = "N",
      description = "实到; default: the number of ballots.")
  Integer present;

  @Option(names = "--issued", paramLabel = "N", description = "发出; default: the number of ballots.")
  Integer issued;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    if ((present != null && present < 0) || (issued != null && issued < 0)) {
      err.println("recount: --present and --issued cannot be negative");
      return MALFORMED;
    }
    BallotSpec spec;
    BallotFile.Ballots ballots;
    try {
      spec = SpecJson.parse(readUtf8(specFile));
      try (BufferedReader reader = utf8Reader(ballotFile)) {
        ballots = BallotFile.read(spec, reader);
      }
    } catch (MalformedException e) {
      err.println("recount: spec " + specFile + ": " + e.getMessage());
      return MALFORMED;
    } catch (CharacterCodingException e) {
      err.println("recount: a file is not UTF-8 text: " + e.getMessage());
      return MALFORMED;
    } catch (IOException e) {
      err.println("recount: cannot read " + e.getMessage());
      return MALFORMED;
    }
    if (!ballots.errors().isEmpty()) {
      reportMalformed(err, ballots.errors());
      return MALFORMED;
    }
    CandidateCountCheck.warnings(spec).forEach(w -> err.println("recount: warning: " + w));
    int returned = ballots.marks().size();
    BallotResult result =
        Recount.of(
            spec,
            present == null ? returned : present,
            issued == null ? returned : issued,
            ballots.marks());
    PrintWriter out = command.commandLine().getOut();
    out.println(ResultJson.pretty(result));
    return 0;
  }

  private void reportMalformed(PrintWriter err, List<BallotFile.LineError> errors) {
    err.println(
        "recount: "
            + ballotFile
            + ": "
            + errors.size()
            + " malformed ballot line(s), nothing counted");
    errors.stream().limit(LINES_SHOWN).forEach(e -> err.println("  " + e));
    if (errors.size() > LINES_SHOWN) {
      err.println("  … and " + (errors.size() - LINES_SHOWN) + " more");
    }
  }

  private static String readUtf8(Path file) throws IOException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
        .toString();
  }

  private static BufferedReader utf8Reader(Path file) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder));
  }
}
