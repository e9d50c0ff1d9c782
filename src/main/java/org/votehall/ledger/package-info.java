/**
 * The append-only, hash-chained ledger of accepted events: group commit, signed checkpoints, the
 * head file that catches a cut ledger, the mixing spool of secret casts, replay, and result
 * bundles. Uses {@code crypto}. Filled by the issue "Signatures, the tamper-evident ledger, result
 * bundles and verify".
 */
package org.votehall.ledger;
