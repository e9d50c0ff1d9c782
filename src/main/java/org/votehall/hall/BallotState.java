package org.votehall.hall;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A ballot as the cluster keeps it: the sitting, the spec as defined (JSON), the lifecycle status,
 * the blind public keys nodes published for it (secret ballots), why it was cancelled, and when a
 * countdown closes it (epoch seconds; 0 for none). With scrutineers: the panel it opened with
 * (JSON, null for none), and who of them countersigned or refused its sealed result — kept here, in
 * the lifecycle's own record, so that announcing and countersigning cannot pass each other.
 */
public record BallotState(
    String sitting,
    String id,
    String spec,
    Status status,
    List<String> blindKeys,
    String note,
    long closesAt,
    String panel,
    List<String> countersigned,
    List<String> refused)
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
    countersigned = countersigned == null ? List.of() : List.copyOf(countersigned);
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /** A ballot of a sitting without scrutineers, or before it opens. */
  public BallotState(
      String sitting,
      String id,
      String spec,
      Status status,
      List<String> blindKeys,
      String note,
      long closesAt) {
    this(sitting, id, spec, status, blindKeys, note, closesAt, null, List.of(), List.of());
  }

  BallotState to(Status next) {
    return new BallotState(
        sitting, id, spec, next, blindKeys, note, closesAt, panel, countersigned, refused);
  }

  BallotState withBlindKey(String key) {
    List<String> keys = new ArrayList<>(blindKeys);
    keys.add(key);
    return new BallotState(
        sitting, id, spec, status, keys, note, closesAt, panel, countersigned, refused);
  }

  BallotState cancelled(String reason) {
    return new BallotState(
        sitting,
        id,
        spec,
        Status.CANCELLED,
        blindKeys,
        reason,
        closesAt,
        panel,
        countersigned,
        refused);
  }

  BallotState closingAt(long epochSeconds) {
    return new BallotState(
        sitting, id, spec, status, blindKeys, note, epochSeconds, panel, countersigned, refused);
  }

  /** The panel it opens with, as {@code Countersigning.Panel#toJson} writes it. */
  BallotState withPanel(String json) {
    return new BallotState(
        sitting, id, spec, status, blindKeys, note, closesAt, json, countersigned, refused);
  }

  /** With {@code scrutineer} among those who countersigned ({@code refusal} false) or refused. */
  BallotState signedBy(String scrutineer, boolean refusal) {
    List<String> signed = new ArrayList<>(countersigned);
    List<String> refusing = new ArrayList<>(refused);
    List<String> list = refusal ? refusing : signed;
    if (!list.contains(scrutineer)) {
      list.add(scrutineer);
      list.sort(null);
    }
    return new BallotState(
        sitting, id, spec, status, blindKeys, note, closesAt, panel, signed, refusing);
  }
}
