package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.votehall.crypto.SigningKey;

/** A record holds only in its own map, under its own key, by the node that signed it. */
class RecordSignerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SigningKey a = SigningKey.generate(RANDOM);
  private final SigningKey b = SigningKey.generate(RANDOM);
  private final Incidents incidents = new Incidents(Clock.systemUTC());
  private final RecordSigner signer =
      new RecordSigner(a, List.of(a.verifyingKey(), b.verifyingKey()), incidents);

  @Test
  void aRecordHoldsWhereItWasSigned() {
    SignedRecord r = signer.sign("attendance.s1", "d1", "t1");
    assertTrue(signer.holds("attendance.s1", "d1", r));
    assertEquals(0, incidents.total());
  }

  @Test
  void movedRenamedOrBrokenRecordsDoNotHold() {
    SignedRecord r = signer.sign("attendance.s1", "d1", "t1");
    assertTrue(signer.holds("attendance.s1", "d1", r), "read once, and remembered");
    assertFalse(signer.holds("attendance.s1", "d2", r), "another key");
    assertFalse(signer.holds("attendance.s2", "d1", r), "another map");
    assertFalse(
        signer.holds("attendance.s1", "d1", new SignedRecord("t2", r.node(), r.signature())),
        "another content");
    assertFalse(
        signer.holds(
            "attendance.s1",
            "d1",
            new SignedRecord(r.content(), b.verifyingKey().fingerprint(), r.signature())),
        "the same signature said to be another trusted node's");
    assertFalse(signer.holds("attendance.s1", "d1", new SignedRecord(null, null, null)));
    assertFalse(signer.holds("attendance.s1", "d1", new SignedRecord("t1", r.node(), null)));
    SigningKey stranger = SigningKey.generate(RANDOM);
    RecordSigner untrusted = new RecordSigner(stranger, List.of(), incidents);
    assertFalse(signer.holds("attendance.s1", "d1", untrusted.sign("attendance.s1", "d1", "t1")));
    long reported = incidents.total();
    assertFalse(signer.holds("attendance.s1", "d2", r));
    assertEquals(reported, incidents.total(), "a bad record is reported once, not on every read");
  }
}
