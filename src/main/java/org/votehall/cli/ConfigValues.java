package org.votehall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A setting's value, typed by its {@link ConfigKey}: from the JSON file (paths relative to the
 * file's folder) or from an environment variable's text (paths relative to the working folder;
 * lists comma-separated; accounts as JSON).
 */
final class ConfigValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigValues() {}

  static Object fromJson(ConfigKey key, JsonNode value, Path file) {
    String where = file + ": " + key.path();
    Path folder = file.getParent();
    return switch (key.type()) {
      case STRING -> string(value, where);
      case INTEGER -> {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
          throw mistyped(where, "an integer", value);
        }
        yield value.intValue();
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw mistyped(where, "true or false", value);
        }
        yield value.booleanValue();
      }
      case PATH -> path(folder, string(value, where), where);
      case STRINGS -> strings(value, where);
      case PATHS -> strings(value, where).stream().map(p -> path(folder, p, where)).toList();
      case ACCOUNTS -> accounts(value, where);
    };
  }

  static Object fromText(ConfigKey key, String text, String variable) {
    Path here = Path.of("").toAbsolutePath();
    return switch (key.type()) {
      case STRING -> text;
      case INTEGER -> {
        try {
          yield Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
          throw new StartupException(variable + " must be an integer, not \"" + text + "\"");
        }
      }
      case BOOLEAN -> {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
          throw new StartupException(variable + " must be true or false, not \"" + text + "\"");
        }
        yield Boolean.parseBoolean(t);
      }
      case PATH -> path(here, text, variable);
      case STRINGS -> list(text);
      case PATHS -> list(text).stream().map(p -> path(here, p, variable)).toList();
      case ACCOUNTS -> {
        try {
          yield accounts(JSON.readTree(text), variable);
        } catch (JsonProcessingException e) {
          throw new StartupException(
              variable + " must be a JSON array of accounts: " + ConfigFile.plain(e));
        }
      }
    };
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String string(JsonNode value, String where) {
    if (!value.isTextual()) {
      throw mistyped(where, "a string", value);
    }
    return value.textValue();
  }

  private static List<String> strings(JsonNode value, String where) {
    if (!value.isArray()) {
      throw mistyped(where, "an array of strings", value);
    }
    List<String> out = new ArrayList<>();
    value.forEach(v -> out.add(string(v, where)));
    return out;
  }

  private static List<org.votehall.http.Account> accounts(JsonNode value, String where) {
    if (value == null || !value.isArray()) {
      throw mistyped(where, "an array of {name, role, passwordHash}", value);
    }
    List<org.votehall.http.Account> out = new ArrayList<>();
    value.forEach(a -> out.add(ConfigFile.account(a, where)));
    return out;
  }

  private static Path path(Path folder, String text, String where) {
    try {
      return folder.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new StartupException(where + ": \"" + text + "\" is not a file path");
    }
  }

  private static StartupException mistyped(String where, String expected, JsonNode value) {
    return new StartupException(
        where + " must be " + expected + ", not " + (value == null ? "nothing" : value));
  }
}
