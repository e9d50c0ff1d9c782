package org.votehall.hall;

import java.util.Optional;
import org.votehall.crypto.BlindSigningKey;
import org.votehall.vault.BlindKeyVault;

/**
 * This node's blind-signing keys, one per secret ballot it issues for, kept by its {@link
 * BlindKeyVault}: durable on this node's disk before their public halves are published, and the
 * same after a restart, so a restarted node never makes a second key for a ballot. Private keys
 * never leave the node (never enter a cluster map); only their public halves are published in the
 * ballot.
 */
final class BlindKeyring {
  private final BlindKeyVault vault;

  BlindKeyring(BlindKeyVault vault) {
    this.vault = vault;
  }

  /**
   * This node's key for the ballot, made (or taken from the pool) on first use; blocks on the disk.
   */
  BlindSigningKey forBallot(String ballot) {
    return vault.forBallot(ballot);
  }

  /** This node's key for the ballot if it took one; never makes one. */
  Optional<BlindSigningKey> existing(String ballot) {
    return vault.existing(ballot);
  }
}
