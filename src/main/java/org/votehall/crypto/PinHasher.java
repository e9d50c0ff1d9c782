package org.votehall.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Deputies' PINs hashed with Argon2id keyed with the cluster's {@link PinPepper} (the secret input
 * K of RFC 9106, Bouncy Castle's {@code withSecret}): a six-digit PIN has a million values, so an
 * unkeyed hash in a copied roster, ledger or cluster map would fall to an offline search; a keyed
 * one cannot be checked at all without the pepper, which only the nodes hold.
 *
 * <p>The hash is a PHC string naming the pepper with the {@code keyid} parameter: {@code
 * $argon2id$v=19$m=19456,t=2,p=1,keyid=ID$SALT$HASH}. A hash without {@code keyid} (unpeppered, as
 * rosters were hashed before) or with another pepper's id never matches, and {@link #problem} says
 * why; {@link SecretHash} in turn never matches a peppered one.
 */
public final class PinHasher {
  private final PinPepper pepper;
  private final String id;
  private final SecretHash.Params params;
  private final SecureRandom random;

  /** A hasher with the pepper and {@link SecretHash#DEFAULT}'s cost. */
  public PinHasher(PinPepper pepper) {
    this(pepper, SecretHash.DEFAULT, new SecureRandom());
  }

  public PinHasher(PinPepper pepper, SecretHash.Params params, SecureRandom random) {
    this.pepper = Objects.requireNonNull(pepper, "pepper");
    this.id = pepper.id();
    this.params = Objects.requireNonNull(params, "params");
    this.random = Objects.requireNonNull(random, "random");
    if (!params.withinLimits()) {
      throw new IllegalArgumentException("Argon2id parameters out of limits: " + params);
    }
  }

  /** The pepper's id, as every hash made here names it. */
  public String pepperId() {
    return id;
  }

  /** A new salted, peppered hash of the PIN. Slow on purpose: call it off the event loop. */
  public String hash(String pin) {
    return SecretHash.hash(pin, random, params, pepper.secret(), id);
  }

  /**
   * True if {@code hash} is a hash of {@code pin} under this pepper; false for a wrong PIN, a
   * malformed hash, an unpeppered hash or one made with another pepper.
   */
  public boolean matches(String pin, String hash) {
    return SecretHash.parse(hash)
        .filter(h -> id.equals(h.keyId()))
        .map(h -> h.matches(pin, pepper.secret()))
        .orElse(false);
  }

  /** Why this hasher can never match {@code hash}, if it cannot; empty for one it can check. */
  public Optional<String> problem(String hash) {
    Optional<SecretHash.Parsed> parsed = SecretHash.parse(hash);
    if (parsed.isEmpty()) {
      return Optional.of("not an Argon2id PHC string within limits");
    }
    String keyId = parsed.get().keyId();
    if (keyId == null) {
      return Optional.of(
          "an unpeppered PIN hash (made before PINs were peppered): create the sitting again with"
              + " its roster");
    }
    if (!keyId.equals(id)) {
      return Optional.of(
          "made with PIN pepper "
              + keyId
              + ", but this node holds pepper "
              + id
              + ": every node of a cluster needs the same node.pinPepper file");
    }
    return Optional.empty();
  }

  /** True if {@code hash} names a pepper (whichever); an unpeppered hash is false. */
  public static boolean isPeppered(String hash) {
    return SecretHash.parse(hash).map(h -> h.keyId() != null).orElse(false);
  }

  @Override
  public String toString() {
    return "PinHasher[" + id + "]";
  }
}
