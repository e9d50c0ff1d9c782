/**
 * The cryptography of votehall, all on Bouncy Castle: Ed25519 node and terminal signatures with a
 * purpose bound into every signature, RFC 9474 blind RSA signatures for secret ballots, SHA-256,
 * canonical JSON (RFC 8785) for everything hashed or signed, and Argon2id for PINs and passwords.
 */
package org.votehall.crypto;
