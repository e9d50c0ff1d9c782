package org.votehall.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A bundle's bytes read as one JSON object, or what is wrong with them. An auditor reads these
 * messages: they say in plain words what is wrong and where (line and column, both from 1), and
 * never repeat the JSON parser's own wording, which names its internals.
 */
final class BundleText {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper TREE = new ObjectMapper();

  private BundleText() {}

  /** What reading the bytes found. */
  sealed interface Reading permits Parsed, Broken {}

  /** The bundle's JSON object: its text up to the closing brace, and whatever follows it. */
  record Parsed(JsonNode tree, String json, String after) implements Reading {

    /** What follows the JSON, in words, if anything does: a bundle ends where its JSON ends. */
    Optional<String> trailing() {
      if (after.isEmpty()) {
        return Optional.empty();
      }
      int bytes = after.getBytes(StandardCharsets.UTF_8).length;
      String what;
      if (after.equals("\n")) {
        what = "a trailing newline";
      } else if (after.equals("\r\n")) {
        what = "a trailing line break (CR LF)";
      } else if (after.isBlank()) {
        what = bytes + " bytes of trailing white space";
      } else {
        what = bytes + " more bytes, from " + end() + ",";
      }
      return Optional.of(
          "the bundle has "
              + what
              + " after its canonical JSON: a bundle ends with its closing brace");
    }

    /** Line and column just after the JSON. */
    private String end() {
      long line = json.chars().filter(c -> c == '\n').count() + 1;
      return "line " + line + ", column " + (json.length() - json.lastIndexOf('\n'));
    }
  }

  /** The bytes are not one JSON object; the failure says why. */
  record Broken(String failure) implements Reading {}

  static Reading read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer text = CharBuffer.allocate(bytes.length);
    CoderResult decoded =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, text, true);
    if (decoded.isError()) {
      return new Broken(
          "the bundle is not UTF-8 text: byte "
              + in.position()
              + " is not part of a UTF-8 character");
    }
    if (text.flip().length() > 0 && text.charAt(0) == '\uFEFF') {
      // Editors on some systems put it there; it is no JSON, and a plain "not JSON" would puzzle.
      return new Broken("the bundle begins with a byte order mark (U+FEFF), which is not JSON");
    }
    return parse(text.toString());
  }

  private static Reading parse(String text) {
    JsonParser parser;
    try {
      parser = JSON.createParser(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Broken("the bundle is empty: it holds no JSON");
      }
      if (first != JsonToken.START_OBJECT) {
        return new Broken("the bundle is not a JSON object: it begins with " + kind(first));
      }
      Optional<String> twice = duplicateName(parser);
      if (twice.isPresent()) {
        return new Broken(twice.get());
      }
      int end = (int) parser.currentLocation().getCharOffset();
      String json = text.substring(0, end);
      return new Parsed(TREE.readTree(json), json, text.substring(end));
    } catch (JsonEOFException e) {
      return new Broken("the bundle ends inside its JSON, " + at(e) + ": it is cut short");
    } catch (StreamConstraintsException e) {
      return new Broken(
          "the bundle's JSON nests too deeply or holds a string or number too long to read, "
              + at(e));
    } catch (JsonProcessingException e) {
      return new Broken("the bundle is not valid JSON " + at(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does no I/O
    }
  }

  /**
   * Reads the first object to its end and returns a name it holds twice, if any: JSON leaves
   * duplicate names open (RFC 8259 §4), a bundle must not have them, and a parser would silently
   * keep one of the two.
   */
  private static Optional<String> duplicateName(JsonParser parser) throws IOException {
    Deque<Set<String>> open = new ArrayDeque<>();
    open.push(new HashSet<>());
    while (!open.isEmpty()) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT) {
        open.push(new HashSet<>());
      } else if (token == JsonToken.END_OBJECT) {
        open.pop();
      } else if (token == JsonToken.FIELD_NAME && !open.peek().add(parser.currentName())) {
        return Optional.of(
            "the bundle names "
                + TextNode.valueOf(shortened(parser.currentName()))
                + " twice in one object, "
                + at(parser.currentTokenLocation()));
      }
    }
    return Optional.empty();
  }

  private static String shortened(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "something else";
    };
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null ? "(no place known)" : at(e.getLocation());
  }

  private static String at(JsonLocation where) {
    return "at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }
}
