package org.votehall.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One strict JSON reader for every format: duplicate keys and trailing content are refused, since a
 * ballot {@code {"m1": "for", "m1": "against"}} has no single meaning.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private Json() {}

  /** Parses one JSON object; a byte-order mark at the start is ignored. */
  static JsonNode object(String text) throws MalformedException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedException("not valid JSON: " + describe(e));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedException("expected a JSON object");
    }
    return node;
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage().replaceAll("\\s+", " ");
    if (e.getLocation() == null) {
      return message;
    }
    return message
        + " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }
}
