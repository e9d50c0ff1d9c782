package org.votehall.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;

/**
 * Signs the records this node writes into cluster maps and checks the ones it reads, against the
 * node keys the configuration trusts (never against keys found in a map). A record's statement
 * names its map and key, so a signed record moved to another key or map no longer holds.
 */
public final class RecordSigner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CACHED = 200_000;

  private final SigningKey nodeKey;
  private final Map<String, VerifyingKey> trusted;
  private final Incidents incidents;
  // Reads far outnumber writes (attendance is read on every check-in): a record once checked is
  // remembered by its exact text, so it is not checked again.
  private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

  public RecordSigner(SigningKey nodeKey, Collection<VerifyingKey> trusted, Incidents incidents) {
    this.nodeKey = nodeKey;
    this.trusted =
        trusted.stream()
            .collect(Collectors.toMap(VerifyingKey::fingerprint, Function.identity(), (a, b) -> a));
    this.trusted.putIfAbsent(nodeKey.verifyingKey().fingerprint(), nodeKey.verifyingKey());
    this.incidents = incidents;
  }

  public SignedRecord sign(String map, String key, String content) {
    byte[] signature = nodeKey.sign(SignaturePurpose.CLUSTER_RECORD, statement(map, key, content));
    return new SignedRecord(content, fingerprint(), Base64.getEncoder().encodeToString(signature));
  }

  /**
   * True if a trusted node signed {@code record} for this map and key; otherwise reports an
   * incident (the record is then to be ignored).
   */
  public boolean holds(String map, String key, SignedRecord record) {
    if (record == null) {
      return false;
    }
    String memo =
        map
            + '\0'
            + key
            + '\0'
            + record.content()
            + '\0'
            + record.node()
            + '\0'
            + record.signature();
    Boolean known = checked.get(memo);
    if (known != null) {
      return known; // a bad record was reported the first time it was read, not on every read
    }
    known = check(map, key, record);
    if (checked.size() >= CACHED) {
      checked.clear();
    }
    checked.put(memo, known);
    if (!known) {
      incidents.report(
          "record "
              + map
              + " ["
              + key
              + "] is not signed by a trusted node (says node "
              + record.node()
              + "): ignored");
    }
    return known;
  }

  /** This node's key fingerprint, as records name their writer. */
  public String fingerprint() {
    return nodeKey.verifyingKey().fingerprint();
  }

  /** Every trusted node key, this node's included. */
  public Collection<VerifyingKey> trustedKeys() {
    return trusted.values();
  }

  /** The node key: for statements other than map records (acceptances, fence messages). */
  SigningKey nodeKey() {
    return nodeKey;
  }

  public Incidents incidents() {
    return incidents;
  }

  private boolean check(String map, String key, SignedRecord record) {
    if (record.node() == null || record.content() == null || record.signature() == null) {
      return false;
    }
    VerifyingKey signer = trusted.get(record.node());
    Optional<byte[]> sig = StrictBase64.base64(record.signature());
    return signer != null
        && sig.isPresent()
        && signer.verify(
            SignaturePurpose.CLUSTER_RECORD, statement(map, key, record.content()), sig.get());
  }

  /** What a record's signature covers: canonical {@code {"content", "key", "map"}}. */
  static byte[] statement(String map, String key, String content) {
    var node = JSON.createObjectNode().put("map", map).put("key", key).put("content", content);
    return CanonicalJson.text(node.toString()).getBytes(StandardCharsets.UTF_8);
  }
}
