package org.votehall.hall;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A ballot as the cluster keeps it: the sitting, the spec as defined (JSON), the lifecycle status,
 * the blind public keys nodes published for it (secret ballots), and why it was cancelled.
 */
public record BallotState(
    String sitting, String id, String spec, Status status, List<String> blindKeys, String note)
    implements Serializable {

  /** draft → open → closing → closed → announced; or cancelled (ARCHITECTURE.md). */
  public enum Status {
    DRAFT,
    OPEN,
    CLOSING,
    CLOSED,
    ANNOUNCED,
    CANCELLED
  }

  public BallotState {
    blindKeys = List.copyOf(blindKeys);
  }

  BallotState to(Status next) {
    return new BallotState(sitting, id, spec, next, blindKeys, note);
  }

  BallotState withBlindKey(String key) {
    List<String> keys = new ArrayList<>(blindKeys);
    keys.add(key);
    return new BallotState(sitting, id, spec, status, keys, note);
  }

  BallotState cancelled(String reason) {
    return new BallotState(sitting, id, spec, Status.CANCELLED, blindKeys, reason);
  }
}
