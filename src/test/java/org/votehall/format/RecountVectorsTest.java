package org.votehall.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Recount;

/**
 * Runs every test vector under {@code src/test/resources/vectors/}: a spec, ballot lines and the
 * figures, and either the result fields expected (compared as a subset of the result) or the
 * refusals expected.
 *
 * <p>A vector file holds {@code {"description", "cases": [{"description", "spec", "ballots",
 * "present", "issued", "expected" | "malformed"}]}}. A ballot is a marks object, a raw line (a
 * string), or {@code {"repeat": N, "ballot": {...}}}.
 */
class RecountVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> vectors() throws IOException, URISyntaxException {
    Path dir = Path.of(RecountVectorsTest.class.getResource("/vectors").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode vector = JSON.readTree(file.toFile());
        for (JsonNode c : vector.get("cases")) {
          cases.add(Arguments.of(file.getFileName() + ": " + c.get("description").asText(), c));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector(String name, JsonNode vector) throws Exception {
    String lines = ballotLines(vector.get("ballots"));
    if (vector.has("malformed")) {
      assertRefused(vector, lines);
      return;
    }
    BallotSpec spec = SpecJson.parse(vector.get("spec").toString());
    BallotFile.Ballots ballots = BallotFile.read(spec, new BufferedReader(new StringReader(lines)));
    assertEquals(List.of(), ballots.errors(), "no ballot line should be refused");
    int returned = ballots.marks().size();
    int present = vector.has("present") ? vector.get("present").asInt() : returned;
    int issued = vector.has("issued") ? vector.get("issued").asInt() : returned;
    JsonNode actual = ResultJson.toJson(Recount.of(spec, present, issued, ballots.marks()));
    assertSubset("", vector.get("expected"), actual);
  }

  /**
   * {@code "malformed": {"spec": "text"} } or {@code {"lines": {"3": "text"}}}: each text must
   * appear.
   */
  private static void assertRefused(JsonNode vector, String lines) throws IOException {
    JsonNode expected = vector.get("malformed");
    BallotSpec spec;
    try {
      spec = SpecJson.parse(vector.get("spec").toString());
    } catch (MalformedException e) {
      assertTrue(expected.has("spec"), "spec refused unexpectedly: " + e.getMessage());
      assertTrue(
          e.getMessage().contains(expected.get("spec").asText()),
          "refusal \"" + e.getMessage() + "\" should name " + expected.get("spec"));
      return;
    }
    if (expected.has("spec")) {
      fail("spec should be refused with " + expected.get("spec"));
    }
    BallotFile.Ballots ballots = BallotFile.read(spec, new BufferedReader(new StringReader(lines)));
    List<String> refused = ballots.errors().stream().map(BallotFile.LineError::toString).toList();
    assertEquals(expected.get("lines").size(), refused.size(), "refused lines: " + refused);
    Iterator<Map.Entry<String, JsonNode>> it = expected.get("lines").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = "line " + e.getKey() + ": ";
      assertTrue(
          refused.stream().anyMatch(r -> r.startsWith(prefix) && r.contains(e.getValue().asText())),
          "expected " + prefix + e.getValue().asText() + " among " + refused);
    }
  }

  private static String ballotLines(JsonNode ballots) {
    StringBuilder out = new StringBuilder();
    if (ballots == null) {
      return "";
    }
    for (JsonNode b : ballots) {
      if (b.isTextual()) {
        out.append(b.asText()).append('\n');
      } else if (b.has("repeat")) {
        String line = b.get("ballot").toString() + "\n";
        out.append(line.repeat(b.get("repeat").asInt()));
      } else {
        out.append(b).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Every field of {@code expected} is in {@code actual} with the same value; arrays match whole.
   */
  static void assertSubset(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      assertTrue(actual != null && actual.isObject(), path + ": expected an object, got " + actual);
      expected
          .fields()
          .forEachRemaining(
              e -> assertSubset(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey())));
    } else if (expected.isArray()) {
      assertTrue(actual != null && actual.isArray(), path + ": expected an array, got " + actual);
      assertEquals(expected.size(), actual.size(), path + ": array length, got " + actual);
      for (int i = 0; i < expected.size(); i++) {
        assertSubset(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else {
      assertTrue(actual != null, path + ": missing, expected " + expected);
      assertEquals(expected, actual, path);
    }
  }
}
