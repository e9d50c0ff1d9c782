package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;
import org.votehall.cluster.CastOutcome;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.CloseGate;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindSigningKey;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.StrictBase64;
import org.votehall.crypto.VerifyingKey;
import org.votehall.format.MalformedException;
import org.votehall.format.MarksJson;
import org.votehall.ledger.BoxEntry;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.CastLimits;
import org.votehall.rules.ItemMarks;
import org.votehall.rules.SelectionSpec;

/**
 * Issuing and casting (docs/architecture.md, secret ballots). A cast passes the close gate, is put
 * in the box ({@code putIfAbsent}: once per deputy or token, an identical retry kept again with the
 * same receipt), and is durable in this node's ledger before it is acknowledged. Calls block: run
 * them on a worker thread.
 */
public final class Casting {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HallMaps maps;
  private final HallLedger ledger;
  private final CastStore casts;
  private final CloseGate gate;
  private final BlindKeyring keyring;
  private final Acknowledgements acks;

  Casting(
      HallMaps maps,
      HallLedger ledger,
      CastStore casts,
      CloseGate gate,
      BlindKeyring keyring,
      Acknowledgements acks) {
    this.maps = maps;
    this.ledger = ledger;
    this.casts = casts;
    this.gate = gate;
    this.keyring = keyring;
    this.acks = acks;
  }

  /** A blind signature, and the ballot key it was made with. */
  public record Issue(String blindSignature, String blindKey) {}

  /** What the deputy keeps: the digest of the cast as the box holds it. */
  public record Receipt(String receipt, boolean retry) {}

  /**
   * This node's blind public key for an open secret ballot, as the ballot lists it: blind the token
   * for it. Only reads: the key was taken when the ballot opened ({@link Ballots#open}). A node
   * that was not up then holds none, and the terminal asks another node.
   */
  public Outcome<String> blindKey(String ballot) {
    BallotState state = maps.ballots().get(ballot);
    Optional<Refusal> refused = openSecret(state, ballot, true).or(() -> holdsKey(state));
    return refused.isPresent()
        ? new Outcome.Refused<>(refused.get())
        : Outcome.done(keyring.forBallot(ballot).publicKey().base64());
  }

  /**
   * Issues a ballot (发出选票) to a deputy checked in at this terminal: signs the blinded token with
   * this node's key for the ballot, once per deputy; an identical retry is signed again.
   */
  public Outcome<Issue> issue(
      String ballot, String deputy, String terminal, String blindKey, byte[] blinded) {
    BallotState state = maps.ballots().get(ballot);
    Optional<Refusal> refused =
        openSecret(state, ballot, true)
            .or(() -> checkedIn(state, deputy, terminal))
            .or(() -> holdsKey(state));
    if (refused.isPresent()) {
      return new Outcome.Refused<>(refused.get());
    }
    BlindSigningKey key = keyring.forBallot(ballot);
    if (!key.publicKey().base64().equals(blindKey)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "this node signs with another key for "
              + ballot
              + "; blind the token for this node's key");
    }
    String digest = Sha256.hex(blinded);
    String before = maps.issued(ballot).putIfAbsent(deputy, digest);
    if (before != null && !before.equals(digest)) {
      return Refusal.refuse(
          Refusal.Code.ALREADY_ISSUED,
          "deputy " + deputy + " was already issued a ballot for " + ballot);
    }
    byte[] signature;
    try {
      signature = key.blindSign(blinded);
    } catch (IllegalArgumentException e) {
      maps.issued(ballot)
          .read(deputy)
          .filter(mine -> mine.value().equals(digest))
          .ifPresent(mine -> maps.issued(ballot).remove(deputy, mine)); // nothing was issued
      return Refusal.refuse(Refusal.Code.MALFORMED, "blindedMessage: " + e.getMessage());
    }
    if (!acks.hasIssued(ballot, deputy)) {
      // The first issue, or a retry whose first answer this node's ledger never recorded (a crash
      // between the map and the ledger, or the first try on another node): recorded here now.
      maps.present(ballot).putIfAbsent(deputy, terminal);
      ledger.record(new LedgerEvent.Issued(ballot, deputy, digest));
      acks.issued(ballot, deputy, digest);
    }
    return Outcome.done(new Issue(Base64.getEncoder().encodeToString(signature), blindKey));
  }

  /** A secret cast: a token signed under one of the ballot's keys and marks, with no identity. */
  public Outcome<Receipt> castSecret(
      String ballot, String token, String blindSignature, String ballotJson) {
    if (!gate.enter(ballot)) {
      return Refusal.refuse(Refusal.Code.NOT_OPEN, "ballot " + ballot + " is closed");
    }
    try {
      BallotState state = maps.ballots().get(ballot);
      Optional<Refusal> refused =
          openSecret(state, ballot, true).or(() -> tokenSigned(state, token, blindSignature));
      if (refused.isPresent()) {
        return new Outcome.Refused<>(refused.get());
      }
      Outcome<ObjectNode> marks = marks(state, ballotJson);
      if (!(marks instanceof Outcome.Done<ObjectNode> valid)) {
        return ((Outcome.Refused<?>) marks).as();
      }
      LedgerEvent.SecretCastKept cast =
          new LedgerEvent.SecretCastKept(
              ballot, new BoxEntry(token, blindSignature, valid.value()));
      return keep(ballot, token, cast.content(), () -> ledger.recordSecret(cast));
    } finally {
      gate.leave(ballot);
    }
  }

  /** A recorded cast: the deputy checked in at the terminal, signed by the terminal's key. */
  public Outcome<Receipt> castRecorded(
      String ballot,
      String deputy,
      String terminal,
      String nonce,
      String ballotJson,
      String signature) {
    if (!gate.enter(ballot)) {
      return Refusal.refuse(Refusal.Code.NOT_OPEN, "ballot " + ballot + " is closed");
    }
    try {
      BallotState state = maps.ballots().get(ballot);
      Optional<Refusal> refused =
          openSecret(state, ballot, false).or(() -> checkedIn(state, deputy, terminal));
      if (refused.isPresent()) {
        return new Outcome.Refused<>(refused.get());
      }
      Outcome<ObjectNode> parsed = marks(state, ballotJson);
      if (!(parsed instanceof Outcome.Done<ObjectNode> valid)) {
        return ((Outcome.Refused<?>) parsed).as();
      }
      ObjectNode marks = valid.value();
      VerifyingKey key = VerifyingKey.fromBase64(maps.terminals(state.sitting()).get(terminal));
      byte[] signed = RecordedCast.signedBytes(ballot, deputy, marks, nonce);
      if (!key.verify(
          SignaturePurpose.RECORDED_CAST,
          signed,
          StrictBase64.base64(signature).orElse(new byte[0]))) {
        return Refusal.refuse(
            Refusal.Code.BAD_SIGNATURE, "the terminal's signature over the cast does not verify");
      }
      LedgerEvent.RecordedCastKept cast =
          new LedgerEvent.RecordedCastKept(
              ballot, new RecordedCast(deputy, terminal, nonce, marks, signature));
      maps.present(ballot).putIfAbsent(deputy, terminal);
      Outcome<Receipt> kept = keep(ballot, deputy, cast.content(), () -> ledger.record(cast));
      if (kept instanceof Outcome.Done<Receipt>) {
        acks.present(ballot, deputy);
      }
      return kept;
    } finally {
      gate.leave(ballot);
    }
  }

  private Outcome<Receipt> keep(String ballot, String voter, ObjectNode content, Runnable durable) {
    CastOutcome outcome = casts.put(ballot, content.toString());
    if (outcome instanceof CastOutcome.AlreadyVoted) {
      return Refusal.refuse(
          Refusal.Code.ALREADY_VOTED,
          "a different cast by the same "
              + (voter.equals(content.path("deputy").asText()) ? "deputy" : "token")
              + " is already in the box");
    }
    durable.run(); // in the map with its backup, now durable here too: only then acknowledged
    CastOutcome.Kept kept = (CastOutcome.Kept) outcome;
    acks.cast(ballot, kept.receipt());
    return Outcome.done(new Receipt(kept.receipt(), kept.retry()));
  }

  private Optional<Refusal> openSecret(BallotState state, String ballot, boolean secret) {
    if (state == null) {
      return Optional.of(new Refusal(Refusal.Code.UNKNOWN, "no ballot " + ballot));
    }
    if (state.status() != BallotState.Status.OPEN) {
      return Optional.of(new Refusal(Refusal.Code.NOT_OPEN, "ballot " + ballot + " is not open"));
    }
    if (Ballots.spec(state).header().secret() != secret) {
      return Optional.of(
          new Refusal(
              Refusal.Code.CONFLICT,
              "ballot "
                  + ballot
                  + " is "
                  + (secret ? "recorded" : "secret")
                  + ": cast it the other way"));
    }
    return Optional.empty();
  }

  private Optional<Refusal> holdsKey(BallotState state) {
    boolean listed =
        keyring
            .existing(state.id())
            .filter(k -> state.blindKeys().contains(k.publicKey().base64()))
            .isPresent();
    return listed
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                Refusal.Code.CONFLICT,
                "this node holds no key for ballot "
                    + state.id()
                    + " (it was not up when the ballot opened): ask another node"));
  }

  private Optional<Refusal> checkedIn(BallotState state, String deputy, String terminal) {
    String at = maps.attendance(state.sitting()).get(deputy);
    return terminal.equals(at) && maps.terminals(state.sitting()).containsKey(terminal)
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                Refusal.Code.NOT_CHECKED_IN,
                "deputy " + deputy + " is not checked in at terminal " + terminal));
  }

  private static Optional<Refusal> tokenSigned(
      BallotState state, String token, String blindSignature) {
    Optional<byte[]> t = StrictBase64.base64Url(token);
    Optional<byte[]> sig = StrictBase64.base64(blindSignature);
    boolean valid =
        t.isPresent()
            && sig.isPresent()
            && state.blindKeys().stream()
                .map(BlindPublicKey::fromBase64)
                .anyMatch(k -> k.verify(t.get(), sig.get()));
    return valid
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                Refusal.Code.NOT_ISSUED,
                "the token's signature does not verify under any of the ballot's keys"));
  }

  /**
   * The docs/formats.md marks object of a cast ({@code marks}, and {@code writeIns} in an
   * election), or why it is refused: malformed (docs/formats.md), or a selection marking more than
   * K projects. On paper that ballot would be void (docs/voting-rules.md §3); a terminal refuses it
   * instead, so no deputy voids a selection by a slip (the issue's over-selection refusal).
   */
  private static Outcome<ObjectNode> marks(BallotState state, String ballotJson) {
    BallotSpec spec = Ballots.spec(state);
    try {
      var parsed = MarksJson.parse(spec, ballotJson);
      if (spec instanceof SelectionSpec s && parsed instanceof ItemMarks m && s.overSelected(m)) {
        return Refusal.refuse(
            Refusal.Code.MALFORMED,
            "over-selection: at most " + s.select() + " projects may be marked for");
      }
      Optional<String> tooMuch = CastLimits.problem(spec, parsed);
      if (tooMuch.isPresent()) {
        return Refusal.refuse(Refusal.Code.MALFORMED, "marks: " + tooMuch.get());
      }
    } catch (MalformedException e) {
      return Refusal.refuse(Refusal.Code.MALFORMED, "marks: " + e.getMessage());
    }
    JsonNode json = Sealing.read(ballotJson);
    ObjectNode marks = JSON.createObjectNode();
    marks.set("marks", json.get("marks"));
    if (json.has("writeIns")) {
      marks.set("writeIns", json.get("writeIns"));
    }
    return Outcome.done(marks);
  }
}
