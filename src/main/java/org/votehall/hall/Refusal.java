package org.votehall.hall;

import java.util.Locale;

/**
 * An expected refusal (docs/style.md §3): what was refused and why, stating the facts. Changes
 * nothing.
 */
public record Refusal(Code code, String message) {

  /** The kinds of refusal; the HTTP layer maps each to one status, in one place. */
  public enum Code {
    MALFORMED,
    UNKNOWN,
    WRONG_PIN,
    LOCKED,
    NOT_CHECKED_IN,
    NOT_OPEN,
    NOT_ISSUED,
    ALREADY_VOTED,
    ALREADY_ISSUED,
    NO_QUORUM,
    BAD_SIGNATURE,
    /** A terminal request signed before the node started serving: to be signed again. */
    SIGNED_BEFORE_START,
    CONFLICT,
    /** Sealing found the box differing from the nodes' ledgers (an incident): not sealed. */
    SEAL_REFUSED;

    /** As the API writes it: {@code already-voted}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static <T> Outcome<T> refuse(Code code, String message) {
    return new Outcome.Refused<>(new Refusal(code, message));
  }
}
