package org.votehall.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id hashes of clerks' passwords (and of PINs before they were peppered), in the PHC string
 * form {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (salt and hash in unpadded base64). A hash
 * keyed with a secret names it with the PHC {@code keyid} parameter ({@link PinHasher}); this class
 * has no secret, so it never matches one.
 */
public final class SecretHash {
  /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})(?:,keyid=([A-Za-z0-9+/]{1,11}))?"
              + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  /** Memory in KiB, passes and lanes. */
  public record Params(int memoryKib, int iterations, int parallelism) {
    /** A stored hash cannot make a check take more than 256 MiB, 10 passes or 16 lanes. */
    boolean withinLimits() {
      return memoryKib >= 8
          && memoryKib <= 256 * 1024
          && iterations >= 1
          && iterations <= 10
          && parallelism >= 1
          && parallelism <= 16;
    }
  }

  private SecretHash() {}

  public static String hash(String secret, SecureRandom random, Params params) {
    return hash(secret, random, params, null, null);
  }

  /** As {@link #hash(String, SecureRandom, Params)}, keyed with {@code key} named {@code keyId}. */
  static String hash(String secret, SecureRandom random, Params params, byte[] key, String keyId) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return format(params, keyId, salt, argon2(secret, salt, params, 32, key));
  }

  static String format(Params params, String keyId, byte[] salt, byte[] hash) {
    return String.format(
        java.util.Locale.ROOT,
        "$argon2id$v=19$m=%d,t=%d,p=%d%s$%s$%s",
        params.memoryKib(),
        params.iterations(),
        params.parallelism(),
        keyId == null ? "" : ",keyid=" + keyId,
        B64.encodeToString(salt),
        B64.encodeToString(hash));
  }

  /**
   * True if {@code secret} matches the PHC string; false for a wrong secret or a malformed string.
   */
  public static boolean matches(String secret, String phc) {
    return parse(phc)
        .filter(h -> h.keyId() == null)
        .map(h -> h.matches(secret, null))
        .orElse(false);
  }

  /**
   * True if {@code phc} is an Argon2id hash this class can check: the PHC form, parameters within
   * limits, a salt of at least 8 bytes and a hash of at least 16.
   */
  public static boolean isWellFormed(String phc) {
    return parse(phc).filter(h -> h.keyId() == null).isPresent();
  }

  /** A PHC string taken apart; {@code keyId} is null for a hash keyed with no secret. */
  record Parsed(Params params, String keyId, byte[] salt, byte[] hash) {
    boolean matches(String secret, byte[] key) {
      return MessageDigest.isEqual(hash, argon2(secret, salt, params, hash.length, key));
    }
  }

  static java.util.Optional<Parsed> parse(String phc) {
    Matcher m = PHC.matcher(phc == null ? "" : phc);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    Params params =
        new Params(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(m.group(5));
      hash = Base64.getDecoder().decode(m.group(6));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
    if (salt.length < 8 || hash.length < 16 || !params.withinLimits()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Parsed(params, m.group(4), salt, hash));
  }

  /**
   * Argon2id is memory-hard: many at once only fight over memory bandwidth (measured: 20 concurrent
   * checks on 2 cores ran slower than 1), so at most one runs per core and the rest wait their
   * turn.
   */
  private static final Semaphore CORES =
      new Semaphore(Runtime.getRuntime().availableProcessors(), true);

  static byte[] argon2(String secret, byte[] salt, Params params, int length) {
    return argon2(secret, salt, params, length, null);
  }

  /** Argon2id; {@code key}, if not null, is its secret input K (RFC 9106 §3.1). */
  static byte[] argon2(String secret, byte[] salt, Params params, int length, byte[] key) {
    CORES.acquireUninterruptibly();
    try {
      return argon2Now(secret, salt, params, length, key);
    } finally {
      CORES.release();
    }
  }

  private static byte[] argon2Now(
      String secret, byte[] salt, Params params, int length, byte[] key) {
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKib())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt);
    if (key != null) {
      builder.withSecret(key);
    }
    Argon2Parameters p = builder.build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(p);
    byte[] out = new byte[length];
    generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
    p.clear(); // the copy of the key the parameters hold
    return out;
  }
}
