package org.votehall.hall;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.votehall.cluster.HazelcastConfigs;

/** The hall's maps in the cluster; every name starts with {@link HazelcastConfigs#VOTING_MAPS}. */
final class HallMaps {
  private final HazelcastInstance hazelcast;

  HallMaps(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  IMap<String, SittingState> sittings() {
    return map("sittings");
  }

  /** The roster of a sitting: deputy → their record (with the PIN's Argon2id hash). */
  IMap<String, Deputy> roster(String sitting) {
    return map("roster." + sitting);
  }

  /**
   * The terminals registered for a sitting: terminal id → Ed25519 key (base64
   * SubjectPublicKeyInfo).
   */
  IMap<String, String> terminals(String sitting) {
    return map("terminals." + sitting);
  }

  /**
   * Who is present: deputy → the terminal they are bound to, or {@link Sittings#NO_TERMINAL} for a
   * deputy the clerk checked in by hand (补签到) who has not yet checked in at a seat.
   */
  IMap<String, String> attendance(String sitting) {
    return map("attendance." + sitting);
  }

  /** Wrong PINs (and checks under way) per deputy; at {@link Sittings#PIN_ATTEMPTS}, locked. */
  IMap<String, Integer> pinAttempts(String sitting) {
    return map("pin-attempts." + sitting);
  }

  IMap<String, BallotState> ballots() {
    return map("ballots");
  }

  /** Secret ballots: deputy → digest of the blinded message they were issued a signature for. */
  IMap<String, String> issued(String ballot) {
    return map("issued." + ballot);
  }

  /** Node fingerprint → Ed25519 public key (base64 SPKI), for the bundles' node keys. */
  IMap<String, String> nodeKeys() {
    return map("nodes");
  }

  /**
   * Nonces of signed terminal requests already seen (keyid + nonce), kept a while to refuse
   * replays.
   */
  IMap<String, Boolean> nonces() {
    return map("nonces");
  }

  /** Ballot → its result JSON, once closed. */
  IMap<String, String> results() {
    return map("results");
  }

  /** Ballot → its bundle (canonical JSON), once closed. */
  IMap<String, String> bundles() {
    return map("bundles");
  }

  private <K, V> IMap<K, V> map(String name) {
    return hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + name);
  }
}
