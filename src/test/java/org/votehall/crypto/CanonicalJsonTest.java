package org.votehall.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8785 canonical JSON, on the RFC's own examples. */
class CanonicalJsonTest {

  static Stream<Arguments> rfc8785() throws IOException {
    try (InputStream in =
        CanonicalJsonTest.class.getResourceAsStream("/vectors-crypto/rfc8785.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        out.add(
            Arguments.of(
                c.get("description").asText(), c.get("input").asText(), c.get("output").asText()));
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8785")
  void canonicalizesAsTheRfcSays(String description, String input, String output) {
    assertEquals(output, CanonicalJson.text(input));
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.text("{\"a\": "));
  }
}
