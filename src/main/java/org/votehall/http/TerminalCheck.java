package org.votehall.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.VerifyingKey;
import org.votehall.hall.Outcome;
import org.votehall.hall.Refusal;
import org.votehall.hall.Sittings;

/**
 * Checks that a request comes from a terminal registered for the sitting (RFC 9421, {@link
 * MessageSignature}): the signature holds over method, path and body digest, {@code created} is
 * within two minutes of now and not before this node started serving, and the nonce was never seen.
 * Blocks on the cluster: call on a worker.
 */
final class TerminalCheck {
  private final Sittings sittings;
  private final Clock clock;
  private final Instant servingSince;

  TerminalCheck(Sittings sittings, Clock clock, Instant servingSince) {
    this.sittings = sittings;
    this.clock = clock;
    this.servingSince = servingSince;
  }

  /** The terminal's id, or why the request is refused. */
  Outcome<String> terminal(RoutingContext rc, String sitting) {
    return signer(rc, sitting, "terminal", "", keyid -> sittings.terminalKey(sitting, keyid));
  }

  /**
   * The scrutineer's id, for a request signed with a scrutineer's enrolled key; their nonces are
   * kept apart from the terminals'.
   */
  Outcome<String> scrutineer(
      RoutingContext rc,
      String sitting,
      java.util.function.Function<String, Optional<VerifyingKey>> keys) {
    return signer(rc, sitting, "scrutineer", "scrutineer ", keys);
  }

  private Outcome<String> signer(
      RoutingContext rc,
      String sitting,
      String who,
      String noncePrefix,
      java.util.function.Function<String, Optional<VerifyingKey>> keys) {
    byte[] body = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    String input = rc.request().getHeader("Signature-Input");
    String signature = rc.request().getHeader("Signature");
    String digest = rc.request().getHeader("Content-Digest");
    Optional<String> problem = MessageSignature.problem(input, signature, digest, body);
    if (problem.isPresent()) {
      return Refusal.refuse(Refusal.Code.BAD_SIGNATURE, problem.get());
    }
    MessageSignature.Claim claim =
        MessageSignature.parse(
                input, signature, rc.request().method().name(), rc.request().path(), digest)
            .orElseThrow();
    Instant now = clock.instant();
    MessageSignature.Timing timing = MessageSignature.timing(claim.created(), now, servingSince);
    if (timing == MessageSignature.Timing.OUT_OF_WINDOW) {
      return Refusal.refuse(
          Refusal.Code.BAD_SIGNATURE,
          "the signature's created time "
              + claim.created()
              + " is more than two minutes from the server's "
              + now);
    }
    if (timing == MessageSignature.Timing.BEFORE_START) {
      return Refusal.refuse(
          Refusal.Code.SIGNED_BEFORE_START,
          "the request was signed at "
              + claim.created()
              + ", before this node started serving at "
              + servingSince.truncatedTo(ChronoUnit.SECONDS)
              + ": sign it again now, with a new created time and a new nonce");
    }
    Optional<VerifyingKey> key = keys.apply(claim.keyid());
    if (key.isEmpty()
        || !key.get().verify(SignaturePurpose.HTTP_MESSAGE, claim.base(), claim.signature())) {
      return Refusal.refuse(
          Refusal.Code.BAD_SIGNATURE,
          "the request is not signed by " + who + " " + claim.keyid() + " of sitting " + sitting);
    }
    if (!sittings.firstUse(
        noncePrefix + claim.keyid(), claim.nonce(), MessageSignature.NONCE_TTL)) {
      return Refusal.refuse(
          Refusal.Code.BAD_SIGNATURE,
          "replayed: " + who + " " + claim.keyid() + " already used nonce " + claim.nonce());
    }
    return Outcome.done(claim.keyid());
  }
}
