package org.votehall.hall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.votehall.format.BallotFile;
import org.votehall.format.ResultJson;
import org.votehall.format.SpecJson;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Recount;

/** Follow-up ballots derived from results the rules computed. */
class FollowUpsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode result(String specText, String ballots, int present, int issued)
      throws Exception {
    BallotSpec spec = SpecJson.parse(specText);
    var read = BallotFile.read(spec, new BufferedReader(new java.io.StringReader(ballots)));
    return JSON.readTree(
        ResultJson.toJson(Recount.of(spec, present, issued, read.marks())).toString());
  }

  @Test
  void aTieRevoteAmongTheTiedForTheContestedSeatReadsAsATieRound() throws Exception {
    Path example = Path.of("config", "examples", "vice-mayor-election");
    String spec = Files.readString(example.resolve("spec.json"));
    JsonNode result = result(spec, Files.readString(example.resolve("ballots.jsonl")), 314, 314);
    JsonNode tie = FollowUps.tie(JSON.readTree(spec), result, "vice-mayor-2027-tie").orElseThrow();
    assertEquals("tie", tie.get("round").asText());
    assertEquals("vice-mayor-2027", tie.get("follows").asText());
    JsonNode section = tie.get("sections").get(0);
    assertEquals(1, section.get("seats").asInt());
    assertEquals(
        "[{\"id\":\"c4\",\"name\":\"丁\"},{\"id\":\"c5\",\"name\":\"戊\"}]",
        section.get("candidates").toString());
    assertEquals(false, section.get("writeIns").get("allowed").asBoolean());
    BallotSpec parsed = SpecJson.parse(tie.toString());
    assertEquals(org.votehall.rules.Round.TIE, parsed.round());
    assertTrue(
        FollowUps.runoff(JSON.readTree(spec), result, "x").isEmpty(),
        "every seat is elected or tied");
  }

  @Test
  void aTiedWriteInGetsAnIdNoCandidateOfTheSectionHas() throws Exception {
    // A candidate already has the id w1 that the first written-in person would get.
    String spec =
        "{\"id\":\"e\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"s\",\"seats\":2,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"w1\",\"name\":\"乙\"}],"
            + "\"writeIns\":{\"allowed\":true}}]}";
    String ballots =
        "{\"marks\":{\"s\":{\"c1\":\"for\",\"w1\":\"for\"}}}\n".repeat(3)
            + "{\"marks\":{\"s\":{\"c1\":\"for\",\"w1\":\"against\"}},\"writeIns\":{\"s\":[\"王五\"]}}\n"
                .repeat(3)
            + "{\"marks\":{\"s\":{\"c1\":\"against\",\"w1\":\"for\"}},\"writeIns\":{\"s\":[\"王五\"]}}\n"
                .repeat(3)
            + "{\"marks\":{\"s\":{}}}\n";
    JsonNode result = result(spec, ballots, 10, 10);
    assertEquals(
        "{\"persons\":[\"c1\",\"w1\",\"writein:王五\"],\"seats\":2}",
        result.get("sections").get(0).get("tie").toString());
    JsonNode tie = FollowUps.tie(JSON.readTree(spec), result, "e-tie").orElseThrow();
    assertEquals(
        "[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"w1\",\"name\":\"乙\"},{\"id\":\"w2\",\"name\":\"王五\"}]",
        tie.get("sections").get(0).get("candidates").toString());
    BallotSpec parsed = SpecJson.parse(tie.toString());
    assertEquals(org.votehall.rules.Round.TIE, parsed.round());
  }

  @Test
  void aRunoffOfTheProposedCandidatesForTheUnfilledSeats() throws Exception {
    String spec =
        "{\"id\":\"e\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"s\",\"seats\":2,\"candidates\":"
            + "[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"},{\"id\":\"c3\",\"name\":\"丙\"},{\"id\":\"c4\",\"name\":\"丁\"}]}]}";
    String ballots =
        "{\"marks\":{\"s\":{\"c1\":\"for\",\"c2\":\"for\"}}}\n".repeat(6)
            + "{\"marks\":{\"s\":{\"c3\":\"for\"}}}\n".repeat(3);
    JsonNode result = result(spec, ballots, 9, 9);
    assertEquals("[\"c1\",\"c2\"]", result.get("sections").get(0).get("elected").toString());
    String spec2 = spec.replace("\"seats\":2", "\"seats\":3");
    JsonNode result2 = result(spec2, ballots, 9, 9);
    JsonNode runoff = FollowUps.runoff(JSON.readTree(spec2), result2, "e-runoff").orElseThrow();
    JsonNode section = runoff.get("sections").get(0);
    assertEquals("runoff", runoff.get("round").asText());
    assertEquals(1, section.get("seats").asInt());
    assertEquals(
        "[{\"id\":\"c3\",\"name\":\"丙\"},{\"id\":\"c4\",\"name\":\"丁\"}]",
        section.get("candidates").toString());
    assertEquals(org.votehall.rules.Round.RUNOFF, SpecJson.parse(runoff.toString()).round());
  }

  @Test
  void aSelectionTieAndARevote() throws Exception {
    String spec =
        "{\"id\":\"p\",\"kind\":\"selection\",\"members\":10,\"select\":2,\"items\":[{\"id\":\"p1\",\"title\":\"学校\"},{\"id\":\"p2\",\"title\":\"道路\"},{\"id\":\"p3\",\"title\":\"诊所\"}]}";
    String ballots =
        "{\"marks\":{\"p1\":\"for\",\"p2\":\"for\"}}\n".repeat(7)
            + "{\"marks\":{\"p1\":\"for\",\"p3\":\"for\"}}\n".repeat(7);
    JsonNode tie =
        FollowUps.tie(JSON.readTree(spec), result(spec, ballots, 14, 14), "p-tie").orElseThrow();
    assertEquals(1, tie.get("select").asInt());
    assertEquals(
        "[{\"id\":\"p2\",\"title\":\"道路\"},{\"id\":\"p3\",\"title\":\"诊所\"}]",
        tie.get("items").toString());
    JsonNode revote = FollowUps.revote(JSON.readTree(spec), "p-2");
    assertEquals("p-2", revote.get("id").asText());
    assertEquals("p", revote.get("follows").asText());
    assertEquals(org.votehall.rules.Round.FIRST, SpecJson.parse(revote.toString()).round());
  }
}
