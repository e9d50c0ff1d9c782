package org.votehall.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;

/**
 * The vectors of {@code src/test/resources/ledger-events}, one file per event type: every payload
 * decodes to the event the vector names and encodes back byte for byte, every malformed payload is
 * refused naming its entry and field, and no event of {@link LedgerEvent} goes without a vector.
 */
class LedgerEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path VECTORS = Path.of("src", "test", "resources", "ledger-events");

  @TestFactory
  Stream<DynamicTest> everyCaseDecodesToItsEventAndEncodesBackByteForByte() {
    return cases("cases")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.type() + ": " + c.json().get("description").asText(),
                    () -> {
                      LedgerEvent event =
                          LedgerEvents.decode(1, c.type(), (ObjectNode) c.json().get("payload"));
                      assertEquals(canonical(c.json().get("event")), canonical(described(event)));
                      LedgerEvents.Encoded encoded = LedgerEvents.encode(event);
                      assertEquals(c.type(), encoded.type());
                      JsonNode written = c.json().path("writtenAs");
                      assertEquals(
                          canonical(written.isMissingNode() ? c.json().get("payload") : written),
                          canonical(encoded.payload()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> malformedPayloadsAreRefusedNamingTheEntryAndTheField() {
    return cases("malformed")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.type() + ": " + c.json().get("description").asText(),
                    () -> {
                      long seq = c.json().get("seq").asLong();
                      MalformedEventException e =
                          assertThrows(
                              MalformedEventException.class,
                              () ->
                                  LedgerEvents.decode(
                                      seq, c.type(), (ObjectNode) c.json().get("payload")));
                      assertEquals(c.json().get("error").asText(), e.getMessage());
                      assertEquals(seq, e.seq());
                    }));
  }

  @Test
  void everyEventHasAVectorFileNamedAfterItsType() throws Exception {
    Set<String> covered = new TreeSet<>();
    Set<String> files = new TreeSet<>();
    for (Path file : files()) {
      JsonNode vectors = read(file);
      String type = vectors.get("type").asText();
      assertEquals(type + ".json", file.getFileName().toString());
      files.add(type);
      for (JsonNode c : vectors.get("cases")) {
        covered.add(
            LedgerEvents.decode(1, type, (ObjectNode) c.get("payload")).getClass().getSimpleName());
      }
    }
    Set<String> events =
        Arrays.stream(LedgerEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(events, covered, "every event of LedgerEvent needs a vector that decodes to it");
    assertEquals(new TreeSet<>(LedgerEvents.types()), files, "one vector file per type");
  }

  @Test
  void anUnknownTypeIsRefused() {
    MalformedEventException e =
        assertThrows(
            MalformedEventException.class,
            () -> LedgerEvents.decode(12, "cast", JSON.createObjectNode()));
    assertEquals("ledger entry 12 (cast): type: not an event type votehall knows", e.getMessage());
    assertEquals("type", e.field());
  }

  @Test
  void aShippedBundleIsKeptAsItsText() throws Exception {
    String bundle =
        Files.readString(Path.of("src", "test", "resources", "bundles", "motion.bundle.json"));
    LedgerEvent sealed = new LedgerEvent.BundleSealed("budget", bundle);
    LedgerEvents.Encoded e = LedgerEvents.encode(sealed);
    assertEquals(sealed, LedgerEvents.decode(3, e.type(), e.payload()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LedgerEvent.BundleSealed("budget", bundle + " "),
        "a bundle's text is canonical, or it is not the bundle that was signed");
  }

  /** Every case through a real ledger: written, read back from the file, decoded. */
  @Test
  void everyCaseSurvivesALedger(@TempDir Path dir) throws Exception {
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    List<LedgerEvent> events = new ArrayList<>();
    try (Ledger ledger = Ledger.open(dir.resolve("node.ledger"), key, null, e -> {})) {
      for (Case c : cases("cases").toList()) {
        LedgerEvent event = LedgerEvents.decode(1, c.type(), (ObjectNode) c.json().get("payload"));
        if (!(event instanceof LedgerEvent.CheckpointWritten)) {
          LedgerEvents.Encoded e = LedgerEvents.encode(event);
          events.add(LedgerEvents.decode(ledger.append(e.type(), e.payload()).get()));
        }
      }
      events.add(new LedgerEvent.CheckpointWritten(ledger.checkpoint().get()));
    }
    List<LedgerEvent> read = new ArrayList<>();
    LedgerReader.readWhole(
        dir.resolve("node.ledger"),
        List.of(key.verifyingKey()),
        e -> {
          try {
            read.add(LedgerEvents.decode(e));
          } catch (MalformedEventException ex) {
            throw new AssertionError(ex.getMessage(), ex);
          }
        });
    assertEquals(events, read);
  }

  private record Case(String type, JsonNode json) {}

  private static Stream<Case> cases(String kind) {
    return files().stream()
        .map(LedgerEventsTest::read)
        .flatMap(
            v -> {
              List<Case> out = new ArrayList<>();
              v.get(kind).forEach(c -> out.add(new Case(v.get("type").asText(), c)));
              return out.stream();
            });
  }

  private static List<Path> files() {
    try (Stream<Path> list = Files.list(VECTORS)) {
      return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String canonical(JsonNode json) {
    return CanonicalJson.text(json.toString());
  }

  /** An event as the vectors write it: {@code {"RecordName": {component: value, …}}}. */
  private static JsonNode described(LedgerEvent event) {
    ObjectNode out = JSON.createObjectNode();
    out.set(event.getClass().getSimpleName(), value(event));
    return out;
  }

  private static JsonNode value(Object v) {
    if (v instanceof Record r) {
      ObjectNode out = JSON.createObjectNode();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          Object component = c.getAccessor().invoke(r);
          if (component == null) {
            continue; // a cast's acceptance: bundles carry it, ledger entries do not
          }
          out.set(c.getName(), value(component));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    if (v instanceof Optional<?> o) {
      return o.isPresent() ? value(o.get()) : NullNode.getInstance();
    }
    if (v instanceof List<?> list) {
      ArrayNode out = JSON.createArrayNode();
      list.forEach(x -> out.add(value(x)));
      return out;
    }
    if (v instanceof JsonNode json) {
      return json;
    }
    if (v instanceof String s) {
      return TextNode.valueOf(s);
    }
    if (v instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (v instanceof Integer || v instanceof Long) {
      return JSON.getNodeFactory().numberNode(((Number) v).longValue());
    }
    throw new IllegalArgumentException("no vector form for " + v.getClass());
  }
}
