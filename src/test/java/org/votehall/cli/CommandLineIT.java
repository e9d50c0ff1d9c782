package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that {@code --help} lists and every command the README runs, through the jar as a
 * user runs it, from a folder that is not the project's: the README may name no command the jar
 * does not know (a node once could not be started with the README's {@code serve}).
 */
class CommandLineIT {
  private static final Pattern README_COMMAND = Pattern.compile("votehall\\.jar ([a-z][a-z-]+)");
  private static final Pattern LISTED = Pattern.compile("(?m)^  ([a-z][a-z-]+)\\s");

  @TempDir Path folder;

  @Test
  void everyCommandTheReadmeAndHelpNameRunsFromTheJar() throws Exception {
    NodeProcess help = NodeProcess.run(folder, Map.of(), "--help");
    assertEquals(0, help.exitCode(), help.stderr());
    TreeSet<String> listed = names(LISTED, help.stdout());
    assertTrue(
        listed.containsAll(List.of("serve", "demo", "keygen", "recount", "verify", "passwd")),
        listed.toString());
    TreeSet<String> inReadme = names(README_COMMAND, Files.readString(Path.of("README.md")));
    assertTrue(
        listed.containsAll(inReadme), "README runs " + inReadme + ", --help lists " + listed);
    for (String command : listed) {
      NodeProcess p = NodeProcess.run(folder, Map.of(), command, "--help");
      assertEquals(0, p.exitCode(), command + ": " + p.stderr());
      assertTrue(p.stdout().startsWith("Usage: votehall " + command), command + ": " + p.stdout());
    }
  }

  @Test
  void theOfflineCommandsWorkFromAnotherFolder() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    NodeProcess recount =
        NodeProcess.run(
            folder,
            Map.of(),
            "recount",
            "--spec",
            root.resolve("config/examples/vice-mayor-election/spec.json").toString(),
            "--ballots",
            root.resolve("config/examples/vice-mayor-election/ballots.jsonl").toString());
    assertEquals(0, recount.exitCode(), recount.stderr());
    assertTrue(recount.stdout().contains("\"elected\""), recount.stdout());
    NodeProcess verify =
        NodeProcess.run(
            folder,
            Map.of(),
            "verify",
            root.resolve("src/test/resources/bundles/election.bundle.json").toString(),
            "--trust",
            root.resolve("keys/dev/node-1.pub").toString());
    assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
    NodeProcess keygen = NodeProcess.run(folder, Map.of(), "keygen", "--out", "made", "--tls");
    assertEquals(0, keygen.exitCode(), keygen.stderr());
    List<String> made = new ArrayList<>();
    try (var files = Files.list(folder.resolve("made"))) {
      files.forEach(f -> made.add(f.getFileName().toString()));
    }
    assertTrue(made.containsAll(List.of("node.key", "node.pub")), made.toString());
  }

  private static TreeSet<String> names(Pattern pattern, String text) {
    TreeSet<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
