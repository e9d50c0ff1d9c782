package org.votehall.hall;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An expected refusal (docs/style.md §3): what was refused and why, stating the facts. Changes
 * nothing. Details, where there are any, list what a page must show one by one (every bad line of a
 * roster, every candidate-count warning): names to plain lists of values.
 */
public record Refusal(Code code, String message, Map<String, List<Object>> details) {

  public Refusal {
    details = Map.copyOf(details);
  }

  public Refusal(Code code, String message) {
    this(code, message, Map.of());
  }

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
    /** An enrolment code that is wrong, used or expired. */
    BAD_CODE,
    /** A receipt looked up in a ballot whose result is not announced yet. */
    NOT_ANNOUNCED,
    /** Sealing found the box differing from the nodes' ledgers (an incident): not sealed. */
    SEAL_REFUSED,
    /** Announcing a result fewer scrutineers countersigned than must. */
    AWAITING_COUNTERSIGNATURES,
    /** Announcing a result a scrutineer refused to countersign. */
    COUNTERSIGN_REFUSED;

    /** As the API writes it: {@code already-voted}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static <T> Outcome<T> refuse(Code code, String message) {
    return new Outcome.Refused<>(new Refusal(code, message));
  }

  /** A refusal with a list a page shows item by item, under {@code name}. */
  public static <T> Outcome<T> refuse(
      Code code, String message, String name, List<? extends Object> items) {
    return new Outcome.Refused<>(new Refusal(code, message, Map.of(name, List.copyOf(items))));
  }
}
