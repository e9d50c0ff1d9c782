/**
 * The append-only, hash-chained ledger of accepted events: group commit, signed checkpoints,
 * replay, and result bundles. Uses {@code crypto}. Filled by the issue "Signatures, the
 * tamper-evident ledger, result bundles and verify".
 */
package org.votehall.ledger;
