package org.votehall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.VerifyingKey;
import org.votehall.format.MalformedException;
import org.votehall.format.SpecJson;
import org.votehall.ledger.Bundle;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Countersigning;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;

/**
 * Checks a result bundle (docs/bundle.md) and trusts nothing in it: canonical bytes, the node's
 * signatures over the bundle and the result, the checkpoint, the issued list, every box entry or
 * recorded cast, returned ≤ issued, and the result recomputed from the ballots with the rules.
 */
public final class BundleVerifier {
  private final List<VerifyingKey> trusted;
  private final List<VerifyingKey> scrutineers;
  private final java.util.OptionalInt required;

  /**
   * @param trustedNodeKeys the node keys the auditor trusts; empty means the bundle's own
   */
  public BundleVerifier(Collection<VerifyingKey> trustedNodeKeys) {
    this(trustedNodeKeys, List.of(), java.util.OptionalInt.empty());
  }

  /**
   * @param pinnedScrutineers the scrutineers' keys the auditor obtained from them; when given, at
   *     least {@code required} of them (the bundle's own number if empty) must have countersigned
   */
  public BundleVerifier(
      Collection<VerifyingKey> trustedNodeKeys,
      Collection<VerifyingKey> pinnedScrutineers,
      java.util.OptionalInt required) {
    this.trusted = List.copyOf(trustedNodeKeys);
    this.scrutineers = List.copyOf(pinnedScrutineers);
    this.required = required;
  }

  public Verification verify(byte[] bytes) {
    BundleText.Reading reading = BundleText.read(bytes);
    if (!(reading instanceof BundleText.Parsed parsed)) {
      // Bytes that exist but are not a JSON object were changed: tampering, not unreadable.
      return new Verification.Fails(List.of(((BundleText.Broken) reading).failure()), List.of());
    }
    JsonNode bundle = parsed.tree();
    Findings f = new Findings();
    parsed.trailing().ifPresent(f::fail);
    boolean canonical = canonical(f, parsed.json(), bundle);
    f.check(
        Bundle.FORMAT.equals(bundle.path("format").asText()),
        "format: expected " + Bundle.FORMAT + ", found " + bundle.path("format"));
    List<VerifyingKey> keys = nodeKeys(f, bundle.path("nodeKeys"));
    Signatures.check(
        f,
        "signature",
        bundle.path("signature"),
        SignaturePurpose.BUNDLE,
        Bundle.signedBody(bundle),
        keys);
    Signatures.check(
        f,
        "resultSignature",
        bundle.path("resultSignature"),
        SignaturePurpose.RESULT,
        Bundle.signedResult(bundle.path("result")),
        keys);
    checkpoint(f, bundle.path("checkpoint"), keys);
    int ballots = spec(f, bundle).map(spec -> ballots(f, bundle, spec, keys)).orElse(0);
    String digest = digest(parsed.json(), bundle, canonical);
    Optional<String> countersigned =
        CountersignatureCheck.check(f, bundle, digest, scrutineers, required);
    // What the report's QR code and the audit page show: the auditor compares it with their own.
    if (f.clean()) {
      f.note("bundle digest (SHA-256 of the sealed bundle): " + digest);
    }
    return f.verdict(
        "bundle of ballot "
            + bundle.path("ballot").asText()
            + ": "
            + ballots
            + " ballots recounted; every signature, hash and figure holds"
            + countersigned.map(c -> "; " + c).orElse(""));
  }

  /** The checkpoint a bundle names, if it can be read at all (for checking it against a ledger). */
  public static Optional<Checkpoint> checkpointOf(byte[] bytes) {
    if (!(BundleText.read(bytes) instanceof BundleText.Parsed parsed)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Checkpoint.fromJson(parsed.tree().path("checkpoint")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The bundle digest: of canonical bytes with nothing countersigning added, the bytes themselves
   * (canonicalising megabytes again would give the same); otherwise of the canonical sealed part.
   */
  private static String digest(String json, JsonNode bundle, boolean canonical) {
    return canonical && Countersigning.ADDED.stream().noneMatch(bundle::has)
        ? org.votehall.crypto.Sha256.hex(json.getBytes(StandardCharsets.UTF_8))
        : Countersigning.bundleDigest(bundle);
  }

  /** The JSON up to its closing brace is byte for byte its RFC 8785 form. */
  private static boolean canonical(Findings f, String json, JsonNode tree) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    byte[] canonical;
    try {
      canonical = CanonicalJson.bytes(json);
    } catch (IllegalArgumentException e) {
      f.fail(
          "the bundle's JSON has no canonical form (RFC 8785)"
              + (hasInfiniteNumber(tree)
                  ? ": a number in it is beyond the range of a double"
                  : ""));
      return false;
    }
    int i = 0;
    while (i < Math.min(bytes.length, canonical.length) && bytes[i] == canonical[i]) {
      i++;
    }
    return f.check(
        i == bytes.length && i == canonical.length,
        "the file is not canonical JSON (RFC 8785): it departs at byte " + i);
  }

  /** RFC 8785 §3.2.2.3 numbers are IEEE 754 doubles; a larger one has no canonical form. */
  private static boolean hasInfiniteNumber(JsonNode node) {
    if (node.isNumber()) {
      return Double.isInfinite(node.doubleValue());
    }
    for (JsonNode child : node) {
      if (hasInfiniteNumber(child)) {
        return true;
      }
    }
    return false;
  }

  private List<VerifyingKey> nodeKeys(Findings f, JsonNode array) {
    List<VerifyingKey> listed = new ArrayList<>();
    for (int i = 0; array.isArray() && i < array.size(); i++) {
      try {
        VerifyingKey k = VerifyingKey.fromBase64(array.get(i).path("key").asText());
        f.check(
            k.fingerprint().equals(array.get(i).path("node").asText()),
            "nodeKeys[" + i + "]: the node name is not the key's fingerprint");
        listed.add(k);
      } catch (IllegalArgumentException e) {
        f.fail("nodeKeys[" + i + "]: " + e.getMessage());
      }
    }
    if (trusted.isEmpty()) {
      f.note(
          "no trusted node keys were given: the signatures were checked against the keys the bundle names itself");
      return listed;
    }
    return trusted;
  }

  private static void checkpoint(Findings f, JsonNode json, List<VerifyingKey> keys) {
    try {
      Checkpoint c = Checkpoint.fromJson(json);
      f.check(
          c.verify(keys),
          "checkpoint: not signed by a trusted node key [node: "
              + c.node()
              + ", seq: "
              + c.seq()
              + "]");
    } catch (IllegalArgumentException e) {
      f.fail("checkpoint: " + e.getMessage());
    }
  }

  private static Optional<BallotSpec> spec(Findings f, JsonNode bundle) {
    try {
      BallotSpec spec = SpecJson.parse(bundle.path("spec").toString());
      f.check(
          spec.id().equals(bundle.path("ballot").asText()),
          "ballot: " + bundle.path("ballot") + " is not the spec's id " + spec.id());
      f.check(
          spec.members() == bundle.path("attendance").path("members").asInt(-1),
          "attendance.members: not the spec's members (" + spec.members() + ")");
      return Optional.of(spec);
    } catch (MalformedException e) {
      f.fail("spec: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Checks the issued list, the box or casts and the result; returns how many ballots were
   * recounted.
   */
  private static int ballots(
      Findings f, JsonNode bundle, BallotSpec spec, List<VerifyingKey> keys) {
    Set<String> issued = issued(f, bundle.path("issued"));
    List<Marks> marks =
        spec.header().secret()
            ? BoxCheck.check(f, bundle, spec, keys)
            : CastCheck.check(f, bundle, spec, issued, keys);
    f.check(
        marks.size() <= issued.size(),
        "returned "
            + marks.size()
            + " > issued "
            + issued.size()
            + ": more ballots in the box than were issued");
    int present = bundle.path("attendance").path("present").asInt(-1);
    f.check(
        present < 0 || issued.size() <= present,
        "issued "
            + issued.size()
            + " > present "
            + present
            + ": a ballot is issued only to deputies present while it was open");
    int cast = bundle.path(spec.header().secret() ? "box" : "casts").size();
    if (f.check(present >= 0, "attendance.present: missing") && marks.size() == cast) {
      ResultCheck.check(f, bundle.path("result"), spec, present, issued.size(), marks);
    }
    return marks.size();
  }

  private static Set<String> issued(Findings f, JsonNode array) {
    Set<String> issued = new HashSet<>();
    String previous = null;
    for (int i = 0; array.isArray() && i < array.size(); i++) {
      String deputy = array.get(i).asText();
      if (!issued.add(deputy)) {
        f.fail("issued[" + i + "]: deputy " + deputy + " appears twice");
      } else if (previous != null && deputy.compareTo(previous) < 0) {
        f.fail("issued[" + i + "]: not in order");
      }
      previous = deputy;
    }
    f.check(array.isArray(), "issued: missing");
    return issued;
  }
}
