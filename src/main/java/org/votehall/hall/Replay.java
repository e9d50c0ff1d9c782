package org.votehall.hall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.votehall.cluster.CastOutcome;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.SignedMap;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.LedgerEvents;
import org.votehall.ledger.MalformedEventException;

/**
 * Rebuilds the cluster's maps from a node's ledger (docs/architecture.md: a restarted node, or a
 * whole cluster after a power loss). Every step is idempotent, a ballot's status only moves
 * forward, and two different casts for one voter key are an incident to report, never resolved
 * silently; so is an entry that is no event (docs/ledger-events.md), which is skipped.
 */
public final class Replay {
  private static final List<BallotState.Status> ORDER =
      List.of(
          BallotState.Status.DRAFT,
          BallotState.Status.OPEN,
          BallotState.Status.CLOSING,
          BallotState.Status.CLOSED,
          BallotState.Status.ANNOUNCED,
          BallotState.Status.CANCELLED);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HallMaps maps;
  private final CastStore casts;
  private final Acknowledgements acks;
  private final Witnesses witnesses;
  private final List<String> incidents = new ArrayList<>();

  Replay(HallMaps maps, CastStore casts, Acknowledgements acks, Witnesses witnesses) {
    this.maps = maps;
    this.casts = casts;
    this.acks = acks;
    this.witnesses = witnesses;
  }

  /** What a replay did: the entries it applied and the incidents it found. */
  public record Report(int entries, List<String> incidents) {
    public Report {
      incidents = List.copyOf(incidents);
    }
  }

  Report apply(List<LedgerEntry> entries) {
    entries.forEach(this::apply);
    return new Report(entries.size(), incidents);
  }

  private void apply(LedgerEntry entry) {
    LedgerEvent event;
    try {
      event = LedgerEvents.decode(entry);
    } catch (MalformedEventException e) {
      incidents.add(e.getMessage() + "; nothing of this entry was replayed");
      return;
    }
    event.accept(new Step(entry.seq()));
  }

  /** What each event does to the maps; {@code seq} names its entry in an incident. */
  private final class Step implements LedgerEvent.Visitor {
    private final long seq;

    Step(long seq) {
      this.seq = seq;
    }

    @Override
    public void visit(LedgerEvent.SittingCreated e) {
      maps.sittings().putIfAbsent(e.sitting(), sitting(e));
      SignedMap<Deputy> roster = maps.roster(e.sitting());
      e.roster()
          .forEach(d -> roster.putIfAbsent(d.id(), new Deputy(d.id(), d.name(), d.pinHash())));
    }

    @Override
    public void visit(LedgerEvent.TerminalRegistered e) {
      maps.terminals(e.sitting()).putIfAbsent(e.terminal(), e.key());
    }

    @Override
    public void visit(LedgerEvent.CheckedIn e) {
      Sittings.present(
          maps.attendance(e.sitting()), e.deputy(), e.terminal().orElse(Sittings.NO_TERMINAL));
      e.ballots()
          .forEach(
              b -> {
                maps.present(b).putIfAbsent(e.deputy(), "");
                acks.present(b, e.deputy());
              });
    }

    @Override
    public void visit(LedgerEvent.DeputyLocked e) {
      maps.pinAttempts(e.sitting()).put(e.deputy(), Sittings.PIN_ATTEMPTS);
    }

    @Override
    public void visit(LedgerEvent.DeputyUnlocked e) {
      maps.pinAttempts(e.sitting()).remove(e.deputy());
    }

    @Override
    public void visit(LedgerEvent.Left e) {
      maps.attendance(e.sitting()).remove(e.deputy());
    }

    @Override
    public void visit(LedgerEvent.BallotDefined e) {
      maps.ballots()
          .putIfAbsent(
              e.ballot(),
              new BallotState(
                  e.sitting(), e.ballot(), e.spec(), BallotState.Status.DRAFT, List.of(), null, 0));
      applyDeferred(e.ballot());
    }

    @Override
    public void visit(LedgerEvent.BallotOpened e) {
      change(
          e.ballot(),
          new Change(
              BallotState.Status.OPEN,
              null,
              e.closesAt(),
              e.blindKeys(),
              e.scrutineers().map(Object::toString).orElse(null),
              List.of(),
              List.of()));
      e.presentDeputies()
          .forEach(
              d -> {
                maps.present(e.ballot()).putIfAbsent(d, "");
                acks.present(e.ballot(), d);
              });
    }

    @Override
    public void visit(LedgerEvent.BlindKeyPublished e) {
      change(e.ballot(), new Change(BallotState.Status.DRAFT, null, 0, List.of(e.key())));
    }

    @Override
    public void visit(LedgerEvent.Issued e) {
      maps.issued(e.ballot()).putIfAbsent(e.deputy(), e.digest());
      maps.present(e.ballot()).putIfAbsent(e.deputy(), "");
      acks.issued(e.ballot(), e.deputy(), e.digest());
    }

    @Override
    public void visit(LedgerEvent.SecretCastKept e) {
      cast(seq, e.ballot(), e.cast().token(), e.cast().ballot(), e.content());
    }

    @Override
    public void visit(LedgerEvent.RecordedCastKept e) {
      maps.present(e.ballot()).putIfAbsent(e.cast().deputy(), "");
      acks.present(e.ballot(), e.cast().deputy());
      cast(seq, e.ballot(), e.cast().deputy(), e.cast().ballot(), e.content());
    }

    @Override
    public void visit(LedgerEvent.BallotClosed e) {
      change(e.ballot(), new Change(BallotState.Status.CLOSED, null, 0, List.of()));
      maps.results().putIfAbsent(e.ballot(), e.result().toString());
    }

    @Override
    public void visit(LedgerEvent.BallotAnnounced e) {
      change(e.ballot(), new Change(BallotState.Status.ANNOUNCED, null, 0, List.of()));
    }

    @Override
    public void visit(LedgerEvent.BallotCancelled e) {
      change(e.ballot(), new Change(BallotState.Status.CANCELLED, e.reason(), 0, List.of()));
    }

    @Override
    public void visit(LedgerEvent.CancelReason e) {} // ballot-cancelled carries it already

    @Override
    public void visit(LedgerEvent.CheckpointWritten e) {
      witnesses.own(e.checkpoint());
    }

    @Override
    public void visit(LedgerEvent.Witnessed e) {
      witnesses.witnessed(e.checkpoint());
    }

    @Override
    public void visit(LedgerEvent.BundleSealed e) {
      Reseals.offer(maps, e.ballot(), e.bundle());
    }

    @Override
    public void visit(LedgerEvent.ScrutineersNamed e) {
      Scrutineers.replay(maps, e);
    }

    @Override
    public void visit(LedgerEvent.ScrutineerEnrolled e) {
      Scrutineers.replay(maps, e);
    }

    @Override
    public void visit(LedgerEvent.Countersigned e) {
      String scrutineer = e.countersignature().scrutineer();
      Countersignatures.replay(
          maps, e.ballot(), scrutineer, e.countersignature().toJson().toString());
      change(e.ballot(), Change.signed(scrutineer, false));
      Reseals.settle(maps, e.ballot());
    }

    @Override
    public void visit(LedgerEvent.CountersignRefused e) {
      String scrutineer = e.refusal().scrutineer();
      Countersignatures.replay(maps, e.ballot(), scrutineer, e.refusal().toJson().toString());
      change(e.ballot(), Change.signed(scrutineer, true));
      Reseals.settle(maps, e.ballot());
    }
  }

  /**
   * What a lifecycle event does to a ballot: move it forward to {@code status} (never back), set
   * its countdown, add blind keys, set the scrutineers' panel it opened with, add who countersigned
   * or refused. Serializable as JSON, to wait in {@link HallMaps#deferred}.
   */
  record Change(
      BallotState.Status status,
      String note,
      long closesAt,
      List<String> keys,
      String panel,
      List<String> countersigned,
      List<String> refused) {
    Change {
      keys = List.copyOf(keys);
      countersigned = countersigned == null ? List.of() : List.copyOf(countersigned);
      refused = refused == null ? List.of() : List.copyOf(refused);
    }

    Change(BallotState.Status status, String note, long closesAt, List<String> keys) {
      this(status, note, closesAt, keys, null, List.of(), List.of());
    }

    /** A countersignature or refusal: the ballot was closed (sealed), and who signed. */
    static Change signed(String scrutineer, boolean refusal) {
      return new Change(
          BallotState.Status.CLOSED,
          null,
          0,
          List.of(),
          null,
          refusal ? List.of() : List.of(scrutineer),
          refusal ? List.of(scrutineer) : List.of());
    }
  }

  /**
   * Applies a change to a ballot; one not (yet) replayed, whose definition is in another node's
   * ledger, gets it when it is defined. Whoever comes second applies it, so order does not matter.
   */
  private void change(String ballot, Change change) {
    if (maps.ballots().containsKey(ballot)) {
      apply(ballot, change);
      return;
    }
    maps.deferred().merge(ballot, changes(List.of(change)), (a, b) -> changes(concat(a, b)));
    if (maps.ballots().containsKey(ballot)) {
      applyDeferred(ballot);
    }
  }

  private void applyDeferred(String ballot) {
    String waiting = maps.deferred().get(ballot);
    if (waiting != null) {
      changes(waiting).forEach(c -> apply(ballot, c));
    }
  }

  private void apply(String ballot, Change change) {
    advance(ballot, change.status(), change.note());
    countdown(ballot, change.closesAt());
    change.keys().forEach(k -> addBlindKey(ballot, k));
    if (change.panel() != null) {
      update(ballot, b -> b.panel() == null, b -> b.withPanel(change.panel()));
    }
    change.countersigned().forEach(id -> signedBy(ballot, id, false));
    change.refused().forEach(id -> signedBy(ballot, id, true));
  }

  private void signedBy(String ballot, String scrutineer, boolean refusal) {
    update(
        ballot,
        b -> !(refusal ? b.refused() : b.countersigned()).contains(scrutineer),
        b -> b.signedBy(scrutineer, refusal));
  }

  private static List<Change> concat(String a, String b) {
    List<Change> all = new ArrayList<>(changes(a));
    all.addAll(changes(b));
    return all;
  }

  private static String changes(List<Change> changes) {
    try {
      return JSON.writeValueAsString(changes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Change> changes(String json) {
    try {
      return List.of(JSON.readValue(json, Change[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Deferred replay steps no longer read", e);
    }
  }

  /** Puts a cast in the box as the accepting node kept it: the same content, the same receipt. */
  private void cast(long seq, String ballot, String voter, ObjectNode marks, ObjectNode content) {
    CastOutcome outcome = casts.put(ballot, content.toString());
    if (outcome instanceof CastOutcome.Kept kept) {
      acks.cast(ballot, kept.receipt());
    }
    if (outcome instanceof CastOutcome.AlreadyVoted) {
      incidents.add(
          "ledger entry "
              + seq
              + ": a different cast for voter "
              + voter
              + " of ballot "
              + ballot
              + " is already in the box; both are kept in the ledgers, the box keeps the first");
    }
  }

  private void advance(String ballot, BallotState.Status to, String note) {
    update(
        ballot,
        b -> ORDER.indexOf(b.status()) < ORDER.indexOf(to),
        b -> to == BallotState.Status.CANCELLED ? b.cancelled(note) : b.to(to));
  }

  private void countdown(String ballot, long closesAt) {
    update(ballot, b -> closesAt > 0 && b.closesAt() != closesAt, b -> b.closingAt(closesAt));
  }

  private void addBlindKey(String ballot, String key) {
    update(ballot, b -> !b.blindKeys().contains(key), b -> b.withBlindKey(key));
  }

  /** Compare-and-set on the ballot's record while {@code needed} holds. */
  private void update(
      String ballot,
      java.util.function.Predicate<BallotState> needed,
      java.util.function.UnaryOperator<BallotState> next) {
    while (true) {
      Optional<SignedMap.Entry<BallotState>> current = maps.ballots().read(ballot);
      if (current.isEmpty()
          || !needed.test(current.get().value())
          || maps.ballots().rebuild(ballot, current.get(), next.apply(current.get().value()))) {
        return;
      }
    }
  }

  /** The sitting as created; the decoy is the first deputy's hash, as {@link Sittings} made it. */
  private static SittingState sitting(LedgerEvent.SittingCreated e) {
    LedgerEvent.SittingCreated.Quorum q = e.quorum();
    return new SittingState(
        e.sitting(),
        e.title(),
        e.members(),
        q.numerator(),
        q.denominator(),
        q.strict(),
        e.roster().isEmpty() ? "" : e.roster().get(0).pinHash());
  }
}
