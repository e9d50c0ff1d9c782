package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.cli.Main;

/**
 * The hall screen's fixtures ({@link DisplayFixtures}) are what {@code votehall recount} prints for
 * their specs and ballots, and still show the scenarios {@link DisplayResultsIT} looks for.
 */
class DisplayFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Map<String, List<DisplayFixtures.Counted>> sittings;
  private static JsonNode all;

  @BeforeAll
  static void build() {
    sittings = DisplayFixtures.sittings();
    all = DisplayFixtures.all();
  }

  @Test
  void everyResultIsWhatRecountPrints(@TempDir Path dir) throws Exception {
    for (var fixture : sittings.entrySet()) {
      List<DisplayFixtures.Counted> ballots = fixture.getValue();
      for (int i = 0; i < ballots.size(); i++) {
        DisplayFixtures.Counted b = ballots.get(i);
        Path spec = Files.writeString(dir.resolve(b.id() + ".json"), b.spec());
        Path lines =
            Files.write(dir.resolve(b.id() + ".jsonl"), b.ballots(), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
            Main.run(
                new String[] {
                  "recount",
                  "--spec",
                  spec.toString(),
                  "--ballots",
                  lines.toString(),
                  "--present",
                  String.valueOf(b.present()),
                  "--issued",
                  String.valueOf(b.issued())
                },
                new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        JsonNode shown = all.path(fixture.getKey()).path("ballots").path(i).path("result");
        assertEquals(JSON.readTree(out.toString()), shown, fixture.getKey() + " " + b.id());
      }
    }
  }

  @Test
  void aCongressOf327() {
    all.forEach(
        status -> {
          assertEquals(327, status.path("members").asInt());
          assertEquals(314, status.path("present").asInt());
          JsonNode current = current(status);
          assertEquals(327, current.path("result").path("members").asInt());
          assertEquals("announced", current.path("status").asText());
        });
  }

  @Test
  void theElectionHasAWriteInATieAndAVoidBallot() {
    JsonNode result = current(all.path("election")).path("result");
    assertEquals(1, result.path("invalidBallots").asInt());
    JsonNode mayor = result.path("sections").path(0);
    assertEquals("[\"m1\"]", mayor.path("elected").toString());
    JsonNode vice = result.path("sections").path(1);
    assertEquals("[\"c1\",\"c2\",\"c3\"]", vice.path("elected").toString());
    assertEquals("{\"persons\":[\"c4\",\"c5\"],\"seats\":1}", vice.path("tie").toString());
    assertEquals("[{\"name\":\"王五\",\"for\":2}]", vice.path("writeIns").toString());
  }

  @Test
  void theTieRevoteFollowsTheElection() {
    JsonNode status = all.path("runoff");
    JsonNode revote = current(status);
    assertEquals(DisplayFixtures.TIE_ROUND, revote.path("id").asText());
    assertEquals("tie", revote.path("round").asText());
    assertEquals("officers-2027", revote.path("follows").asText());
    JsonNode result = revote.path("result");
    assertTrue(result.path("required").isNull());
    assertEquals(1, result.path("sections").size());
    JsonNode section = result.path("sections").path(0);
    assertEquals("vice-mayor", section.path("id").asText());
    assertTrue(section.path("required").isNull());
    assertEquals("[\"c4\"]", section.path("elected").toString());
    assertEquals(0, section.path("writeIns").size());
  }

  @Test
  void eightOfTwelveProjectsAreSelected() {
    JsonNode selection = current(all.path("selection")).path("result").path("selection");
    assertEquals(12, selection.path("ranked").size());
    assertEquals(
        "[\"p1\",\"p2\",\"p3\",\"p4\",\"p5\",\"p6\",\"p7\",\"p8\"]",
        selection.path("selected").toString());
  }

  @Test
  void sixItemsAreRated() {
    assertEquals(6, current(all.path("rating")).path("result").path("ratings").size());
  }

  @Test
  void oneMotionPassesAndOneIsVoid() {
    JsonNode passed = current(all.path("motion")).path("result");
    assertEquals("passed", passed.path("items").path(0).path("outcome").asText());
    assertEquals(14, passed.path("notVoted").asInt());
    JsonNode voided = current(all.path("void")).path("result");
    assertTrue(voided.path("void").asBoolean());
    assertEquals("void", voided.path("items").path(0).path("outcome").asText());
  }

  private static JsonNode current(JsonNode status) {
    for (JsonNode b : status.path("ballots")) {
      if (b.path("id").asText().equals(status.path("current").asText())) {
        return b;
      }
    }
    throw new AssertionError("no current ballot in " + status);
  }
}
