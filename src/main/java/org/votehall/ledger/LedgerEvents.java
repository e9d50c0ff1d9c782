package org.votehall.ledger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.votehall.ledger.LedgerEvent.BallotAnnounced;
import org.votehall.ledger.LedgerEvent.BallotCancelled;
import org.votehall.ledger.LedgerEvent.BallotClosed;
import org.votehall.ledger.LedgerEvent.BallotDefined;
import org.votehall.ledger.LedgerEvent.BallotOpened;
import org.votehall.ledger.LedgerEvent.BlindKeyPublished;
import org.votehall.ledger.LedgerEvent.BundleSealed;
import org.votehall.ledger.LedgerEvent.CancelReason;
import org.votehall.ledger.LedgerEvent.CheckedIn;
import org.votehall.ledger.LedgerEvent.CheckpointWritten;
import org.votehall.ledger.LedgerEvent.CountersignRefused;
import org.votehall.ledger.LedgerEvent.Countersigned;
import org.votehall.ledger.LedgerEvent.DeputyLocked;
import org.votehall.ledger.LedgerEvent.DeputyUnlocked;
import org.votehall.ledger.LedgerEvent.Issued;
import org.votehall.ledger.LedgerEvent.Left;
import org.votehall.ledger.LedgerEvent.RecordedCastKept;
import org.votehall.ledger.LedgerEvent.ScrutineerEnrolled;
import org.votehall.ledger.LedgerEvent.ScrutineersNamed;
import org.votehall.ledger.LedgerEvent.SecretCastKept;
import org.votehall.ledger.LedgerEvent.SittingCreated;
import org.votehall.ledger.LedgerEvent.TerminalRegistered;
import org.votehall.ledger.LedgerEvent.Witnessed;

/**
 * The one codec of ledger events (docs/ledger-events.md): an event to its type string and payload,
 * and a ledger entry back to its event. Payloads are those the hall has always written, so older
 * ledgers still decode; fields the payload does not name are ignored, and an optional list is
 * written only when it is not empty, so that an event without it reads as it always did.
 */
public final class LedgerEvents {
  private LedgerEvents() {}

  /** An event as the ledger takes it: {@link Ledger#append(String, ObjectNode)}. */
  public record Encoded(String type, ObjectNode payload) {
    public Encoded {
      payload = payload.deepCopy();
    }

    @Override
    public ObjectNode payload() {
      return payload.deepCopy();
    }
  }

  public static Encoded encode(LedgerEvent event) {
    Encoder encoder = new Encoder();
    event.accept(encoder);
    return new Encoded(encoder.type, encoder.payload);
  }

  /** Every type string this codec decodes. */
  public static Set<String> types() {
    return DECODERS.keySet();
  }

  public static LedgerEvent decode(LedgerEntry entry) throws MalformedEventException {
    return decode(entry.seq(), entry.type(), entry.payload());
  }

  /** Reads an event; refuses an unknown type, or a payload that is not the type's. */
  public static LedgerEvent decode(long seq, String type, ObjectNode payload)
      throws MalformedEventException {
    Decoder decoder = DECODERS.get(type);
    if (decoder == null) {
      throw new MalformedEventException(seq, type, "type", "not an event type votehall knows");
    }
    return decoder.decode(new EventFields(seq, type, payload, ""));
  }

  @FunctionalInterface
  private interface Decoder {
    LedgerEvent decode(EventFields p) throws MalformedEventException;
  }

  private static final Map<String, Decoder> DECODERS =
      Map.ofEntries(
          Map.entry(SittingCreated.TYPE, LedgerEvents::sittingCreated),
          Map.entry(
              TerminalRegistered.TYPE,
              p -> new TerminalRegistered(p.text("sitting"), p.text("terminal"), p.text("key"))),
          Map.entry(CheckedIn.TYPE, LedgerEvents::checkedIn),
          Map.entry(DeputyLocked.TYPE, p -> new DeputyLocked(p.text("sitting"), p.text("deputy"))),
          Map.entry(
              DeputyUnlocked.TYPE, p -> new DeputyUnlocked(p.text("sitting"), p.text("deputy"))),
          Map.entry(Left.TYPE, p -> new Left(p.text("sitting"), p.text("deputy"))),
          Map.entry(
              BallotDefined.TYPE,
              p -> new BallotDefined(p.text("sitting"), p.text("ballot"), p.text("spec"))),
          Map.entry(BallotOpened.TYPE, LedgerEvents::ballotOpened),
          Map.entry(
              BlindKeyPublished.TYPE, p -> new BlindKeyPublished(p.text("ballot"), p.text("key"))),
          Map.entry(
              Issued.TYPE, p -> new Issued(p.text("ballot"), p.text("deputy"), p.text("digest"))),
          Map.entry(SecretCastKept.TYPE, LedgerEvents::secretCast),
          Map.entry(RecordedCastKept.TYPE, LedgerEvents::recordedCast),
          Map.entry(
              BallotClosed.TYPE,
              p -> new BallotClosed(p.text("ballot"), p.integer("returned"), p.object("result"))),
          Map.entry(BallotAnnounced.TYPE, LedgerEvents::ballotAnnounced),
          Map.entry(BallotCancelled.TYPE, LedgerEvents::ballotCancelled),
          Map.entry(CancelReason.TYPE, p -> new CancelReason(p.text("ballot"), p.text("reason"))),
          Map.entry(CheckpointWritten.TYPE, p -> new CheckpointWritten(checkpoint(p))),
          Map.entry(Witnessed.TYPE, p -> new Witnessed(checkpoint(p.at("checkpoint")))),
          Map.entry(BundleSealed.TYPE, LedgerEvents::bundleSealed),
          Map.entry(ScrutineersNamed.TYPE, LedgerEvents::scrutineersNamed),
          Map.entry(
              ScrutineerEnrolled.TYPE,
              p ->
                  new ScrutineerEnrolled(
                      p.text("sitting"),
                      p.text("scrutineer"),
                      p.text("name"),
                      p.text("key"),
                      p.whole("at"))),
          Map.entry(
              Countersigned.TYPE,
              p ->
                  new Countersigned(
                      p.text("ballot"),
                      new Countersigning.Countersignature(
                          p.text("scrutineer"), p.text("signedAt"), p.text("signature")))),
          Map.entry(
              CountersignRefused.TYPE,
              p ->
                  new CountersignRefused(
                      p.text("ballot"),
                      new Countersigning.Refusal(
                          p.text("scrutineer"),
                          p.text("signedAt"),
                          p.text("reason"),
                          p.text("signature")))));

  private static ScrutineersNamed scrutineersNamed(EventFields p) throws MalformedEventException {
    List<ScrutineersNamed.Named> named = new java.util.ArrayList<>();
    for (EventFields s : p.objects("scrutineers")) {
      named.add(new ScrutineersNamed.Named(s.text("id"), s.text("name"), s.optionalText("deputy")));
    }
    return new ScrutineersNamed(
        p.text("sitting"), p.integer("version"), p.integer("required"), named);
  }

  private static SittingCreated sittingCreated(EventFields p) throws MalformedEventException {
    EventFields q = p.at("quorum");
    List<SittingCreated.Deputy> roster = new java.util.ArrayList<>();
    for (EventFields d : p.objects("roster")) {
      roster.add(new SittingCreated.Deputy(d.text("id"), d.text("name"), d.text("pinHash")));
    }
    return new SittingCreated(
        p.text("sitting"),
        p.text("title"),
        p.integer("members"),
        new SittingCreated.Quorum(
            q.integer("numerator"), q.integer("denominator"), q.bool("strict")),
        roster);
  }

  /**
   * At a terminal, or by the clerk ({@code byClerk}); older ledgers bound a hand check-in to the
   * pseudo-terminal {@code clerk} instead.
   */
  private static CheckedIn checkedIn(EventFields p) throws MalformedEventException {
    Optional<String> terminal =
        p.optionalText("terminal").filter(t -> !t.equals(CheckedIn.LEGACY_CLERK_TERMINAL));
    boolean legacyClerk = p.has("terminal") && terminal.isEmpty();
    if (terminal.isEmpty() && !legacyClerk && !p.bool("byClerk")) {
      throw p.problem(p.path("byClerk"), "false, but the check-in names no terminal");
    }
    return new CheckedIn(p.text("sitting"), p.text("deputy"), terminal, p.optionalTexts("ballots"));
  }

  /** {@code closesAt} came with countdowns: a ballot opened before them has none. */
  private static BallotOpened ballotOpened(EventFields p) throws MalformedEventException {
    return new BallotOpened(
        p.text("ballot"),
        p.integer("present"),
        p.has("closesAt") ? p.whole("closesAt") : 0,
        p.texts("blindKeys"),
        p.optionalTexts("presentDeputies"),
        p.has("scrutineers") ? Optional.of(p.object("scrutineers")) : Optional.empty());
  }

  private static SecretCastKept secretCast(EventFields p) throws MalformedEventException {
    return new SecretCastKept(
        p.text("ballot"), new BoxEntry(p.text("token"), p.text("blindSignature"), marks(p)));
  }

  private static RecordedCastKept recordedCast(EventFields p) throws MalformedEventException {
    return new RecordedCastKept(
        p.text("ballot"),
        new RecordedCast(
            p.text("deputy"), p.text("terminal"), p.text("nonce"), marks(p), p.text("signature")));
  }

  /**
   * The docs/formats.md marks object of a cast: {@code marks}, and {@code writeIns} exactly as the
   * cast gave it (even {@code null}), since the receipt is a digest of the cast as kept.
   */
  private static ObjectNode marks(EventFields p) throws MalformedEventException {
    ObjectNode marks = EntryCodec.JSON.createObjectNode();
    marks.set("marks", p.object("marks"));
    if (p.node().has("writeIns")) {
      marks.set("writeIns", p.node().get("writeIns").deepCopy());
    }
    return marks;
  }

  private static BallotAnnounced ballotAnnounced(EventFields p) throws MalformedEventException {
    p.word("status", BallotAnnounced.STATUS);
    return new BallotAnnounced(p.text("ballot"));
  }

  private static BallotCancelled ballotCancelled(EventFields p) throws MalformedEventException {
    p.word("status", BallotCancelled.STATUS);
    return new BallotCancelled(p.text("ballot"), p.text("reason"));
  }

  private static Checkpoint checkpoint(EventFields p) throws MalformedEventException {
    return new Checkpoint(p.text("node"), p.whole("seq"), p.text("head"), p.text("signature"));
  }

  private static BundleSealed bundleSealed(EventFields p) throws MalformedEventException {
    String bundle = p.text("bundle");
    if (!BundleSealed.isCanonical(bundle)) {
      throw p.problem(p.path("bundle"), "not canonical JSON text");
    }
    return new BundleSealed(p.text("ballot"), bundle);
  }

  /** Writes each event's payload; {@link LedgerEvent.Visitor} makes it say so for every one. */
  private static final class Encoder implements LedgerEvent.Visitor {
    private String type;
    private ObjectNode payload;

    private ObjectNode start(String type) {
      this.type = type;
      this.payload = EntryCodec.JSON.createObjectNode();
      return payload;
    }

    @Override
    public void visit(SittingCreated e) {
      ObjectNode p =
          start(SittingCreated.TYPE)
              .put("sitting", e.sitting())
              .put("title", e.title())
              .put("members", e.members());
      p.putObject("quorum")
          .put("numerator", e.quorum().numerator())
          .put("denominator", e.quorum().denominator())
          .put("strict", e.quorum().strict());
      ArrayNode roster = p.putArray("roster");
      e.roster()
          .forEach(
              d ->
                  roster
                      .addObject()
                      .put("id", d.id())
                      .put("name", d.name())
                      .put("pinHash", d.pinHash()));
    }

    @Override
    public void visit(TerminalRegistered e) {
      start(TerminalRegistered.TYPE)
          .put("sitting", e.sitting())
          .put("terminal", e.terminal())
          .put("key", e.key());
    }

    @Override
    public void visit(CheckedIn e) {
      ObjectNode p = start(CheckedIn.TYPE).put("sitting", e.sitting()).put("deputy", e.deputy());
      e.terminal().ifPresentOrElse(t -> p.put("terminal", t), () -> p.put("byClerk", true));
      texts(p, "ballots", e.ballots());
    }

    @Override
    public void visit(DeputyLocked e) {
      start(DeputyLocked.TYPE).put("sitting", e.sitting()).put("deputy", e.deputy());
    }

    @Override
    public void visit(DeputyUnlocked e) {
      start(DeputyUnlocked.TYPE).put("sitting", e.sitting()).put("deputy", e.deputy());
    }

    @Override
    public void visit(Left e) {
      start(Left.TYPE).put("sitting", e.sitting()).put("deputy", e.deputy());
    }

    @Override
    public void visit(BallotDefined e) {
      start(BallotDefined.TYPE)
          .put("sitting", e.sitting())
          .put("ballot", e.ballot())
          .put("spec", e.spec());
    }

    @Override
    public void visit(BallotOpened e) {
      ObjectNode p =
          start(BallotOpened.TYPE)
              .put("ballot", e.ballot())
              .put("present", e.present())
              .put("closesAt", e.closesAt());
      e.blindKeys().forEach(p.putArray("blindKeys")::add);
      texts(p, "presentDeputies", e.presentDeputies());
      e.scrutineers().ifPresent(panel -> p.set("scrutineers", panel));
    }

    @Override
    public void visit(BlindKeyPublished e) {
      start(BlindKeyPublished.TYPE).put("ballot", e.ballot()).put("key", e.key());
    }

    @Override
    public void visit(Issued e) {
      start(Issued.TYPE)
          .put("ballot", e.ballot())
          .put("deputy", e.deputy())
          .put("digest", e.digest());
    }

    @Override
    public void visit(SecretCastKept e) {
      cast(SecretCastKept.TYPE, e.content(), e.ballot());
    }

    @Override
    public void visit(RecordedCastKept e) {
      cast(RecordedCastKept.TYPE, e.content(), e.ballot());
    }

    @Override
    public void visit(BallotClosed e) {
      start(BallotClosed.TYPE)
          .put("ballot", e.ballot())
          .put("returned", e.returned())
          .set("result", e.result());
    }

    @Override
    public void visit(BallotAnnounced e) {
      start(BallotAnnounced.TYPE).put("ballot", e.ballot()).put("status", BallotAnnounced.STATUS);
    }

    @Override
    public void visit(BallotCancelled e) {
      start(BallotCancelled.TYPE)
          .put("ballot", e.ballot())
          .put("status", BallotCancelled.STATUS)
          .put("reason", e.reason());
    }

    @Override
    public void visit(CancelReason e) {
      start(CancelReason.TYPE).put("ballot", e.ballot()).put("reason", e.reason());
    }

    @Override
    public void visit(CheckpointWritten e) {
      start(CheckpointWritten.TYPE).setAll(e.checkpoint().toJson());
    }

    @Override
    public void visit(Witnessed e) {
      start(Witnessed.TYPE).set("checkpoint", e.checkpoint().toJson());
    }

    @Override
    public void visit(BundleSealed e) {
      start(BundleSealed.TYPE).put("ballot", e.ballot()).put("bundle", e.bundle());
    }

    @Override
    public void visit(ScrutineersNamed e) {
      ObjectNode p =
          start(ScrutineersNamed.TYPE)
              .put("sitting", e.sitting())
              .put("version", e.version())
              .put("required", e.required());
      ArrayNode list = p.putArray("scrutineers");
      e.scrutineers()
          .forEach(
              n -> {
                ObjectNode o = list.addObject().put("id", n.id()).put("name", n.name());
                n.deputy().ifPresent(d -> o.put("deputy", d));
              });
    }

    @Override
    public void visit(ScrutineerEnrolled e) {
      start(ScrutineerEnrolled.TYPE)
          .put("sitting", e.sitting())
          .put("scrutineer", e.scrutineer())
          .put("name", e.name())
          .put("key", e.key())
          .put("at", e.at());
    }

    @Override
    public void visit(Countersigned e) {
      start(Countersigned.TYPE).put("ballot", e.ballot()).setAll(e.countersignature().toJson());
    }

    @Override
    public void visit(CountersignRefused e) {
      start(CountersignRefused.TYPE).put("ballot", e.ballot()).setAll(e.refusal().toJson());
    }

    /** A cast's payload: the cast as the box keeps it, and the ballot it is for. */
    private void cast(String type, ObjectNode content, String ballot) {
      ObjectNode p = start(type);
      p.setAll(content);
      p.put("ballot", ballot);
    }

    /** An optional list, written only when it holds something (older ledgers lack it). */
    private static void texts(ObjectNode p, String name, List<String> values) {
      if (!values.isEmpty()) {
        values.forEach(p.putArray(name)::add);
      }
    }
  }
}
