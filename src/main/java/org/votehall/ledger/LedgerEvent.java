package org.votehall.ledger;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.votehall.crypto.CanonicalJson;

/**
 * Every kind of event a node's ledger holds, one record per type string (docs/ledger-events.md).
 * {@link LedgerEvents} turns them into ledger payloads and back. Java 17 has no pattern switch over
 * a sealed type, so a {@link Visitor} stands in for one: adding an event breaks every visitor's
 * build until it says what the new event means.
 */
public sealed interface LedgerEvent {

  void accept(Visitor visitor);

  /** One method per event: whoever applies events must say what each one does. */
  interface Visitor {
    void visit(SittingCreated e);

    void visit(TerminalRegistered e);

    void visit(CheckedIn e);

    void visit(DeputyLocked e);

    void visit(DeputyUnlocked e);

    void visit(Left e);

    void visit(BallotDefined e);

    void visit(BallotOpened e);

    void visit(BlindKeyPublished e);

    void visit(Issued e);

    void visit(SecretCastKept e);

    void visit(RecordedCastKept e);

    void visit(BallotClosed e);

    void visit(BallotAnnounced e);

    void visit(BallotCancelled e);

    void visit(CancelReason e);

    void visit(CheckpointWritten e);

    void visit(Witnessed e);

    void visit(BundleSealed e);

    void visit(ScrutineersNamed e);

    void visit(ScrutineerEnrolled e);

    void visit(Countersigned e);

    void visit(CountersignRefused e);
  }

  /**
   * A sitting with everything needed to rebuild it: its size (应到), quorum and roster, PIN hashes
   * included. The roster is kept in deputy order: its first deputy's hash is the sitting's decoy.
   */
  record SittingCreated(
      String sitting, String title, int members, Quorum quorum, List<Deputy> roster)
      implements LedgerEvent {
    public static final String TYPE = "sitting-created";

    public SittingCreated {
      requireNonNull(sitting, "sitting");
      requireNonNull(title, "title");
      requireNonNull(quorum, "quorum");
      roster = roster.stream().sorted(Comparator.comparing(Deputy::id)).toList();
    }

    /** A deputy on the roster: number, name, Argon2id hash of the PIN. */
    public record Deputy(String id, String name, String pinHash) {
      public Deputy {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(pinHash, "pinHash");
      }
    }

    /** At least ({@code strict} false) or more than numerator/denominator of the roster. */
    public record Quorum(int numerator, int denominator, boolean strict) {}

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** The clerk registered a terminal's Ed25519 public key (base64) for the sitting. */
  record TerminalRegistered(String sitting, String terminal, String key) implements LedgerEvent {
    public static final String TYPE = "terminal-registered";

    public TerminalRegistered {
      requireNonNull(sitting, "sitting");
      requireNonNull(terminal, "terminal");
      requireNonNull(key, "key");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * 签到: a deputy checked in at a terminal with their PIN, or by the clerk's hand (补签到, no
   * terminal); {@code ballots} are the open ballots they joined as present, in the order written.
   */
  record CheckedIn(String sitting, String deputy, Optional<String> terminal, List<String> ballots)
      implements LedgerEvent {
    public static final String TYPE = "checked-in";

    /**
     * The pseudo-terminal hand check-ins were once bound to: an older ledger's check-in "at" it was
     * the clerk's, and no terminal may take its id.
     */
    public static final String LEGACY_CLERK_TERMINAL = "clerk";

    public CheckedIn {
      requireNonNull(sitting, "sitting");
      requireNonNull(deputy, "deputy");
      if (terminal.filter(LEGACY_CLERK_TERMINAL::equals).isPresent()) {
        throw new IllegalArgumentException(
            "terminal \"" + LEGACY_CLERK_TERMINAL + "\" is reserved: a hand check-in has none");
      }
      ballots = List.copyOf(ballots);
    }

    /** True for the clerk's hand check-in (补签到), which binds the deputy to no terminal. */
    public boolean byClerk() {
      return terminal.isEmpty();
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A deputy's fifth wrong PIN: locked until the clerk unlocks them. */
  record DeputyLocked(String sitting, String deputy) implements LedgerEvent {
    public static final String TYPE = "deputy-locked";

    public DeputyLocked {
      requireNonNull(sitting, "sitting");
      requireNonNull(deputy, "deputy");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** The clerk lifted a deputy's PIN lock. */
  record DeputyUnlocked(String sitting, String deputy) implements LedgerEvent {
    public static final String TYPE = "deputy-unlocked";

    public DeputyUnlocked {
      requireNonNull(sitting, "sitting");
      requireNonNull(deputy, "deputy");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** 中途退场: the deputy left; no longer present, bound to no terminal. */
  record Left(String sitting, String deputy) implements LedgerEvent {
    public static final String TYPE = "left";

    public Left {
      requireNonNull(sitting, "sitting");
      requireNonNull(deputy, "deputy");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A draft ballot of the sitting, with its spec as the clerk gave it (docs/formats.md JSON). */
  record BallotDefined(String sitting, String ballot, String spec) implements LedgerEvent {
    public static final String TYPE = "ballot-defined";

    public BallotDefined {
      requireNonNull(sitting, "sitting");
      requireNonNull(ballot, "ballot");
      requireNonNull(spec, "spec");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * A ballot opened with {@code present} deputies checked in, an optional countdown ({@code
   * closesAt}, epoch seconds, 0 for none), the blind public keys it opened with (secret ballots),
   * who was present, in deputy order (empty in ledgers written before it was recorded), and the
   * scrutineers' panel with their keys it opened with, if the sitting has one
   * (docs/scrutineers.md).
   */
  record BallotOpened(
      String ballot,
      int present,
      long closesAt,
      List<String> blindKeys,
      List<String> presentDeputies,
      Optional<ObjectNode> scrutineers)
      implements LedgerEvent {
    public static final String TYPE = "ballot-opened";

    public BallotOpened {
      requireNonNull(ballot, "ballot");
      blindKeys = List.copyOf(blindKeys);
      presentDeputies = List.copyOf(presentDeputies.stream().sorted().toList());
      scrutineers = scrutineers.map(ObjectNode::deepCopy);
    }

    /** A ballot opened in a sitting without scrutineers. */
    public BallotOpened(
        String ballot,
        int present,
        long closesAt,
        List<String> blindKeys,
        List<String> presentDeputies) {
      this(ballot, present, closesAt, blindKeys, presentDeputies, Optional.empty());
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A node's blind public key (base64) for a secret ballot, published the first time it served. */
  record BlindKeyPublished(String ballot, String key) implements LedgerEvent {
    public static final String TYPE = "blind-key-published";

    public BlindKeyPublished {
      requireNonNull(ballot, "ballot");
      requireNonNull(key, "key");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * 发出选票: the deputy was issued a blind signature; {@code digest} is the SHA-256 (hex) of the
   * blinded message, so that an identical retry is recognised.
   */
  record Issued(String ballot, String deputy, String digest) implements LedgerEvent {
    public static final String TYPE = "issued";

    public Issued {
      requireNonNull(ballot, "ballot");
      requireNonNull(deputy, "deputy");
      requireNonNull(digest, "digest");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** An anonymous cast the box kept, as the bundle's box holds it; nothing names the deputy. */
  record SecretCastKept(String ballot, BoxEntry cast) implements LedgerEvent {
    public static final String TYPE = "secret-cast";

    public SecretCastKept {
      requireNonNull(ballot, "ballot");
      requireNonNull(cast, "cast");
    }

    /** The cast as the box keeps it: its canonical SHA-256 is the voter's receipt. */
    public ObjectNode content() {
      return cast.content();
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A recorded (记名) cast the box kept, with the terminal's signature. */
  record RecordedCastKept(String ballot, RecordedCast cast) implements LedgerEvent {
    public static final String TYPE = "recorded-cast";

    public RecordedCastKept {
      requireNonNull(ballot, "ballot");
      requireNonNull(cast, "cast");
    }

    /** The cast as the box keeps it: its canonical SHA-256 is the voter's receipt. */
    public ObjectNode content() {
      return cast.content();
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A ballot counted and sealed by this node: how many casts it counted, and the result. */
  record BallotClosed(String ballot, int returned, ObjectNode result) implements LedgerEvent {
    public static final String TYPE = "ballot-closed";

    public BallotClosed {
      requireNonNull(ballot, "ballot");
      result = result.deepCopy();
    }

    @Override
    public ObjectNode result() {
      return result.deepCopy();
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A closed ballot's result was announced. */
  record BallotAnnounced(String ballot) implements LedgerEvent {
    public static final String TYPE = "ballot-announced";
    public static final String STATUS = "announced";

    public BallotAnnounced {
      requireNonNull(ballot, "ballot");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A draft or open ballot was cancelled; its casts are kept and never counted. */
  record BallotCancelled(String ballot, String reason) implements LedgerEvent {
    public static final String TYPE = "ballot-cancelled";
    public static final String STATUS = "cancelled";

    public BallotCancelled {
      requireNonNull(ballot, "ballot");
      requireNonNull(reason, "reason");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** Why a ballot was cancelled, written after {@link BallotCancelled}. */
  record CancelReason(String ballot, String reason) implements LedgerEvent {
    public static final String TYPE = "cancel-reason";

    public CancelReason {
      requireNonNull(ballot, "ballot");
      requireNonNull(reason, "reason");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * This node's signed checkpoint over its ledger up to the entry before; {@link Ledger} writes it,
   * so it is only ever decoded.
   */
  record CheckpointWritten(Checkpoint checkpoint) implements LedgerEvent {
    public static final String TYPE = Ledger.CHECKPOINT;

    public CheckpointWritten {
      requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A peer node's signed checkpoint this node saw: its ledger then vouches for the peer's. */
  record Witnessed(Checkpoint checkpoint) implements LedgerEvent {
    public static final String TYPE = "witnessed";

    public Witnessed {
      requireNonNull(checkpoint, "checkpoint");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A ballot's sealed bundle (docs/bundle.md), as its canonical JSON text. */
  record BundleSealed(String ballot, String bundle) implements LedgerEvent {
    public static final String TYPE = "bundle-sealed";

    public BundleSealed {
      requireNonNull(ballot, "ballot");
      requireNonNull(bundle, "bundle");
      if (!isCanonical(bundle)) {
        throw new IllegalArgumentException("A bundle is kept as canonical JSON text");
      }
    }

    /** True if {@code text} is JSON and already in its RFC 8785 form. */
    static boolean isCanonical(String text) {
      try {
        return CanonicalJson.text(text).equals(text);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * The clerk named a sitting's scrutineers (总监票人, 监票人) and how many must countersign each result;
   * {@code version} counts the namings of the sitting, so a replay keeps the latest.
   */
  record ScrutineersNamed(String sitting, int version, int required, List<Named> scrutineers)
      implements LedgerEvent {
    public static final String TYPE = "scrutineers-named";

    public ScrutineersNamed {
      requireNonNull(sitting, "sitting");
      scrutineers = List.copyOf(scrutineers);
    }

    /** A scrutineer as named: an id, a name, and the deputy they are if they are one. */
    public record Named(String id, String name, Optional<String> deputy) {
      public Named {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(deputy, "deputy");
      }
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /**
   * A scrutineer enrolled their own Ed25519 public key (base64) with a one-time code, at {@code at}
   * (epoch ms, the enrolling node's clock: the latest enrolment is the scrutineer's key).
   */
  record ScrutineerEnrolled(String sitting, String scrutineer, String name, String key, long at)
      implements LedgerEvent {
    public static final String TYPE = "scrutineer-enrolled";

    public ScrutineerEnrolled {
      requireNonNull(sitting, "sitting");
      requireNonNull(scrutineer, "scrutineer");
      requireNonNull(name, "name");
      requireNonNull(key, "key");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A scrutineer countersigned a ballot's sealed result (docs/scrutineers.md). */
  record Countersigned(String ballot, Countersigning.Countersignature countersignature)
      implements LedgerEvent {
    public static final String TYPE = "countersigned";

    public Countersigned {
      requireNonNull(ballot, "ballot");
      requireNonNull(countersignature, "countersignature");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }

  /** A scrutineer refused to countersign a ballot's sealed result, with a signed reason. */
  record CountersignRefused(String ballot, Countersigning.Refusal refusal) implements LedgerEvent {
    public static final String TYPE = "countersign-refused";

    public CountersignRefused {
      requireNonNull(ballot, "ballot");
      requireNonNull(refusal, "refusal");
    }

    @Override
    public void accept(Visitor visitor) {
      visitor.visit(this);
    }
  }
}
