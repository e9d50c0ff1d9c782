package org.votehall.simulate;

import java.util.HashMap;
import java.util.Map;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.SigningKey;

/**
 * One simulated seat terminal and the deputy at it: its key and id, its home node, and what it
 * holds through the ballot (the blinding in progress at each node, the token, the cast, the
 * receipt). Used from the simulation's context only.
 */
final class Terminal {
  final int index;
  final String id;
  final SigningKey key;
  final String deputy;
  final String pin;
  final int home;

  /** The issue request made for each node's blind key (resent as it is to that node). */
  final Map<Integer, PendingIssue> issues = new HashMap<>();

  /** A node answered already-issued: only a node asked before can have issued it. */
  boolean sawAlreadyIssued;

  boolean checkedIn;
  String token;
  String blindSignature;
  byte[] castBody;
  String expectedReceipt;
  String receipt;
  int ackNode = -1;

  Terminal(int index, String id, SigningKey key, String deputy, String pin, int home) {
    this.index = index;
    this.id = id;
    this.key = key;
    this.deputy = deputy;
    this.pin = pin;
    this.home = home;
  }

  /** A blinded token for one node's key, and the body that asks that node to sign it. */
  record PendingIssue(BlindingClient client, BlindingClient.Request request, byte[] body) {}
}
