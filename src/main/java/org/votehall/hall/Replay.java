package org.votehall.hall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.votehall.cluster.CastOutcome;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.StoredCast;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;
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

  private final HallMaps maps;
  private final CastStore casts;
  private final List<String> incidents = new ArrayList<>();

  Replay(HallMaps maps, CastStore casts) {
    this.maps = maps;
    this.casts = casts;
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
      Map<String, Deputy> roster = maps.roster(e.sitting());
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
    }

    @Override
    public void visit(LedgerEvent.BallotOpened e) {
      advance(e.ballot(), BallotState.Status.OPEN, null);
      countdown(e.ballot(), e.closesAt());
      e.blindKeys().forEach(k -> addBlindKey(e.ballot(), k));
    }

    @Override
    public void visit(LedgerEvent.BlindKeyPublished e) {
      addBlindKey(e.ballot(), e.key());
    }

    @Override
    public void visit(LedgerEvent.Issued e) {
      maps.issued(e.ballot()).putIfAbsent(e.deputy(), e.digest());
    }

    @Override
    public void visit(LedgerEvent.SecretCastKept e) {
      cast(seq, e.ballot(), e.cast().token(), e.cast().ballot(), e.content());
    }

    @Override
    public void visit(LedgerEvent.RecordedCastKept e) {
      cast(seq, e.ballot(), e.cast().deputy(), e.cast().ballot(), e.content());
    }

    @Override
    public void visit(LedgerEvent.BallotClosed e) {
      advance(e.ballot(), BallotState.Status.CLOSED, null);
      maps.results().putIfAbsent(e.ballot(), e.result().toString());
    }

    @Override
    public void visit(LedgerEvent.BallotAnnounced e) {
      advance(e.ballot(), BallotState.Status.ANNOUNCED, null);
    }

    @Override
    public void visit(LedgerEvent.BallotCancelled e) {
      advance(e.ballot(), BallotState.Status.CANCELLED, e.reason());
    }

    @Override
    public void visit(LedgerEvent.CancelReason e) {} // ballot-cancelled carries it already

    @Override
    public void visit(LedgerEvent.CheckpointWritten e) {} // checked when the ledger opened

    @Override
    public void visit(LedgerEvent.Witnessed e) {} // changes no map

    @Override
    public void visit(LedgerEvent.BundleSealed e) {} // changes no map
  }

  /** Puts a cast in the box as the accepting node kept it: the same content, the same receipt. */
  private void cast(long seq, String ballot, String voter, ObjectNode marks, ObjectNode content) {
    String kept = CanonicalJson.text(content.toString());
    StoredCast cast =
        new StoredCast(
            voter,
            CanonicalJson.text(marks.toString()),
            kept,
            Sha256.hex(kept.getBytes(StandardCharsets.UTF_8)));
    if (casts.put(ballot, cast) instanceof CastOutcome.AlreadyVoted) {
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
    BallotState current = maps.ballots().get(ballot);
    if (current == null || ORDER.indexOf(current.status()) >= ORDER.indexOf(to)) {
      return;
    }
    BallotState next =
        to == BallotState.Status.CANCELLED ? current.cancelled(note) : current.to(to);
    if (!maps.ballots().replace(ballot, current, next)) {
      advance(ballot, to, note);
    }
  }

  private void countdown(String ballot, long closesAt) {
    BallotState current = maps.ballots().get(ballot);
    if (current != null
        && closesAt > 0
        && current.closesAt() != closesAt
        && !maps.ballots().replace(ballot, current, current.closingAt(closesAt))) {
      countdown(ballot, closesAt);
    }
  }

  private void addBlindKey(String ballot, String key) {
    BallotState current = maps.ballots().get(ballot);
    if (current != null
        && !current.blindKeys().contains(key)
        && !maps.ballots().replace(ballot, current, current.withBlindKey(key))) {
      addBlindKey(ballot, key);
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
