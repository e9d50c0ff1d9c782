/**
 * The auditor's verifier behind {@code votehall verify}: trusts nothing in a bundle, checks every
 * signature and hash, recomputes the result with {@code rules} and compares. Never depends on
 * Vert.x or Hazelcast, so an auditor can trust a small tool.
 */
package org.votehall.audit;
