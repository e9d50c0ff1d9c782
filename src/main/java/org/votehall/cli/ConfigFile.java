package org.votehall.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.votehall.http.Account;

/**
 * Reads a node's configuration: the JSON file, then the environment ({@code VOTEHALL_…}, one per
 * setting, see {@link ConfigKey#environmentName}). Relative paths in the file resolve against the
 * file's folder; relative paths in the environment against the working folder. Unknown keys,
 * mistyped values and missing settings are refused with one line naming them.
 */
final class ConfigFile {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final Path file;
  private final Map<String, Object> settings = new LinkedHashMap<>();

  private ConfigFile(Path file) {
    this.file = file;
  }

  /** The configuration in {@code file}, overridden by {@code environment}. */
  static NodeConfig read(Path file, Map<String, String> environment) {
    ConfigFile config = new ConfigFile(file.toAbsolutePath().normalize());
    config.readFile();
    config.readEnvironment(environment);
    return NodeConfig.from(config.settings, config.file.toString());
  }

  private void readFile() {
    JsonNode root;
    try {
      root = JSON.readTree(text());
    } catch (JsonProcessingException e) {
      throw new StartupException(file + ": not valid JSON " + where(e) + ": " + plain(e));
    }
    if (root == null || !root.isObject()) {
      throw new StartupException(file + ": expected a JSON object with the node's settings");
    }
    section("", root);
  }

  private String text() {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new StartupException(
          "config file " + file + " does not exist: give the path of the node's JSON config");
    } catch (AccessDeniedException e) {
      throw new StartupException(
          "config file "
              + file
              + " cannot be read (permission denied): let the user running"
              + " the node read it");
    } catch (CharacterCodingException e) {
      throw new StartupException(file + ": not UTF-8 text: save the config as UTF-8");
    } catch (IOException e) {
      throw new StartupException("config file " + file + " cannot be read: " + e.getMessage());
    }
  }

  private void section(String prefix, JsonNode object) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix + field.getKey();
      var key = ConfigKey.byPath(path);
      if (key.isPresent()) {
        settings.put(path, ConfigValues.fromJson(key.get(), field.getValue(), file));
      } else if (ConfigKey.isSection(path) && field.getValue().isObject()) {
        section(path + ".", field.getValue());
      } else {
        throw new StartupException(
            file + ": unknown key \"" + path + "\"; the keys are " + known(prefix));
      }
    }
  }

  private void readEnvironment(Map<String, String> environment) {
    Map<String, String> ours = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(ConfigKey.PREFIX)) {
            ours.put(name, value);
          }
        });
    ours.forEach(
        (name, value) -> {
          ConfigKey key =
              ConfigKey.byEnvironmentName(name)
                  .orElseThrow(
                      () ->
                          new StartupException(
                              "environment variable "
                                  + name
                                  + " is not a votehall setting; the settings are "
                                  + ConfigKey.ALL.stream()
                                      .map(ConfigKey::environmentName)
                                      .collect(Collectors.joining(", "))));
          settings.put(key.path(), ConfigValues.fromText(key, value, name));
        });
  }

  private static String known(String prefix) {
    List<String> names = new ArrayList<>();
    for (ConfigKey k : ConfigKey.ALL) {
      if (k.path().startsWith(prefix)) {
        String rest = k.path().substring(prefix.length());
        String first = prefix + rest.split("\\.")[0];
        if (!names.contains(first)) {
          names.add(first);
        }
      }
    }
    return String.join(", ", names);
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : "at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** The parser's own words without its internals (character codes, source descriptions). */
  static String plain(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    message = message.split("\n")[0];
    message = message.replaceAll(" \\(code -?\\d+\\)", "");
    message = message.replaceAll("\\s*\\(for [^)]*\\)", "");
    message = message.replaceAll("\\(StreamReadFeature[^)]*\\)", "");
    return message.strip();
  }

  static Account account(JsonNode a, String where) {
    if (!a.isObject()) {
      throw new StartupException(where + ": each account is {name, role, passwordHash}");
    }
    for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!List.of("name", "role", "passwordHash").contains(name)) {
        throw new StartupException(
            where
                + ": unknown key \""
                + name
                + "\" in an account; the keys are name, role,"
                + " passwordHash");
      }
    }
    return new Account(
        a.path("name").asText(""), a.path("role").asText(""), a.path("passwordHash").asText(""));
  }
}
