package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One accepted event in a node's ledger: its sequence number (from 1), the hash of the entry before
 * it ({@link #GENESIS} for the first), its type and payload, and its own hash — SHA-256 over the
 * canonical JSON of {@code {payload, prev, seq, type}}.
 */
public record LedgerEntry(long seq, String prev, String type, ObjectNode payload, String hash) {
  /** The {@code prev} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  public LedgerEntry {
    payload = payload.deepCopy();
  }

  @Override
  public ObjectNode payload() {
    return payload.deepCopy();
  }
}
