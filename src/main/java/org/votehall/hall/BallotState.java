package org.votehall.hall;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A ballot as the cluster keeps it: the sitting, the spec as defined (JSON), the lifecycle status,
 * the blind public keys nodes published for it (secret ballots), why it was cancelled, and when a
 * countdown closes it (epoch seconds; 0 for none).
 */
public record BallotState(
    String sitting,
    String id,
    String spec,
    Status status,
    List<String> blindKeys,
    String note,
    long closesAt)
    implements Serializable {

  /** draft → open → closing → closed → announced; or cancelled (docs/architecture.md). */
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
    return new BallotState(sitting, id, spec, next, blindKeys, note, closesAt);
  }

  BallotState withBlindKey(String key) {
    List<String> keys = new ArrayList<>(blindKeys);
    keys.add(key);
    return new BallotState(sitting, id, spec, status, keys, note, closesAt);
  }

  BallotState cancelled(String reason) {
    return new BallotState(sitting, id, spec, Status.CANCELLED, blindKeys, reason, closesAt);
  }

  BallotState closingAt(long epochSeconds) {
    return new BallotState(sitting, id, spec, status, blindKeys, note, epochSeconds);
  }
}
