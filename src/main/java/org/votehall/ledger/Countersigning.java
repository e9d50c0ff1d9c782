package org.votehall.ledger;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;

/**
 * Scrutineers countersign a sealed result (docs/scrutineers.md): the panel sealed into a bundle,
 * the statements they sign or refuse, the bundle digest those statements name, and the bundle as
 * served with their signatures beside the node's. Pure: the node, the CLI and the verifier share
 * it.
 */
public final class Countersigning {
  /** Fields of a served bundle that the node's signature and the bundle digest leave out. */
  public static final List<String> ADDED = List.of("countersignatures", "refusals");

  private static final Pattern SIGNED_AT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** A reason longer than this is refused: it is printed on the report. */
  public static final int REASON_MAX = 500;

  private Countersigning() {}

  /** A scrutineer on a sealed panel; no key if they had not enrolled when the ballot closed. */
  public record Member(String id, String name, Optional<VerifyingKey> key) {
    public Member {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(key, "key");
    }
  }

  /** The panel a ballot closed with, as its bundle holds it (in id order). */
  public record Panel(int required, List<Member> members) {
    public Panel {
      members = members.stream().sorted(Comparator.comparing(Member::id)).toList();
    }

    public Optional<Member> member(String id) {
      return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public ObjectNode toJson() {
      ObjectNode out = EntryCodec.JSON.createObjectNode().put("required", required);
      ArrayNode panel = out.putArray("panel");
      members.forEach(
          m ->
              panel
                  .addObject()
                  .put("id", m.id())
                  .put("name", m.name())
                  .put("key", m.key().map(VerifyingKey::base64).orElse(null)));
      return out;
    }
  }

  /** A scrutineer's countersignature of a ballot's sealed result. */
  public record Countersignature(String scrutineer, String signedAt, String signature) {
    public Countersignature {
      requireNonNull(scrutineer, "scrutineer");
      requireNonNull(signedAt, "signedAt");
      requireNonNull(signature, "signature");
    }

    public ObjectNode toJson() {
      return EntryCodec.JSON
          .createObjectNode()
          .put("scrutineer", scrutineer)
          .put("signedAt", signedAt)
          .put("signature", signature);
    }
  }

  /** A scrutineer's signed refusal to countersign, with the reason. */
  public record Refusal(String scrutineer, String signedAt, String reason, String signature) {
    public Refusal {
      requireNonNull(scrutineer, "scrutineer");
      requireNonNull(signedAt, "signedAt");
      requireNonNull(reason, "reason");
      requireNonNull(signature, "signature");
    }

    public ObjectNode toJson() {
      return EntryCodec.JSON
          .createObjectNode()
          .put("scrutineer", scrutineer)
          .put("signedAt", signedAt)
          .put("reason", reason)
          .put("signature", signature);
    }
  }

  /** Whether {@code id} may name a scrutineer. */
  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** UTC to the second, exactly {@code YYYY-MM-DDTHH:MM:SSZ}, and a real instant. */
  public static boolean validSignedAt(String signedAt) {
    if (signedAt == null || !SIGNED_AT.matcher(signedAt).matches()) {
      return false;
    }
    try {
      java.time.Instant.parse(signedAt);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  public static boolean validReason(String reason) {
    return reason != null
        && !reason.isBlank()
        && reason.codePointCount(0, reason.length()) <= REASON_MAX;
  }

  /** SHA-256 (hex) of the bundle as sealed: canonical, without what countersigning added. */
  public static String bundleDigest(JsonNode bundle) {
    return Sha256.hex(sealedBytes(bundle));
  }

  /** The canonical bytes of a bundle without the fields countersigning adds. */
  public static byte[] sealedBytes(JsonNode bundle) {
    ObjectNode body =
        bundle.isObject() ? (ObjectNode) bundle.deepCopy() : EntryCodec.JSON.createObjectNode();
    ADDED.forEach(body::remove);
    return CanonicalJson.bytes(body.toString());
  }

  /** What a countersignature signs: the ballot, the bundle digest and the result it names. */
  public static byte[] countersigned(
      String ballot, String digest, JsonNode result, String scrutineer, String signedAt) {
    ObjectNode m = EntryCodec.JSON.createObjectNode();
    m.put("ballot", ballot).put("bundle", digest).put("scrutineer", scrutineer);
    m.put("signedAt", signedAt).set("result", result.deepCopy());
    return CanonicalJson.bytes(m.toString());
  }

  /** What a refusal signs: the ballot, the bundle digest and the reason. */
  public static byte[] refused(
      String ballot, String digest, String reason, String scrutineer, String signedAt) {
    ObjectNode m = EntryCodec.JSON.createObjectNode();
    m.put("ballot", ballot).put("bundle", digest).put("reason", reason);
    m.put("scrutineer", scrutineer).put("signedAt", signedAt);
    return CanonicalJson.bytes(m.toString());
  }

  /**
   * What countersignatures of a bundle are checked against, worked out once: its ballot, its digest
   * (canonicalising a large bundle is not cheap), its result and the panel it was sealed with.
   */
  public record Sealed(String ballot, String digest, JsonNode result, Optional<Panel> panel) {
    public Sealed {
      result = result.deepCopy();
    }

    /** A bundle's; refused with an {@link IllegalArgumentException} if its panel does not read. */
    public static Sealed of(JsonNode bundle) {
      return new Sealed(
          bundle.path("ballot").asText(),
          bundleDigest(bundle),
          bundle.path("result"),
          Countersigning.panel(bundle));
    }

    /**
     * A bundle's, from its text as the node sealed it (canonical, nothing added): its digest is
     * then the hash of the text itself, without canonicalising megabytes again.
     */
    public static Sealed ofSealedText(String text, JsonNode bundle) {
      if (ADDED.stream().anyMatch(bundle::has)) {
        return of(bundle);
      }
      return new Sealed(
          bundle.path("ballot").asText(),
          Sha256.hex(text.getBytes(StandardCharsets.UTF_8)),
          bundle.path("result"),
          Countersigning.panel(bundle));
    }

    /** The few fields kept beside a bundle so that reading its countersigning is cheap. */
    public ObjectNode toJson() {
      ObjectNode out =
          EntryCodec.JSON.createObjectNode().put("ballot", ballot).put("digest", digest);
      out.set("result", result.deepCopy());
      panel.ifPresent(p -> out.set("scrutineers", p.toJson()));
      return out;
    }

    /** Reads {@link #toJson}. */
    public static Sealed fromJson(JsonNode json) {
      return new Sealed(
          json.path("ballot").asText(),
          json.path("digest").asText(),
          json.path("result"),
          Countersigning.panel(json));
    }

    /** Whether {@code c} is {@code key}'s countersignature of this ballot's sealed result. */
    public boolean holds(Countersignature c, VerifyingKey key) {
      byte[] message = countersigned(ballot, digest, result, c.scrutineer(), c.signedAt());
      return verifies(key, SignaturePurpose.COUNTERSIGNATURE, message, c.signature());
    }

    /** Whether {@code r} is {@code key}'s refusal of this ballot's sealed result. */
    public boolean holds(Refusal r, VerifyingKey key) {
      byte[] message = refused(ballot, digest, r.reason(), r.scrutineer(), r.signedAt());
      return verifies(key, SignaturePurpose.COUNTERSIGN_REFUSAL, message, r.signature());
    }

    /** The key a countersignature by {@code scrutineer} must verify under, if any. */
    public Optional<VerifyingKey> key(String scrutineer) {
      return panel.flatMap(p -> p.member(scrutineer)).flatMap(Member::key);
    }

    /** Countersigns as {@code scrutineer} (the CLI's and the tests' signer). */
    public Countersignature countersign(String scrutineer, String signedAt, SigningKey key) {
      byte[] message = countersigned(ballot, digest, result, scrutineer, signedAt);
      return new Countersignature(
          scrutineer, signedAt, base64(key.sign(SignaturePurpose.COUNTERSIGNATURE, message)));
    }

    /** Refuses to countersign as {@code scrutineer}, with a reason. */
    public Refusal refuse(String scrutineer, String signedAt, String reason, SigningKey key) {
      byte[] message = refused(ballot, digest, reason, scrutineer, signedAt);
      return new Refusal(
          scrutineer,
          signedAt,
          reason,
          base64(key.sign(SignaturePurpose.COUNTERSIGN_REFUSAL, message)));
    }
  }

  private static boolean verifies(
      VerifyingKey key, SignaturePurpose purpose, byte[] message, String signature) {
    return StrictBase64.base64(signature)
        .map(s -> s.length == 64 && key.verify(purpose, message, s))
        .orElse(false);
  }

  /** The first 16 hex digits of SHA-256 over a signature's bytes: what the report prints. */
  public static String fingerprint(String signature) {
    byte[] bytes =
        StrictBase64.base64(signature).orElse(signature.getBytes(StandardCharsets.UTF_8));
    return Sha256.hex(bytes).substring(0, 16);
  }

  /** The panel a bundle was sealed with, if it has one; a panel that does not read is refused. */
  public static Optional<Panel> panel(JsonNode bundle) {
    JsonNode json = bundle.path("scrutineers");
    return json.isMissingNode() ? Optional.empty() : Optional.of(panelOf(json));
  }

  /** Reads {@link Panel#toJson}; refuses one that does not read. */
  public static Panel panelOf(JsonNode json) {
    if (!json.path("required").isInt() || !json.path("panel").isArray()) {
      throw new IllegalArgumentException("scrutineers: needs required (a number) and panel");
    }
    List<Member> members = new ArrayList<>();
    for (JsonNode m : json.path("panel")) {
      if (!m.path("id").isTextual() || !m.path("name").isTextual()) {
        throw new IllegalArgumentException("scrutineers.panel: each needs an id and a name");
      }
      Optional<VerifyingKey> key =
          m.path("key").isTextual()
              ? Optional.of(VerifyingKey.fromBase64(m.path("key").asText()))
              : Optional.empty();
      members.add(new Member(m.path("id").asText(), m.path("name").asText(), key));
    }
    return new Panel(json.path("required").asInt(), members);
  }

  /** The countersignatures a served bundle carries. */
  public static List<Countersignature> countersignatures(JsonNode bundle) {
    List<Countersignature> out = new ArrayList<>();
    for (JsonNode c : bundle.path("countersignatures")) {
      out.add(
          new Countersignature(
              c.path("scrutineer").asText(),
              c.path("signedAt").asText(),
              c.path("signature").asText()));
    }
    return out;
  }

  /** The refusals a served bundle carries. */
  public static List<Refusal> refusals(JsonNode bundle) {
    List<Refusal> out = new ArrayList<>();
    for (JsonNode r : bundle.path("refusals")) {
      out.add(
          new Refusal(
              r.path("scrutineer").asText(),
              r.path("signedAt").asText(),
              r.path("reason").asText(),
              r.path("signature").asText()));
    }
    return out;
  }

  /**
   * The bundle as served: the sealed text with the countersignatures and refusals beside it, each
   * in scrutineer order, canonical. A bundle sealed without a panel is served as sealed.
   */
  public static String served(
      String sealed, List<Countersignature> countersignatures, List<Refusal> refusals) {
    ObjectNode bundle;
    try {
      bundle = (ObjectNode) EntryCodec.JSON.readTree(sealed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not a bundle: " + e.getMessage(), e);
    }
    if (!bundle.has("scrutineers")) {
      return sealed;
    }
    ArrayNode signed = bundle.putArray("countersignatures");
    countersignatures.stream()
        .sorted(Comparator.comparing(Countersignature::scrutineer))
        .forEach(c -> signed.add(c.toJson()));
    ArrayNode refused = bundle.putArray("refusals");
    refusals.stream()
        .sorted(Comparator.comparing(Refusal::scrutineer))
        .forEach(r -> refused.add(r.toJson()));
    return CanonicalJson.text(bundle.toString());
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
