/**
 * The verifier behind {@code votehall verify}: trusts nothing in a bundle, recomputes every result
 * with {@code rules}. Never depends on Vert.x or Hazelcast. Filled by the issue "Signatures, the
 * tamper-evident ledger, result bundles and verify".
 */
package org.votehall.audit;
