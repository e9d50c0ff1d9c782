package org.votehall.hall;

import org.votehall.cluster.ClusterStores;
import org.votehall.cluster.RecordCodec;
import org.votehall.cluster.SignedMap;

/**
 * The hall's maps in the cluster, each a {@link SignedMap}: every record is signed by the node that
 * wrote it, and a record no trusted node signed is reported and read as absent.
 */
final class HallMaps {
  private static final RecordCodec<SittingState> SITTING = RecordCodec.json(SittingState.class);
  private static final RecordCodec<Deputy> DEPUTY = RecordCodec.json(Deputy.class);
  private static final RecordCodec<BallotState> BALLOT = RecordCodec.json(BallotState.class);
  private static final RecordCodec<Enrolments.Pending> ENROLMENT =
      RecordCodec.json(Enrolments.Pending.class);

  private static final RecordCodec<Scrutineers.Named> PANEL =
      RecordCodec.json(Scrutineers.Named.class);
  private static final RecordCodec<Scrutineers.EnrolledKey> SCRUTINEER_KEY =
      RecordCodec.json(Scrutineers.EnrolledKey.class);
  private static final RecordCodec<Scrutineers.Pending> SCRUTINEER_CODE =
      RecordCodec.json(Scrutineers.Pending.class);

  private final ClusterStores stores;

  HallMaps(ClusterStores stores) {
    this.stores = stores;
  }

  SignedMap<SittingState> sittings() {
    return stores.map("sittings", SITTING);
  }

  /** The roster of a sitting: deputy → their record (with the PIN's keyed hash). */
  SignedMap<Deputy> roster(String sitting) {
    return stores.map("roster." + sitting, DEPUTY);
  }

  /**
   * The terminals registered for a sitting: terminal id → Ed25519 key (base64
   * SubjectPublicKeyInfo).
   */
  SignedMap<String> terminals(String sitting) {
    return stores.map("terminals." + sitting, RecordCodec.TEXT);
  }

  /**
   * Who is present: deputy → the terminal they are bound to, or {@link Sittings#NO_TERMINAL} for a
   * deputy the clerk checked in by hand (补签到) who has not yet checked in at a seat.
   */
  SignedMap<String> attendance(String sitting) {
    return stores.map("attendance." + sitting, RecordCodec.TEXT);
  }

  /** Wrong PINs (and checks under way) per deputy; at {@link Sittings#PIN_ATTEMPTS}, locked. */
  SignedMap<Integer> pinAttempts(String sitting) {
    return stores.map("pin-attempts." + sitting, RecordCodec.NUMBER);
  }

  /** SHA-256 of an enrolment code → the terminal it enrols, until used or expired. */
  SignedMap<Enrolments.Pending> enrolments() {
    return stores.map("enrolments", ENROLMENT);
  }

  /** "sitting terminal" → claimed, while a code for that terminal id waits for its tablet. */
  SignedMap<String> enrolmentClaims() {
    return stores.map("enrolment-claims", RecordCodec.TEXT);
  }

  /**
   * Sitting → the ballot opened or announced last there: the hall screen shows it while none is
   * open. Only live steps write it, never a replay: a restarting node's ledger may hold older
   * announcements than the cluster's.
   */
  SignedMap<String> onScreen() {
    return stores.map("on-screen", RecordCodec.TEXT);
  }

  /** Lifecycle transitions go through the CP subsystem where there is one. */
  SignedMap<BallotState> ballots() {
    return stores.linearizable("ballots", BALLOT);
  }

  /** Secret ballots: deputy → digest of the blinded message they were issued a signature for. */
  SignedMap<String> issued(String ballot) {
    return stores.map("issued." + ballot, RecordCodec.TEXT);
  }

  /**
   * A ballot's 实到: every deputy present at some moment while it was open (present at the open, and
   * each arrival before the close); leaving does not take a deputy out.
   */
  SignedMap<String> present(String ballot) {
    return stores.map("present." + ballot, RecordCodec.TEXT);
  }

  /**
   * Nonces of signed terminal requests already seen (keyid + nonce), kept as long as a request is
   * fresh, to refuse replays.
   */
  SignedMap<String> nonces() {
    return stores.map("nonces", RecordCodec.TEXT);
  }

  /** Ballot → its result JSON, once closed. */
  SignedMap<String> results() {
    return stores.map("results", RecordCodec.TEXT);
  }

  /**
   * Ballot → what its countersigning is checked against (the bundle digest, the result, the panel
   * sealed with it): a few hundred bytes, where the bundle is megabytes. Follows the bundle.
   */
  SignedMap<String> seals() {
    return stores.map("seals", RecordCodec.TEXT);
  }

  /**
   * A ballot's bundles other than the one in {@link #bundles}, by digest: a node died between
   * writing its bundle to its ledger and to the map, and another sealed the ballot again. Replay
   * keeps both until it knows which one the scrutineers signed ({@link Reseals}).
   */
  SignedMap<String> resealed(String ballot) {
    return stores.map("resealed." + ballot, RecordCodec.TEXT);
  }

  /** Ballot → its bundle (canonical JSON), once closed. */
  SignedMap<String> bundles() {
    return stores.map("bundles", RecordCodec.TEXT);
  }

  /**
   * Ballot → lifecycle events replayed before the ballot itself was (from another node's ledger),
   * as a JSON array: applied when the ballot is defined, so replay order does not matter.
   */
  SignedMap<String> deferred() {
    return stores.map("replay-deferred", RecordCodec.TEXT);
  }

  /** Node fingerprint → its latest signed ledger checkpoint (JSON), for its peers to witness. */
  SignedMap<String> checkpoints() {
    return stores.map("checkpoints", RecordCodec.TEXT);
  }

  /**
   * "subject witness" → the latest checkpoint of node {@code subject} that node {@code witness}
   * recorded in its ledger: a node whose ledger ends before it refuses to start.
   */
  SignedMap<String> witnessed() {
    return stores.map("witnessed", RecordCodec.TEXT);
  }

  /**
   * Node → replayed: each node puts itself here once it has replayed its ledger into this cluster's
   * memory. Lost with that memory when every node stops, so it names the nodes replayed since.
   */
  SignedMap<String> replays() {
    return stores.map("replays", RecordCodec.TEXT);
  }

  /** Sitting → its scrutineers as the clerk named them last, and how many must countersign. */
  SignedMap<Scrutineers.Named> scrutineers() {
    return stores.map("scrutineers", PANEL);
  }

  /** A sitting's scrutineer id → the key they enrolled, under the name they enrolled as. */
  SignedMap<Scrutineers.EnrolledKey> scrutineerKeys(String sitting) {
    return stores.map("scrutineer-keys." + sitting, SCRUTINEER_KEY);
  }

  /** SHA-256 of a scrutineer's enrolment code → whom it enrols, until used or expired. */
  SignedMap<Scrutineers.Pending> scrutineerCodes() {
    return stores.map("scrutineer-codes", SCRUTINEER_CODE);
  }

  /**
   * A ballot's countersignatures and refusals: scrutineer → what they signed (JSON). Each is
   * checked against the panel sealed in the bundle whenever it is read: the map is not trusted.
   */
  SignedMap<String> countersignatures(String ballot) {
    return stores.map("countersignatures." + ballot, RecordCodec.TEXT);
  }
}
