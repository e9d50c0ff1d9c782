package org.votehall.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;

/**
 * A result bundle (docs/bundle.md): one canonical JSON document per ballot that lets an auditor
 * recompute and check the result with nothing else but trusted node public keys.
 */
public final class Bundle {
  public static final String FORMAT = "votehall-bundle/1";

  private Bundle() {}

  /** How many deputies the roster has and how many were checked in when the ballot closed. */
  public record Attendance(int members, int present) {}

  /**
   * Everything a bundle holds before it is signed. A secret ballot has a box and blind keys and no
   * casts; a recorded ballot has casts and terminal keys and no box.
   */
  public record Contents(
      ObjectNode spec,
      Attendance attendance,
      List<String> issued,
      List<RecordedCast> casts,
      Map<String, VerifyingKey> terminals,
      List<BoxEntry> box,
      List<BlindPublicKey> blindKeys,
      List<VerifyingKey> nodeKeys,
      ObjectNode result,
      Checkpoint checkpoint,
      java.util.Optional<Countersigning.Panel> scrutineers) {

    /** A ballot closed in a sitting without scrutineers. */
    public Contents(
        ObjectNode spec,
        Attendance attendance,
        List<String> issued,
        List<RecordedCast> casts,
        Map<String, VerifyingKey> terminals,
        List<BoxEntry> box,
        List<BlindPublicKey> blindKeys,
        List<VerifyingKey> nodeKeys,
        ObjectNode result,
        Checkpoint checkpoint) {
      this(
          spec,
          attendance,
          issued,
          casts,
          terminals,
          box,
          blindKeys,
          nodeKeys,
          result,
          checkpoint,
          java.util.Optional.empty());
    }
  }

  /**
   * The receipts of every cast a bundle counts (box entries and recorded casts): the SHA-256 of
   * each canonical entry without its acceptance, as the deputy was answered.
   */
  public static List<String> receipts(String bundle) {
    try {
      JsonNode json = EntryCodec.JSON.readTree(bundle);
      List<String> receipts = new java.util.ArrayList<>();
      for (String list : List.of("box", "casts")) {
        for (JsonNode entry : json.path(list)) {
          ObjectNode content = ((ObjectNode) entry).deepCopy();
          content.remove("acceptance");
          receipts.add(BoxEntry.receipt(content));
        }
      }
      return List.copyOf(receipts);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a bundle: " + e.getMessage(), e);
    }
  }

  /** The bundle's bytes: canonical JSON, its result and its whole body signed by {@code node}. */
  public static byte[] write(Contents c, SigningKey node) {
    ObjectNode out = EntryCodec.JSON.createObjectNode();
    out.put("format", FORMAT).put("ballot", c.spec().path("id").asText());
    out.set("spec", c.spec());
    out.putObject("attendance")
        .put("members", c.attendance().members())
        .put("present", c.attendance().present());
    c.issued().stream().sorted().forEach(out.putArray("issued")::add);
    ArrayNode casts = out.putArray("casts");
    c.casts().stream()
        .sorted(Comparator.comparing(RecordedCast::deputy))
        .forEach(x -> casts.add(x.toJson()));
    ArrayNode terminals = out.putArray("terminals");
    c.terminals().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> terminals.addObject().put("id", e.getKey()).put("key", e.getValue().base64()));
    ArrayNode box = out.putArray("box");
    c.box().stream()
        .sorted(Comparator.comparing(BoxEntry::token))
        .forEach(b -> box.add(b.toJson()));
    ArrayNode blindKeys = out.putArray("blindKeys");
    c.blindKeys().forEach(k -> blindKeys.add(k.base64()));
    ArrayNode nodes = out.putArray("nodeKeys");
    c.nodeKeys()
        .forEach(k -> nodes.addObject().put("node", k.fingerprint()).put("key", k.base64()));
    out.set("result", c.result());
    out.set("resultSignature", signature(node, SignaturePurpose.RESULT, signedResult(c.result())));
    out.set("checkpoint", c.checkpoint().toJson());
    c.scrutineers().ifPresent(panel -> out.set("scrutineers", panel.toJson()));
    out.set("signature", signature(node, SignaturePurpose.BUNDLE, signedBody(out)));
    return CanonicalJson.bytes(out.toString());
  }

  /**
   * What a bundle's {@code signature} covers: the canonical bundle without that field, nor the
   * scrutineers' countersignatures and refusals added to it after it was sealed.
   */
  public static byte[] signedBody(JsonNode bundle) {
    ObjectNode body =
        bundle.isObject() ? (ObjectNode) bundle.deepCopy() : EntryCodec.JSON.createObjectNode();
    body.remove("signature");
    Countersigning.ADDED.forEach(body::remove);
    return CanonicalJson.bytes(body.toString());
  }

  private static ObjectNode signature(SigningKey node, SignaturePurpose purpose, byte[] bytes) {
    return EntryCodec.JSON
        .createObjectNode()
        .put("node", node.verifyingKey().fingerprint())
        .put("signature", Base64.getEncoder().encodeToString(node.sign(purpose, bytes)));
  }

  /** The bytes a {@code resultSignature} covers. */
  public static byte[] signedResult(JsonNode result) {
    return result.isObject() ? CanonicalJson.bytes(result.toString()) : new byte[0];
  }
}
