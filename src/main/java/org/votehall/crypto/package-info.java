/**
 * Ed25519 signatures, RFC 9474 blind RSA signatures, canonical JSON (RFC 8785), digests and
 * password hashing, all on Bouncy Castle. Filled by the issue "Signatures, the tamper-evident
 * ledger, result bundles and verify".
 */
package org.votehall.crypto;
