package org.votehall.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of the fields of one JSON object, each failure naming the field's path, e.g. {@code
 * sections[1].seats: expected an integer, found "4"}.
 */
final class Fields {
  private final JsonNode node;
  private final String path;

  Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  String string(String name) throws MalformedException {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  Optional<String> optionalString(String name) throws MalformedException {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonNode v = node.get(name);
    if (!v.isTextual()) {
      throw wrongType(name, "a string", v);
    }
    return Optional.of(v.asText());
  }

  int integer(String name) throws MalformedException {
    if (!has(name)) {
      throw missing(name);
    }
    JsonNode v = node.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(name, "an integer", v);
    }
    return v.intValue();
  }

  boolean bool(String name, boolean otherwise) throws MalformedException {
    if (!has(name)) {
      return otherwise;
    }
    JsonNode v = node.get(name);
    if (!v.isBoolean()) {
      throw wrongType(name, "true or false", v);
    }
    return v.booleanValue();
  }

  /** The object in a field, or an empty object if the field is absent. */
  Fields object(String name) throws MalformedException {
    if (!has(name)) {
      return new Fields(Json.MAPPER.createObjectNode(), path(name));
    }
    JsonNode v = node.get(name);
    if (!v.isObject()) {
      throw wrongType(name, "an object", v);
    }
    return new Fields(v, path(name));
  }

  /** The objects of an array field, each with its path, e.g. {@code items[2]}. */
  List<Fields> objects(String name) throws MalformedException {
    if (!has(name)) {
      throw missing(name);
    }
    JsonNode v = node.get(name);
    if (!v.isArray()) {
      throw wrongType(name, "an array", v);
    }
    List<Fields> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String at = path(name) + "[" + i + "]";
      if (!v.get(i).isObject()) {
        throw new MalformedException(at, "expected an object, found " + shown(v.get(i)));
      }
      out.add(new Fields(v.get(i), at));
    }
    return out;
  }

  /** One of the lower-case words of an enum, e.g. {@code "vice"} for {@code Post.VICE}. */
  <E extends Enum<E>> E word(String name, Class<E> type, E otherwise) throws MalformedException {
    Optional<String> value = optionalString(name);
    if (value.isEmpty()) {
      return otherwise;
    }
    return Words.parse(type, value.get())
        .orElseThrow(
            () ->
                new MalformedException(
                    path(name),
                    "unknown value "
                        + shown(node.get(name))
                        + ", expected one of "
                        + Words.all(type)));
  }

  JsonNode node() {
    return node;
  }

  String path() {
    return path;
  }

  MalformedException missing(String name) {
    return new MalformedException(path(name), "missing");
  }

  MalformedException wrongType(String name, String expected, JsonNode found) {
    return new MalformedException(path(name), "expected " + expected + ", found " + shown(found));
  }

  static String shown(JsonNode v) {
    String text = v.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
