package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one object of a ledger entry's payload, each failure naming the entry and the
 * field's path ({@code roster[2].pinHash}), as docs/formats.md names refused fields. An optional
 * field set to {@code null} is as if absent (docs/formats.md, "Ids and JSON").
 */
final class EventFields {
  private final long seq;
  private final String type;
  private final JsonNode node;
  private final String path;

  EventFields(long seq, String type, JsonNode node, String path) {
    this.seq = seq;
    this.type = type;
    this.node = node;
    this.path = path;
  }

  String text(String name) throws MalformedEventException {
    return optionalText(name).orElseThrow(() -> missing(name));
  }

  Optional<String> optionalText(String name) throws MalformedEventException {
    JsonNode v = value(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw wrongType(name, "text", v);
    }
    return Optional.of(v.asText());
  }

  int integer(String name) throws MalformedEventException {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(name, "an integer", v);
    }
    return v.intValue();
  }

  long whole(String name) throws MalformedEventException {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(name, "an integer", v);
    }
    return v.longValue();
  }

  boolean bool(String name) throws MalformedEventException {
    JsonNode v = required(name);
    if (!v.isBoolean()) {
      throw wrongType(name, "true or false", v);
    }
    return v.booleanValue();
  }

  /** A field that must hold one given word, such as a status that its type implies. */
  void word(String name, String expected) throws MalformedEventException {
    if (!text(name).equals(expected)) {
      throw wrongType(name, "\"" + expected + "\"", node.get(name));
    }
  }

  ObjectNode object(String name) throws MalformedEventException {
    JsonNode v = required(name);
    if (!v.isObject()) {
      throw wrongType(name, "an object", v);
    }
    return (ObjectNode) v.deepCopy();
  }

  EventFields at(String name) throws MalformedEventException {
    return new EventFields(seq, type, object(name), path(name));
  }

  /** The objects of an array field, each with its path ({@code roster[2]}). */
  List<EventFields> objects(String name) throws MalformedEventException {
    List<EventFields> out = new ArrayList<>();
    JsonNode array = array(name, required(name));
    for (int i = 0; i < array.size(); i++) {
      String at = path(name) + "[" + i + "]";
      if (!array.get(i).isObject()) {
        throw problem(at, "expected an object, found " + shown(array.get(i)));
      }
      out.add(new EventFields(seq, type, array.get(i), at));
    }
    return out;
  }

  List<String> texts(String name) throws MalformedEventException {
    return texts(name, required(name));
  }

  /** An array of text that older ledgers do not have: absent is empty. */
  List<String> optionalTexts(String name) throws MalformedEventException {
    JsonNode v = value(name);
    return v == null ? List.of() : texts(name, v);
  }

  boolean has(String name) {
    return value(name) != null;
  }

  JsonNode node() {
    return node;
  }

  MalformedEventException problem(String at, String problem) {
    return new MalformedEventException(seq, type, at, problem);
  }

  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private List<String> texts(String name, JsonNode v) throws MalformedEventException {
    JsonNode array = array(name, v);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw problem(path(name) + "[" + i + "]", "expected text, found " + shown(array.get(i)));
      }
      out.add(array.get(i).asText());
    }
    return out;
  }

  private JsonNode array(String name, JsonNode v) throws MalformedEventException {
    if (!v.isArray()) {
      throw wrongType(name, "an array", v);
    }
    return v;
  }

  private JsonNode value(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private JsonNode required(String name) throws MalformedEventException {
    JsonNode v = value(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  private MalformedEventException missing(String name) {
    return problem(path(name), "missing");
  }

  private MalformedEventException wrongType(String name, String expected, JsonNode found) {
    return problem(path(name), "expected " + expected + ", found " + shown(found));
  }

  private static String shown(JsonNode v) {
    String text = v.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
