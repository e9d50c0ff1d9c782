/**
 * The terminal simulator and load generator behind {@code votehall simulate} (docs/simulate.md): N
 * seat terminals over the HTTP API on Vert.x Web Client — enrolment, check-in, the blind-token
 * flow, recorded and secret casts with the real signatures — spread over the nodes with retries,
 * and the checks of every acknowledged receipt against the published bundle and of the result
 * against a recount.
 */
package org.votehall.simulate;
