/**
 * The rules of voting (docs/voting-rules.md): ballot specs, marks, validity, tallies, outcomes and
 * announcement text, for motions, elections, project selections and ratings.
 *
 * <p>Pure and deterministic: records and sealed types over the JDK only, no I/O, no clock, no
 * randomness. An architecture test enforces that.
 */
package org.votehall.rules;
