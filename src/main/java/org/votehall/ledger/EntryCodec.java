package org.votehall.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;

/** Ledger lines: canonical JSON, written and read back byte for byte. */
final class EntryCodec {
  static final ObjectMapper JSON = new ObjectMapper();

  private EntryCodec() {}

  /** The entry and its line (canonical JSON and a newline). */
  record Encoded(LedgerEntry entry, byte[] line) {}

  static Encoded encode(long seq, String prev, String type, ObjectNode payload) {
    ObjectNode body = JSON.createObjectNode();
    body.put("seq", seq).put("prev", prev).put("type", type).set("payload", payload);
    String canonicalBody = CanonicalJson.text(body.toString());
    String hash = Sha256.hex(canonicalBody.getBytes(StandardCharsets.UTF_8));
    // "hash" sorts before every other key, so the canonical line is the body with it in front.
    String line = "{\"hash\":\"" + hash + "\"," + canonicalBody.substring(1) + "\n";
    return new Encoded(
        new LedgerEntry(seq, prev, type, payload, hash), line.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes after the JSON, which the tree reader ignores, have no canonical form: not canonical. */
  private static boolean isCanonical(byte[] line) {
    try {
      return Arrays.equals(line, CanonicalJson.bytes(new String(line, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Reads one line (without its newline), checking that it is canonical and that its hash holds.
   */
  static LedgerEntry decode(byte[] line, long number) throws LedgerException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      // The parser's own words name its internals; an auditor needs the place.
      throw new LedgerException(
          number,
          e.getLocation() == null
              ? "not JSON"
              : "not JSON at column " + e.getLocation().getColumnNr());
    } catch (java.io.IOException e) {
      throw new LedgerException(number, "unreadable: " + e.getMessage());
    }
    if (node == null || !node.isObject() || !isCanonical(line)) {
      throw new LedgerException(number, "not a canonical JSON object");
    }
    if (!node.path("seq").canConvertToLong()
        || !node.path("prev").isTextual()
        || !node.path("type").isTextual()
        || !node.path("payload").isObject()
        || !node.path("hash").isTextual()
        || node.size() != 5) {
      throw new LedgerException(number, "not a ledger entry {hash, payload, prev, seq, type}");
    }
    Encoded again =
        encode(
            node.get("seq").asLong(),
            node.get("prev").asText(),
            node.get("type").asText(),
            (ObjectNode) node.get("payload"));
    if (!again.entry().hash().equals(node.get("hash").asText())) {
      throw new LedgerException(number, "the entry's hash does not match its content");
    }
    return again.entry();
  }
}
