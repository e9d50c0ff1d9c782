package org.votehall.hall;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.votehall.crypto.BlindSigningKey;

/**
 * This node's blind-signing keys, one per secret ballot it issues for. Private keys never leave the
 * node (never enter a cluster map); only their public halves are published in the ballot.
 */
final class BlindKeyring {
  private final ConcurrentMap<String, BlindSigningKey> keys = new ConcurrentHashMap<>();
  private final SecureRandom random;

  BlindKeyring(SecureRandom random) {
    this.random = random;
  }

  /** This node's key for the ballot, made on first use. */
  BlindSigningKey forBallot(String ballot) {
    return keys.computeIfAbsent(ballot, b -> BlindSigningKey.generate(random));
  }

  boolean has(String ballot) {
    return keys.containsKey(ballot);
  }
}
