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
 * Argon2id hashes of deputies' PINs and clerks' passwords, in the PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} (salt and hash in unpadded base64).
 */
public final class SecretHash {
  /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
  public static final Params DEFAULT = new Params(19 * 1024, 2, 1);

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
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
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] hash = argon2(secret, salt, params, 32);
    return String.format(
        java.util.Locale.ROOT,
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
        params.memoryKib(),
        params.iterations(),
        params.parallelism(),
        B64.encodeToString(salt),
        B64.encodeToString(hash));
  }

  /**
   * True if {@code secret} matches the PHC string; false for a wrong secret or a malformed string.
   */
  public static boolean matches(String secret, String phc) {
    return parse(phc)
        .map(
            h ->
                MessageDigest.isEqual(
                    h.hash(), argon2(secret, h.salt(), h.params(), h.hash().length)))
        .orElse(false);
  }

  /**
   * True if {@code phc} is an Argon2id hash this class can check: the PHC form, parameters within
   * limits, a salt of at least 8 bytes and a hash of at least 16.
   */
  public static boolean isWellFormed(String phc) {
    return parse(phc).isPresent();
  }

  private record Parsed(Params params, byte[] salt, byte[] hash) {}

  private static java.util.Optional<Parsed> parse(String phc) {
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
      salt = Base64.getDecoder().decode(m.group(4));
      hash = Base64.getDecoder().decode(m.group(5));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
    if (salt.length < 8 || hash.length < 16 || !params.withinLimits()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Parsed(params, salt, hash));
  }

  /**
   * Argon2id is memory-hard: many at once only fight over memory bandwidth (measured: 20 concurrent
   * checks on 2 cores ran slower than 1), so at most one runs per core and the rest wait their
   * turn.
   */
  private static final Semaphore CORES =
      new Semaphore(Runtime.getRuntime().availableProcessors(), true);

  static byte[] argon2(String secret, byte[] salt, Params params, int length) {
    CORES.acquireUninterruptibly();
    try {
      return argon2Now(secret, salt, params, length);
    } finally {
      CORES.release();
    }
  }

  private static byte[] argon2Now(String secret, byte[] salt, Params params, int length) {
    Argon2Parameters p =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKib())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(p);
    byte[] out = new byte[length];
    generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
