package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} as docs/formats.md specifies it: result on stdout, exit 2 and nothing on stdout
 * if malformed.
 */
class RecountCommandTest {
  private static final Path EXAMPLES = Path.of("config", "examples");
  private static final String MOTION =
      "{\"id\":\"m\",\"kind\":\"motion\",\"members\":30,\"items\":[{\"id\":\"m1\",\"title\":\"议题\"}]}";

  @TempDir Path dir;

  record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(out);
    }
  }

  private static Run recount(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "recount";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(all, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run recountExample(Path example) {
    return recount(
        "--spec",
        example.resolve("spec.json").toString(),
        "--ballots",
        example.resolve("ballots.jsonl").toString());
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void countsTheElectionExample() throws IOException {
    Path example = EXAMPLES.resolve("vice-mayor-election");
    Run run = recountExample(example);
    assertEquals(0, run.code(), run.err());
    JsonNode section = run.json().get("sections").get(0);
    assertEquals("[\"c1\",\"c2\",\"c3\"]", section.get("elected").toString());
    assertEquals("{\"persons\":[\"c4\",\"c5\"],\"seats\":1}", section.get("tie").toString());
    assertEquals(313, section.get("validBallots").asInt());
    assertEquals(1, section.get("invalidBallots").asInt());
  }

  @Test
  void everyExampleCounts() throws IOException {
    try (var examples = Files.list(EXAMPLES)) {
      for (Path example : examples.filter(Files::isDirectory).toList()) {
        Run run = recountExample(example);
        assertEquals(0, run.code(), example + ": " + run.err());
        assertTrue(
            run.json().get("announcement").get("zh").asText().length() > 20, example.toString());
      }
    }
  }

  @Test
  void presentAndIssuedDefaultToTheNumberOfBallotLines() throws IOException {
    Path spec = file("spec.json", MOTION);
    Path ballots = file("b.jsonl", "{\"marks\":{\"m1\":\"for\"}}\n\n{\"marks\":{}}\n");
    JsonNode result = recount("--spec", spec.toString(), "--ballots", ballots.toString()).json();
    assertEquals(2, result.get("present").asInt());
    assertEquals(2, result.get("issued").asInt());
    assertEquals(2, result.get("returned").asInt());
    JsonNode given =
        recount(
                "--spec",
                spec.toString(),
                "--ballots",
                ballots.toString(),
                "--present",
                "28",
                "--issued",
                "27")
            .json();
    assertEquals(28, given.get("present").asInt());
    assertEquals(27, given.get("issued").asInt());
    assertEquals(25, given.get("notVoted").asInt());
  }

  @Test
  void malformedLinesAreListedUpToTwentyAndNothingIsCounted() throws IOException {
    Path spec = file("spec.json", MOTION);
    StringBuilder lines = new StringBuilder("{\"marks\":{\"m1\":\"for\"}}\n");
    for (int i = 0; i < 25; i++) {
      lines.append("{\"marks\":{\"m1\":\"maybe\"}}\n");
    }
    Run run =
        recount(
            "--spec", spec.toString(), "--ballots", file("b.jsonl", lines.toString()).toString());
    assertEquals(2, run.code());
    assertEquals("", run.out());
    List<String> err = run.err().lines().toList();
    assertTrue(err.get(0).contains("25 malformed ballot line(s), nothing counted"), err.get(0));
    assertEquals(
        "  line 2: marks.m1: unknown value \"maybe\", expected one of for | against | abstain",
        err.get(1));
    assertEquals(
        "  line 21: marks.m1: unknown value \"maybe\", expected one of for | against | abstain",
        err.get(20));
    assertEquals("  … and 5 more", err.get(21));
    assertEquals(22, err.size());
  }

  @Test
  void aMalformedSpecIsRefusedNamingTheField() throws IOException {
    Path spec = file("spec.json", MOTION.replace("\"members\":30", "\"members\":\"thirty\""));
    Run run = recount("--spec", spec.toString(), "--ballots", file("b.jsonl", "").toString());
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().contains("members: expected an integer, found \"thirty\""), run.err());
  }

  @Test
  void unreadableInputExitsTwo() throws IOException {
    Path spec = file("spec.json", MOTION);
    Run missing =
        recount("--spec", spec.toString(), "--ballots", dir.resolve("none.jsonl").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("cannot read"), missing.err());
    Path latin1 =
        Files.write(
            dir.resolve("latin1.jsonl"), new byte[] {'{', '"', (byte) 0xE9, '"', '}', '\n'});
    Run notUtf8 = recount("--spec", spec.toString(), "--ballots", latin1.toString());
    assertEquals(2, notUtf8.code());
    assertTrue(notUtf8.err().contains("not UTF-8"), notUtf8.err());
    assertEquals("", notUtf8.out());
  }

  @Test
  void badOptionsExitTwo() throws IOException {
    Path spec = file("spec.json", MOTION);
    Path ballots = file("b.jsonl", "");
    assertEquals(2, recount("--spec", spec.toString()).code());
    assertEquals(
        2,
        recount("--spec", spec.toString(), "--ballots", ballots.toString(), "--present", "-1")
            .code());
    assertEquals(
        2,
        recount("--spec", spec.toString(), "--ballots", ballots.toString(), "--issued", "many")
            .code());
  }

  @Test
  void candidateCountWarningsGoToStandardError() throws IOException {
    Path spec =
        file(
            "spec.json",
            "{\"id\":\"e\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"s\",\"seats\":2,"
                + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}");
    Run run =
        recount(
            "--spec", spec.toString(), "--ballots", file("b.jsonl", "{\"marks\":{}}\n").toString());
    assertEquals(0, run.code());
    assertTrue(
        run.err()
            .contains(
                "warning: sections.s: a vice post with 2 seats expects 3 to 5 candidates, it has 2"),
        run.err());
    assertEquals(1, run.json().get("returned").asInt());
  }
}
