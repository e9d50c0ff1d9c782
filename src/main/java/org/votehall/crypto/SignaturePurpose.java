package org.votehall.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. Its tag is signed in front of the message, so a signature made for one
 * purpose never verifies for another (domain separation). Pure Ed25519 with a prefix, rather than
 * Ed25519ctx, because browsers' WebCrypto signs pure Ed25519 only.
 */
public enum SignaturePurpose {
  LEDGER_CHECKPOINT("votehall/ledger-checkpoint/v1"),
  RESULT("votehall/result/v1"),
  BUNDLE("votehall/bundle/v1"),
  RECORDED_CAST("votehall/recorded-cast/v1"),
  CLUSTER_RECORD("votehall/cluster-record/v1"),
  /** A node's statement that it accepted a cast into a ballot's box: {@link CastAcceptance}. */
  CAST_ACCEPTANCE("votehall/cast-acceptance/v1"),
  /** A scrutineer's countersignature of a sealed result (docs/scrutineers.md). */
  COUNTERSIGNATURE("votehall/countersignature/v1"),
  /** A scrutineer's signed refusal to countersign a sealed result, with the reason. */
  COUNTERSIGN_REFUSAL("votehall/countersign-refusal/v1"),
  /**
   * An RFC 9421 HTTP message signature: the RFC defines the signed bytes (the signature base), so
   * nothing is put in front. A base always starts with {@code "@} or a quoted field name, never
   * with {@code votehall/}, so it cannot pass for a message of another purpose.
   */
  HTTP_MESSAGE(null);

  private final byte[] prefix;

  SignaturePurpose(String tag) {
    if (tag == null) {
      prefix = new byte[0];
      return;
    }
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    prefix = new byte[t.length + 1]; // the tag, then a NUL: no tag is a prefix of another's message
    System.arraycopy(t, 0, prefix, 0, t.length);
  }

  byte[] prefix() {
    return prefix.clone();
  }
}
