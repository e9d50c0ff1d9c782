package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.votehall.cluster.BlindKeyRound;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.CloseFence;
import org.votehall.cluster.SignedMap;
import org.votehall.format.MalformedException;
import org.votehall.format.SpecJson;
import org.votehall.ledger.Bundle;
import org.votehall.ledger.LedgerEvent;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.CandidateCountCheck;

/**
 * The ballot lifecycle: define (validated, candidate-count warnings confirmed), open (only with
 * quorum), close (a fence on every member, then the tally and the sealed result), announce, cancel.
 * Transitions are compare-and-set on the ballot's entry, so two clerks on two nodes can never move
 * a ballot into two states. Calls block: run them on a worker thread.
 */
public final class Ballots {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ballots.class);

  private final HallMaps maps;
  private final HallLedger ledger;
  private final Sittings sittings;
  private final BlindKeyRound keyRound;
  private final CloseFence fence;
  private final Sealing sealing;
  private final CastStore casts;
  private final Acknowledgements acks;
  private final Scrutineers scrutineers;
  private final Countersignatures countersignatures;

  /**
   * Announced ballots' receipts, worked out once from their sealed bundles (which never change).
   */
  private final java.util.Map<String, List<String>> receipts =
      new java.util.concurrent.ConcurrentHashMap<>();

  Ballots(
      HallMaps maps,
      HallLedger ledger,
      Sittings sittings,
      BlindKeyRound keyRound,
      CloseFence fence,
      Sealing sealing,
      CastStore casts,
      Acknowledgements acks,
      Scrutineers scrutineers,
      Countersignatures countersignatures) {
    this.maps = maps;
    this.ledger = ledger;
    this.sittings = sittings;
    this.keyRound = keyRound;
    this.fence = fence;
    this.sealing = sealing;
    this.casts = casts;
    this.acks = acks;
    this.scrutineers = scrutineers;
    this.countersignatures = countersignatures;
  }

  /** Defines a ballot from its spec (docs/formats.md); refuses until warnings are confirmed. */
  public Outcome<BallotState> define(String sitting, String specJson, boolean warningsConfirmed) {
    SittingState s = maps.sittings().get(sitting);
    if (s == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    BallotSpec spec;
    try {
      spec = SpecJson.parse(specJson);
    } catch (MalformedException e) {
      return Refusal.refuse(Refusal.Code.MALFORMED, "spec: " + e.getMessage());
    }
    if (spec.members() != s.members()) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "spec: members: " + spec.members() + ", but the sitting's roster has " + s.members());
    }
    List<String> warnings = CandidateCountCheck.warnings(spec);
    if (!warnings.isEmpty() && !warningsConfirmed) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "confirm these warnings to define the ballot: " + String.join("; ", warnings),
          "warnings",
          warnings);
    }
    BallotState state =
        new BallotState(sitting, spec.id(), specJson, BallotState.Status.DRAFT, List.of(), null, 0);
    BallotState existing = maps.ballots().putIfAbsent(spec.id(), state);
    if (existing != null) {
      return existing.spec().equals(specJson)
          ? Outcome.done(existing)
          : Refusal.refuse(
              Refusal.Code.CONFLICT, "ballot " + spec.id() + " exists with another spec");
    }
    LOG.info("ballot {} defined in sitting {}", spec.id(), sitting);
    ledger.record(new LedgerEvent.BallotDefined(sitting, spec.id(), specJson));
    return Outcome.done(state);
  }

  /** Opens a draft ballot, only while the sitting has its quorum (docs/voting-rules.md §0). */
  public Outcome<BallotState> open(String ballot) {
    return open(ballot, 0);
  }

  /**
   * Opens a draft ballot with an optional countdown: at {@code closesAt} (epoch seconds, 0 for
   * none) any node's sweep closes it ({@link #closeDue}).
   */
  public Outcome<BallotState> open(String ballot, long closesAt) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null || state.status() != BallotState.Status.DRAFT) {
      return state == null
          ? Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot)
          : Refusal.refuse(
              Refusal.Code.CONFLICT,
              "ballot " + ballot + " is " + words(state.status()) + ", not a draft");
    }
    Attendance a = sittings.checkedAttendance(maps.sittings().get(state.sitting()));
    if (!a.quorumMet()) {
      return Refusal.refuse(
          Refusal.Code.NO_QUORUM,
          "no quorum: "
              + a.present()
              + " present of "
              + a.members()
              + ", "
              + a.quorumRequired()
              + " needed");
    }
    Optional<String> unready = scrutineers.notReady(state.sitting());
    if (unready.isPresent()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT, "ballot " + ballot + " was not opened: " + unready.get());
    }
    // The panel and its keys as they stand now are the ballot's: naming or enrolling again later
    // (or a member that deletes the panel from the map) changes only ballots opened after.
    String panel =
        scrutineers.sealable(state.sitting()).map(p -> p.toJson().toString()).orElse(null);
    // Every member up now takes a key for a secret ballot, durable before it is published.
    List<String> keys;
    try {
      keys =
          spec(state).header().secret()
              ? Sealing.await(keyRound.collect(ballot)).stream().sorted().distinct().toList()
              : List.of();
    } catch (IllegalStateException e) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "a member could not take a blind key for "
              + ballot
              + "; it was not opened: "
              + e.getMessage());
    }
    Optional<BallotState> opened =
        transition(
            ballot,
            BallotState.Status.DRAFT,
            s -> {
              BallotState open = s.to(BallotState.Status.OPEN).closingAt(closesAt).withPanel(panel);
              for (String key : keys) {
                open = open.withBlindKey(key);
              }
              return open;
            });
    if (opened.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT, "ballot " + ballot + " changed meanwhile; it was not opened");
    }
    // Read after the transition: a deputy who checks in from now on joins the open ballot.
    List<String> present = maps.attendance(state.sitting()).keys().stream().sorted().toList();
    ledger.record(
        new LedgerEvent.BallotOpened(
            ballot,
            present.size(),
            closesAt,
            opened.get().blindKeys(),
            present,
            Optional.ofNullable(panel).map(p -> (ObjectNode) Sealing.read(p))));
    maps.present(ballot).putAll(present.stream().collect(Collectors.toMap(d -> d, d -> "")));
    present.forEach(d -> acks.present(ballot, d));
    maps.onScreen().put(state.sitting(), ballot);
    LOG.info("ballot {} opened ({} present, countdown to {})", ballot, present.size(), closesAt);
    return Outcome.done(opened.get());
  }

  /** Closes an open ballot on every member, then counts it and seals the result. */
  public Outcome<String> close(String ballot) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    if (state.status() == BallotState.Status.CLOSED
        || state.status() == BallotState.Status.ANNOUNCED) {
      Outcome<String> result = sealedResult(ballot);
      boolean whole = result instanceof Outcome.Done<String> && bundle(ballot).isPresent();
      return whole || state.status() != BallotState.Status.CLOSED ? result : reseal(ballot, state);
    }
    if (state.status() == BallotState.Status.OPEN
        && transition(ballot, BallotState.Status.OPEN, s -> s.to(BallotState.Status.CLOSING))
            .isEmpty()) {
      return close(ballot); // another clerk moved it meanwhile: look again
    }
    if (maps.ballots().get(ballot).status() != BallotState.Status.CLOSING) {
      return Refusal.refuse(
          Refusal.Code.NOT_OPEN,
          "ballot " + ballot + " is " + words(state.status()) + "; only an open ballot closes");
    }
    return seal(ballot, state);
  }

  /** Fences, counts and checks the ballot; commits the close; only then writes the seal. */
  private Outcome<String> seal(String ballot, BallotState state) {
    Outcome<Sealing.Count> counted = fenceAndCount(ballot, state);
    if (!(counted instanceof Outcome.Done<Sealing.Count> count)) {
      return ((Outcome.Refused<Sealing.Count>) counted).as();
    }
    // The commit point: only the close that moves the ballot to closed writes a seal, so a
    // cancel, or another clerk's close, racing this one leaves one seal or none.
    Optional<BallotState> closed =
        transition(ballot, BallotState.Status.CLOSING, s -> s.to(BallotState.Status.CLOSED));
    if (closed.isEmpty()) {
      BallotState now = maps.ballots().get(ballot);
      return now.status() == BallotState.Status.CANCELLED
          ? Refusal.refuse(Refusal.Code.CONFLICT, "ballot " + ballot + " was cancelled meanwhile")
          : sealedResult(ballot);
    }
    String result = sealing.write(closed.get(), spec(state), count.value());
    LOG.info("ballot {} closed and sealed", ballot);
    return Outcome.done(result);
  }

  /**
   * A ballot committed closed whose result never came: the node that committed it died before it
   * wrote the seal. This node seals it instead (the same count, its own bundle).
   */
  private Outcome<String> reseal(String ballot, BallotState state) {
    LOG.warn("ballot {} is closed without a result: sealing it again", ballot);
    Outcome<Sealing.Count> counted = fenceAndCount(ballot, state);
    if (!(counted instanceof Outcome.Done<Sealing.Count> count)) {
      return ((Outcome.Refused<Sealing.Count>) counted).as();
    }
    return Outcome.done(sealing.write(maps.ballots().get(ballot), spec(state), count.value()));
  }

  private Outcome<Sealing.Count> fenceAndCount(String ballot, BallotState state) {
    List<String> accounts;
    try {
      accounts = Sealing.await(fence.close(ballot));
    } catch (IllegalStateException e) {
      return Refusal.refuse(
          Refusal.Code.SEAL_REFUSED,
          "not every member closed "
              + ballot
              + " (it stays closing; close it again): "
              + e.getMessage());
    }
    Outcome<Sealing.Count> counted;
    try {
      counted = sealing.count(maps.ballots().get(ballot), spec(state), accounts);
    } catch (RuntimeException e) {
      LOG.warn("ballot {} could not be counted", ballot, e);
      return Refusal.refuse(
          Refusal.Code.SEAL_REFUSED,
          "the box of "
              + ballot
              + " could not be counted (it stays closing; close it again): "
              + e.getMessage());
    }
    return counted;
  }

  /** The result of a closed ballot; its sealing node may still be writing it for a moment. */
  private Outcome<String> sealedResult(String ballot) {
    for (int wait = 0; wait < 100; wait++) {
      Optional<String> result = result(ballot);
      if (result.isPresent()) {
        return Outcome.done(result.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Refusal.refuse(
        Refusal.Code.CONFLICT,
        "ballot " + ballot + " is closed but its result is not written yet: read it again shortly");
  }

  /**
   * Announces a closed ballot; one sealed with scrutineers only once enough countersigned and none
   * refused. The gate and the transition see the same record of the ballot: a countersignature or
   * refusal taken meanwhile changes that record, so the transition fails and the gate looks again.
   */
  public Outcome<BallotState> announce(String ballot) {
    while (true) {
      Optional<SignedMap.Entry<BallotState>> current = maps.ballots().read(ballot);
      if (current.isEmpty()) {
        return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
      }
      BallotState state = current.get().value();
      if (state.status() != BallotState.Status.CLOSED) {
        return Refusal.refuse(
            Refusal.Code.CONFLICT, "ballot " + ballot + " is " + words(state.status()));
      }
      Optional<Refusal> gate = countersignatures.announceGate(state);
      if (gate.isPresent()) {
        return new Outcome.Refused<>(gate.get());
      }
      BallotState announced = state.to(BallotState.Status.ANNOUNCED);
      if (maps.ballots().replace(ballot, current.get(), announced)) {
        ledger.record(new LedgerEvent.BallotAnnounced(ballot));
        LOG.info("ballot {} announced", ballot);
        maps.onScreen().put(state.sitting(), ballot);
        return Outcome.done(announced);
      }
    }
  }

  /**
   * The ballot the hall screen shows: the open (or closing) one; else the one opened or announced
   * last while it is closed (awaiting the announcement) or announced; else the last announced in id
   * order (after every node restarted: the cluster's memory is gone, the ledgers keep no time).
   * Never a draft or a cancelled ballot. {@code ballots} are the sitting's ({@link #ofSitting}), as
   * its status has just read them.
   */
  public Optional<String> onScreen(String sitting, List<BallotState> ballots) {
    Optional<String> open =
        ballots.stream()
            .filter(
                b ->
                    b.status() == BallotState.Status.OPEN
                        || b.status() == BallotState.Status.CLOSING)
            .map(BallotState::id)
            .findFirst();
    Optional<String> last =
        Optional.ofNullable(maps.onScreen().get(sitting))
            .filter(
                id ->
                    ballots.stream()
                        .anyMatch(
                            b ->
                                b.id().equals(id)
                                    && (b.status() == BallotState.Status.CLOSED
                                        || b.status() == BallotState.Status.ANNOUNCED)));
    return open.or(() -> last)
        .or(
            () ->
                ballots.stream()
                    .filter(b -> b.status() == BallotState.Status.ANNOUNCED)
                    .reduce((first, second) -> second)
                    .map(BallotState::id));
  }

  /**
   * Whether a receipt (or its first digits, at least eight) is in the published box of an announced
   * ballot: for the deputy who kept it. Says nothing of the marks.
   */
  public Outcome<Optional<String>> receipt(String ballot, String digits) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    Optional<String> bundle = bundle(ballot);
    if (state.status() != BallotState.Status.ANNOUNCED || bundle.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.NOT_ANNOUNCED,
          "the result of " + ballot + " is not announced yet: look the receipt up after");
    }
    List<String> counted = receipts.computeIfAbsent(ballot, b -> Bundle.receipts(bundle.get()));
    return Outcome.done(counted.stream().filter(r -> r.startsWith(digits)).findFirst());
  }

  /**
   * Cancels a draft or open ballot (or one whose sealing was refused, still closing; or a closed
   * one still awaiting its scrutineers' countersignatures, or refused by one), with a reason; its
   * casts are kept but never counted, so no fence is needed. A countersigned result is announced.
   */
  public Outcome<BallotState> cancel(String ballot, String reason) {
    java.util.Objects.requireNonNull(reason, "a cancelled ballot's reason is recorded: give one");
    BallotState state = maps.ballots().get(ballot);
    BallotState.Status from = state == null ? BallotState.Status.DRAFT : state.status();
    boolean scrutinised = from == BallotState.Status.CLOSED && countersignatures.cancellable(state);
    if (from != BallotState.Status.DRAFT
        && from != BallotState.Status.OPEN
        && from != BallotState.Status.CLOSING
        && !scrutinised) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot " + ballot + " is " + words(from) + "; it can no longer be cancelled");
    }
    Outcome<BallotState> cancelled =
        simple(
            ballot,
            from,
            s -> s.cancelled(reason),
            s -> new LedgerEvent.BallotCancelled(ballot, s.note()));
    if (cancelled instanceof Outcome.Done<BallotState>) {
      ledger.record(new LedgerEvent.CancelReason(ballot, reason));
    }
    return cancelled;
  }

  /**
   * Closes every open ballot whose countdown has run out; run by every node, so no single node
   * matters.
   */
  public List<String> closeDue(long nowEpochSeconds) {
    List<String> due =
        maps.ballots().entries().values().stream()
            .filter(
                b ->
                    b.status() == BallotState.Status.OPEN
                        && b.closesAt() > 0
                        && b.closesAt() <= nowEpochSeconds)
            .map(BallotState::id)
            .toList();
    // Every node sweeps: only the one whose transition to closing wins fences and seals.
    due.forEach(
        ballot -> {
          if (transition(ballot, BallotState.Status.OPEN, s -> s.to(BallotState.Status.CLOSING))
              .isPresent()) {
            seal(ballot, maps.ballots().get(ballot));
          }
        });
    return due;
  }

  /** The kinds of ballot that follow a closed one. */
  public enum FollowUp {
    REVOTE,
    TIE,
    RUNOFF
  }

  /**
   * Defines a draft that follows a closed ballot: a revote, a tie revote or a runoff
   * (docs/voting-rules.md §2).
   */
  public Outcome<BallotState> followUp(
      String ballot, FollowUp kind, String id, boolean warningsConfirmed) {
    BallotState source = maps.ballots().get(ballot);
    if (source == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    boolean closed =
        source.status() == BallotState.Status.CLOSED
            || source.status() == BallotState.Status.ANNOUNCED;
    if (!closed && !(kind == FollowUp.REVOTE && source.status() == BallotState.Status.CANCELLED)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot "
              + ballot
              + " is "
              + words(source.status())
              + "; only a closed ballot is followed up");
    }
    if (kind != FollowUp.REVOTE && !countersignatures.settled(source)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot "
              + ballot
              + "'s result is not countersigned by its scrutineers: only a revote follows it");
    }
    String sealed = maps.results().get(ballot);
    if (kind != FollowUp.REVOTE && sealed == null) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot " + ballot + " is closed but its seal is not written yet: close it again first");
    }
    JsonNode spec = Sealing.read(source.spec());
    JsonNode result = sealed != null ? Sealing.read(sealed) : JSON.createObjectNode();
    Optional<ObjectNode> next =
        switch (kind) {
          case REVOTE -> Optional.of(FollowUps.revote(spec, id));
          case TIE -> FollowUps.tie(spec, result, id);
          case RUNOFF -> FollowUps.runoff(spec, result, id);
        };
    if (next.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot "
              + ballot
              + "'s result has no "
              + (kind == FollowUp.TIE ? "boundary tie" : "unfilled seat with proposed candidates"));
    }
    return define(source.sitting(), next.get().toString(), warningsConfirmed);
  }

  /** The ballots of a sitting, in id order. */
  public List<BallotState> ofSitting(String sitting) {
    return maps.ballots().entries().values().stream()
        .filter(b -> b.sitting().equals(sitting))
        .sorted(Comparator.comparing(BallotState::id))
        .toList();
  }

  /**
   * Live figures of a ballot: 发出 and 收回 so far; never who voted what. A secret ballot is issued to
   * the deputies who were given a blind signature; a recorded ballot to every deputy present at
   * some moment while it was open (its 实到, as the sealed result counts them).
   */
  public record Progress(int issued, long returned) {}

  public Progress progress(String ballot) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null || spec(state).header().secret()) {
      return new Progress(maps.issued(ballot).size(), casts.returned(ballot));
    }
    Set<String> able = new HashSet<>(maps.present(ballot).keys());
    Set<String> voters = casts.voters(ballot);
    able.addAll(voters);
    return new Progress(able.size(), voters.size());
  }

  /** How many ballots are open now, across every sitting. */
  public int openCount() {
    return (int)
        maps.ballots().entries().values().stream()
            .filter(b -> b.status() == BallotState.Status.OPEN)
            .count();
  }

  public Optional<BallotState> get(String ballot) {
    return Optional.ofNullable(maps.ballots().get(ballot));
  }

  public Optional<String> result(String ballot) {
    return Optional.ofNullable(maps.results().get(ballot));
  }

  public Optional<String> bundle(String ballot) {
    return Optional.ofNullable(maps.bundles().get(ballot));
  }

  private Outcome<BallotState> simple(
      String ballot,
      BallotState.Status from,
      UnaryOperator<BallotState> change,
      Function<BallotState, LedgerEvent> event) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    Optional<BallotState> next = transition(ballot, from, change);
    if (next.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot " + ballot + " is " + words(maps.ballots().get(ballot).status()));
    }
    ledger.record(event.apply(next.get()));
    LOG.info("ballot {} {}", ballot, words(next.get().status()));
    return Outcome.done(next.get());
  }

  /** Compare-and-set from one status; empty if the ballot was not in it. */
  private Optional<BallotState> transition(
      String ballot, BallotState.Status from, UnaryOperator<BallotState> change) {
    return transition(maps, ballot, from, change);
  }

  /** Compare-and-set on a ballot's record from one status; empty if it was not in it. */
  static Optional<BallotState> transition(
      HallMaps maps, String ballot, BallotState.Status from, UnaryOperator<BallotState> change) {
    while (true) {
      Optional<SignedMap.Entry<BallotState>> current = maps.ballots().read(ballot);
      if (current.isEmpty() || current.get().value().status() != from) {
        return Optional.empty();
      }
      BallotState next = change.apply(current.get().value());
      if (maps.ballots().replace(ballot, current.get(), next)) {
        return Optional.of(next);
      }
    }
  }

  static BallotSpec spec(BallotState state) {
    try {
      return SpecJson.parse(state.spec());
    } catch (MalformedException e) {
      throw new IllegalStateException(
          "A defined ballot's spec no longer reads: " + e.getMessage(), e);
    }
  }

  private static String words(BallotState.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
