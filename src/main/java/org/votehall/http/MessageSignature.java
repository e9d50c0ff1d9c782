package org.votehall.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.StrictBase64;

/**
 * RFC 9421 HTTP message signatures in votehall's one fixed profile: covered components {@code
 * ("@method" "@path" "content-digest")}, parameters {@code created}, {@code nonce}, {@code keyid},
 * {@code alg="ed25519"}, label {@code sig1}; and the RFC 9530 {@code Content-Digest} (sha-256) of
 * the body. Anything else is refused.
 */
public final class MessageSignature {
  /** A request's {@code created} may be this far from the receiving node's clock, either way. */
  public static final Duration FRESHNESS = Duration.ofMinutes(2);

  /**
   * How long a used nonce must be remembered: the freshness window. A request is accepted only
   * while its {@code created} is within {@link #FRESHNESS} of the clock, so from its first use a
   * nonce can come back for at most twice that; after it, the request is stale and refused whatever
   * its nonce.
   */
  public static final Duration NONCE_TTL = FRESHNESS.multipliedBy(2);

  static final String COMPONENTS = "(\"@method\" \"@path\" \"content-digest\")";
  private static final Pattern INPUT =
      Pattern.compile(
          "sig1=(\\(\"@method\" \"@path\" \"content-digest\"\\)((?:;[a-z]+=(?:\"[^\"]*\"|[0-9]+))+))");
  private static final Pattern PARAM = Pattern.compile(";([a-z]+)=(\"([^\"]*)\"|([0-9]+))");
  private static final Pattern SIGNATURE = Pattern.compile("sig1=:([A-Za-z0-9+/=]+):");

  private MessageSignature() {}

  /** What a request claims; the signature still has to be checked against the terminal's key. */
  public record Claim(String keyid, String nonce, Instant created, byte[] base, byte[] signature) {}

  /** Parses the headers and checks the content digest; a message naming what is wrong otherwise. */
  public static Optional<String> problem(
      String input, String signature, String digest, byte[] body) {
    if (input == null || signature == null || digest == null) {
      return Optional.of(
          "a terminal request needs Signature-Input, Signature and Content-Digest headers");
    }
    if (!digest.equals(contentDigest(body))) {
      return Optional.of("Content-Digest does not match the body");
    }
    return parse(input, signature, "GET", "/", digest).isPresent()
        ? Optional.empty()
        : Optional.of(
            "Signature-Input or Signature is not of the profile sig1="
                + COMPONENTS
                + ";created;nonce;keyid;alg=\"ed25519\"");
  }

  public static Optional<Claim> parse(
      String input, String signature, String method, String path, String digest) {
    Matcher in = INPUT.matcher(input == null ? "" : input.strip());
    Matcher sig = SIGNATURE.matcher(signature == null ? "" : signature.strip());
    if (!in.matches() || !sig.matches()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher p = PARAM.matcher(in.group(2));
    while (p.find()) {
      params.put(p.group(1), p.group(3) != null ? p.group(3) : p.group(4));
    }
    if (!params.keySet().equals(java.util.Set.of("created", "nonce", "keyid", "alg"))
        || !"ed25519".equals(params.get("alg"))) {
      return Optional.empty();
    }
    Optional<byte[]> bytes = StrictBase64.base64(sig.group(1));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> created = created(params.get("created"));
    if (created.isEmpty()) {
      return Optional.empty();
    }
    String base = base(method, path, digest, in.group(1));
    return Optional.of(
        new Claim(
            params.get("keyid"),
            params.get("nonce"),
            created.get(),
            base.getBytes(StandardCharsets.UTF_8),
            bytes.get()));
  }

  /** When a request was signed, as the node receiving it sees it. */
  public enum Timing {
    /** Within the freshness window, and after the node started serving. */
    FRESH,
    /** More than {@link #FRESHNESS} from the node's clock. */
    OUT_OF_WINDOW,
    /**
     * Signed before this node started serving. The used nonces live in a cluster map that a
     * whole-cluster restart empties, so a request captured before it would pass the nonce check
     * again; one signed since the node started is in the map if it was used.
     */
    BEFORE_START
  }

  /**
   * Where {@code created} stands at {@code now} on a node serving since {@code servingSince}.
   * {@code created} has whole seconds, so it is compared with the second the node started in: a
   * request signed in that very second passes (no cluster restarts within one second).
   */
  public static Timing timing(Instant created, Instant now, Instant servingSince) {
    if (created.isBefore(now.minus(FRESHNESS)) || created.isAfter(now.plus(FRESHNESS))) {
      return Timing.OUT_OF_WINDOW;
    }
    return created.getEpochSecond() < servingSince.getEpochSecond()
        ? Timing.BEFORE_START
        : Timing.FRESH;
  }

  /**
   * RFC 9421 §2.3: {@code created} is an integer of seconds since the epoch. Anything else (a
   * string, a number past any date) makes the signature malformed, not the server fail.
   */
  private static Optional<Instant> created(String value) {
    if (value == null || !value.matches("[0-9]{1,12}")) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
  }

  /** RFC 9421 §2.5: one line per component, then the signature parameters. */
  static String base(String method, String path, String digest, String signatureParams) {
    return "\"@method\": "
        + method
        + "\n\"@path\": "
        + path
        + "\n\"content-digest\": "
        + digest
        + "\n\"@signature-params\": "
        + signatureParams;
  }

  /** RFC 9530: {@code sha-256=:BASE64:}. */
  public static String contentDigest(byte[] body) {
    return "sha-256=:"
        + Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(Sha256.hex(body)))
        + ":";
  }

  /**
   * The headers a terminal sends (for the simulator and tests): Content-Digest, Signature-Input,
   * Signature.
   */
  public static Map<String, String> sign(
      SigningKey key,
      String keyid,
      String nonce,
      Instant created,
      String method,
      String path,
      byte[] body) {
    String digest = contentDigest(body);
    String params =
        COMPONENTS
            + ";created="
            + created.getEpochSecond()
            + ";nonce=\""
            + nonce
            + "\";keyid=\""
            + keyid
            + "\";alg=\"ed25519\"";
    byte[] signature =
        key.sign(
            SignaturePurpose.HTTP_MESSAGE,
            base(method, path, digest, params).getBytes(StandardCharsets.UTF_8));
    return Map.of(
        "Content-Digest", digest,
        "Signature-Input", "sig1=" + params,
        "Signature", "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":");
  }
}
