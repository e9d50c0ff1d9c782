package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.votehall.web.DemoNode;

/**
 * {@code votehall simulate} as a user runs it: the jar as a separate process from a folder of its
 * own, against {@code votehall demo} (another process), its JSON summary read from stdout and its
 * progress lines from stderr (docs/simulate.md).
 */
class SimulateIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROGRESS =
      Pattern.compile(
          "simulate: phase=(setup|checkin|issue|cast|close|verify|done) done=\\d+/\\d+ acked=\\d+"
              + " retries=\\d+ refused=\\d+ casts/s=\\d+\\.\\d elapsed=\\d+\\.\\d");
  private static final String TRUST =
      Path.of("keys", "dev", "node-1.pub").toAbsolutePath().toString();

  private static DemoNode demo;
  private static Path folder;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoNode.start();
    folder = Files.createTempDirectory("votehall-simulate");
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  /** Runs simulate to its end and returns the process (its exit code, stdout, stderr). */
  private static NodeProcess simulate(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("simulate"));
    command.addAll(List.of(args));
    NodeProcess p = NodeProcess.start(folder, Map.of(), command.toArray(String[]::new));
    if (!p.awaitExit(Duration.ofMinutes(3))) {
      p.close();
      throw new AssertionError("simulate still running after 3 minutes: " + p.stderr());
    }
    return p;
  }

  private static JsonNode summary(NodeProcess p) throws Exception {
    return JSON.readTree(p.stdout());
  }

  private static void assertAllHeld(NodeProcess p, JsonNode s, int deputies) throws Exception {
    assertEquals(0, p.exitCode(), p.stdout() + p.stderr());
    assertTrue(s.path("ok").asBoolean(), s.toString());
    assertTrue(s.path("error").isNull(), s.toString());
    assertEquals(deputies, s.path("deputies").asInt());
    assertEquals(deputies, s.path("acknowledged").asInt(), s.toString());
    assertEquals(0, s.path("lost").asInt());
    assertEquals(0, s.path("duplicates").asInt());
    assertEquals(0, s.path("wrongReceipts").asInt());
    assertTrue(s.path("resultMatchesRecount").asBoolean(), s.toString());
    assertTrue(s.path("bundleVerified").asBoolean(), s.toString());
    assertEquals(deputies, s.path("box").path("returned").asInt());
    assertEquals(deputies, s.path("castLatencyMs").path("count").asInt());
    assertTrue(s.path("castsPerSecond").asDouble() > 0, s.toString());
    assertTrue(s.path("closeToResultMs").asDouble() >= s.path("closeMs").asDouble(), s.toString());
  }

  /** Every progress line is of the documented format, and the last says the run is done. */
  private static void assertProgress(NodeProcess p) throws Exception {
    List<String> lines = p.stderr().lines().filter(l -> l.startsWith("simulate: phase=")).toList();
    assertFalse(lines.isEmpty(), p.stderr());
    lines.forEach(l -> assertTrue(PROGRESS.matcher(l).matches(), l));
    assertTrue(lines.get(lines.size() - 1).startsWith("simulate: phase=done "), p.stderr());
  }

  @Test
  void aRecordedMotionOnTheDemoNode() throws Exception {
    Path file = folder.resolve("motion-summary.json");
    NodeProcess p =
        simulate(
            "--node",
            demo.url(""),
            "--deputies",
            "60",
            "--kind",
            "motion",
            "--trust",
            TRUST,
            "--summary",
            file.toString(),
            "--timeout",
            "150",
            "--resend",
            "5");
    JsonNode s = summary(p);
    assertAllHeld(p, s, 60);
    assertEquals("motion", s.path("kind").asText());
    assertFalse(s.path("secret").asBoolean());
    assertEquals(0, s.path("issued").asInt(), "a recorded ballot issues no tokens");
    assertEquals(3, s.path("enrolledByCode").asInt());
    assertEquals(5, s.path("resends").path("sent").asInt(), "resent unchanged");
    assertEquals(5, s.path("resends").path("sameReceipt").asInt(), "the same receipt came back");
    assertEquals(s, JSON.readTree(Files.readString(file)), "--summary writes the same JSON");
    assertProgress(p);
  }

  @Test
  void aSecretElectionOnTheDemoNode() throws Exception {
    NodeProcess p =
        simulate(
            "--node",
            demo.url(""),
            "--deputies",
            "60",
            "--kind",
            "election",
            "--trust",
            TRUST,
            "--timeout",
            "150",
            "--resend",
            "5");
    JsonNode s = summary(p);
    assertAllHeld(p, s, 60);
    assertTrue(s.path("secret").asBoolean());
    assertEquals(60, s.path("issued").asInt(), s.toString());
    assertEquals(60, s.path("issueLatencyMs").path("count").asInt());
    assertEquals(60, s.path("box").path("issued").asInt());
    assertEquals(5, s.path("resends").path("sameReceipt").asInt(), s.toString());
    assertProgress(p);
  }

  @Test
  void aDeadNodeIsPassedOverAndEveryRequestRetriedOnTheOther() throws Exception {
    String dead = "http://127.0.0.1:" + NodeProcess.freePort();
    NodeProcess p =
        simulate(
            "--node",
            dead,
            "--node",
            demo.url(""),
            "--deputies",
            "20",
            "--kind",
            "selection",
            "--enrol-by-code",
            "1",
            "--trust",
            TRUST,
            "--timeout",
            "150");
    JsonNode s = summary(p);
    assertAllHeld(p, s, 20);
    assertTrue(s.path("retries").asInt() > 0, s.toString());
    assertEquals(2, s.path("nodes").size());
    assertTrue(p.stderr().contains("simulate: retry phase="), p.stderr());
  }

  @Test
  void aRefusedLoginEndsTheRunWithItsReason() throws Exception {
    NodeProcess p =
        simulate("--node", demo.url(""), "--deputies", "5", "--clerk", "clerk:not-the-password");
    assertEquals(1, p.exitCode(), p.stderr());
    JsonNode s = summary(p);
    assertFalse(s.path("ok").asBoolean());
    assertTrue(s.path("error").asText().contains("401 wrong-login"), s.toString());
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() throws Exception {
    NodeProcess p = simulate("--node", "ftp://localhost:21");
    assertEquals(2, p.exitCode(), p.stderr());
    assertEquals("", p.stdout());
    assertEquals(
        "simulate: --node ftp://localhost:21: give an http:// or https:// URL with a host",
        p.stderr().strip());
  }
}
