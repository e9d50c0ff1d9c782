/**
 * Secrets a node holds on its own disk and never shares: the blind-signing keys of the secret
 * ballots it issues for ({@link org.votehall.vault.BlindKeyVault}), kept owner-only in its data
 * folder and durable before their public halves are published. Stands on {@code crypto} and the JDK
 * only.
 */
package org.votehall.vault;
