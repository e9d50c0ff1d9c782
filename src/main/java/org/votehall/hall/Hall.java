package org.votehall.hall;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.votehall.cluster.BlindKeyRound;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.CloseFence;
import org.votehall.cluster.CloseGate;
import org.votehall.cluster.ClusterFaults;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterStores;
import org.votehall.cluster.Incidents;
import org.votehall.cluster.RecordSigner;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.vault.BlindKeyVault;

/**
 * One node's hall: the sittings, the ballots and the casting, over the cluster's maps and this
 * node's ledger. Every method of the services blocks; the HTTP layer calls them on workers.
 */
public final class Hall {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hall.class);
  private static final long WITNESS_MS = 5_000;
  private static final long REPLAYS_MS = 1_000;

  private final Sittings sittings;
  private final Ballots ballots;
  private final Casting casting;
  private final Replay.Report replayed;
  private final ClusterNode node;
  private final Ledger ledger;
  private final Witnesses witnesses;
  private final Incidents incidents;
  private final PinHasher pins;
  private final Enrolments enrolments;
  private final Scrutineers scrutineers;
  private final Countersignatures countersignatures;
  private final ColdStart coldStart;
  // Refreshed off the event loop every second: the HTTP layer reads it on every write.
  private volatile List<String> awaitedReplays;

  private Hall(
      Sittings sittings,
      Ballots ballots,
      Casting casting,
      Replay.Report replayed,
      ClusterNode node,
      Ledger ledger,
      Witnesses witnesses,
      Incidents incidents,
      PinHasher pins,
      Enrolments enrolments,
      Scrutineers scrutineers,
      Countersignatures countersignatures,
      ColdStart coldStart,
      List<String> awaitedReplays) {
    this.coldStart = coldStart;
    this.awaitedReplays = awaitedReplays;
    this.sittings = sittings;
    this.enrolments = enrolments;
    this.scrutineers = scrutineers;
    this.countersignatures = countersignatures;
    this.ballots = ballots;
    this.casting = casting;
    this.replayed = replayed;
    this.node = node;
    this.ledger = ledger;
    this.witnesses = witnesses;
    this.incidents = incidents;
    this.pins = pins;
  }

  /** True while this node's side of the cluster has the minimum membership to take writes. */
  public boolean hasMajority() {
    return node.hasMajority();
  }

  /** The members this node sees, itself included. */
  public int members() {
    return node.members();
  }

  /** The minimum membership this node needs to take writes. */
  public int minimumMembers() {
    return node.settings().minimumMembers();
  }

  /** True unless the ledger's last write failed (or it is closed, or found cut). */
  public boolean ledgerWritable() {
    return ledger.writable() && !witnesses.ledgerCut();
  }

  /** What replaying this node's ledger at start did. */
  public Replay.Report replayed() {
    return replayed;
  }

  /**
   * Wires the services, trusting only this node's key (a single node; tests). {@code blindKeys}
   * keeps this node's blind-signing keys (the caller opens and closes it); {@code pins} hashes and
   * checks PINs with the cluster's pepper.
   */
  public static Future<Hall> start(
      ClusterNode node,
      Ledger ledger,
      SigningKey nodeKey,
      BlindKeyVault blindKeys,
      PinHasher pins) {
    return start(node, ledger, nodeKey, List.of(), blindKeys, pins, List.of());
  }

  /**
   * As {@link #start(ClusterNode, Ledger, SigningKey, BlindKeyVault, PinHasher)}, first replaying
   * {@code replay} into the maps.
   */
  public static Future<Hall> start(
      ClusterNode node,
      Ledger ledger,
      SigningKey nodeKey,
      BlindKeyVault blindKeys,
      PinHasher pins,
      List<LedgerEntry> replay) {
    return start(node, ledger, nodeKey, List.of(), blindKeys, pins, replay);
  }

  /**
   * Wires the services over the cluster's signed maps, trusting records signed by {@code trusted}
   * node keys (and this node's), replays {@code replay} into the maps, and checks that no peer
   * witnessed a checkpoint of this node's that its ledger lost: then the start fails.
   */
  public static Future<Hall> start(
      ClusterNode node,
      Ledger ledger,
      SigningKey nodeKey,
      List<VerifyingKey> trusted,
      BlindKeyVault blindKeys,
      PinHasher pins,
      List<LedgerEntry> replay) {
    Incidents incidents = new Incidents(Clock.systemUTC());
    RecordSigner signer = new RecordSigner(nodeKey, trusted, incidents);
    ClusterStores stores = new ClusterStores(node, signer);
    HallMaps maps = new HallMaps(stores);
    Wiring w =
        new Wiring(
            node,
            ledger,
            nodeKey,
            pins,
            signer,
            maps,
            stores.boxes(),
            new Acknowledgements(),
            new Witnesses(maps, signer.fingerprint(), signer.trustedKeys()),
            new HallLedger(ledger),
            new BlindKeyring(blindKeys),
            new CloseGate(),
            new ColdStart(maps, signer.fingerprint(), signer.trustedKeys()));
    // Replay first: a node answers the fence and the key round only once its account is whole.
    return node.vertx()
        .executeBlocking(() -> replayPatiently(w, replay))
        .compose(w::listenAndAssemble);
  }

  private static final int REPLAY_ATTEMPTS = 3;

  /**
   * Replays the ledger, again if a write's backup went unconfirmed (a peer too busy to ack while
   * nodes start together): every step of a replay is idempotent, and a start should not fail on one
   * slow ack.
   */
  private static Replay.Report replayPatiently(Wiring w, List<LedgerEntry> replay)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return w.replay(replay);
      } catch (RuntimeException e) {
        if (!ClusterFaults.isUnconfirmedBackup(e) || attempt == REPLAY_ATTEMPTS) {
          throw e;
        }
        LOG.warn("replay: a write's backup went unconfirmed ({}); replaying again", e.getMessage());
        Thread.sleep(2_000);
      }
    }
  }

  /** The parts one node's hall is made of, and the order they start in. */
  private record Wiring(
      ClusterNode node,
      Ledger ledger,
      SigningKey nodeKey,
      PinHasher pins,
      RecordSigner signer,
      HallMaps maps,
      CastStore casts,
      Acknowledgements acks,
      Witnesses witnesses,
      HallLedger events,
      BlindKeyring keyring,
      CloseGate gate,
      ColdStart coldStart) {

    /** Replays the ledger; refuses to go on if a peer witnessed what this ledger lost. */
    Replay.Report replay(List<LedgerEntry> entries) {
      // Near-cached, its proxy registers a listener on every member when it is made: made now,
      // not by a timer that could race the node's stop.
      maps.ballots();
      Incidents incidents = signer.incidents();
      Replay.Report report = new Replay(maps, casts, acks, witnesses).apply(entries);
      report.incidents().forEach(incidents::report);
      pinsReadable(maps, pins, incidents);
      witnesses.publish();
      List<String> cuts = witnesses.cuts();
      if (!cuts.isEmpty()) {
        cuts.forEach(incidents::report);
        throw new IllegalStateException("the ledger lost acknowledged entries: " + cuts.get(0));
      }
      coldStart.replayed();
      return report;
    }

    /** Answers the fence and the key round, then builds the services. */
    Future<Hall> listenAndAssemble(Replay.Report report) {
      Future<CloseFence> fence =
          CloseFence.start(
              node, gate, signer, new Fencing(maps, ledger, acks, signer.fingerprint()));
      Future<BlindKeyRound> keys =
          BlindKeyRound.start(node, signer, ballot -> keyFor(maps, keyring, ballot));
      return Future.all(fence, keys)
          .map(started -> assemble(report, fence.result(), keys.result()));
    }

    private Hall assemble(Replay.Report report, CloseFence fence, BlindKeyRound keys) {
      Sittings sittings = new Sittings(maps, events, pins, acks);
      Scrutineers scrutineers = new Scrutineers(maps, events);
      Countersignatures countersignatures = new Countersignatures(maps, events, signer.incidents());
      Sealing sealing = new Sealing(maps, events, casts, nodeKey, signer);
      Ballots ballots =
          new Ballots(
              maps,
              events,
              sittings,
              keys,
              fence,
              sealing,
              casts,
              acks,
              scrutineers,
              countersignatures);
      Hall hall =
          new Hall(
              sittings,
              ballots,
              new Casting(maps, events, casts, gate, keyring, acks),
              report,
              node,
              ledger,
              witnesses,
              signer.incidents(),
              pins,
              new Enrolments(maps, sittings),
              scrutineers,
              countersignatures,
              coldStart,
              coldStart.awaited());
      hall.witnessEvery(events);
      hall.watchReplays();
      return hall;
    }
  }

  /**
   * A roster hashed without this cluster's pepper (or with another) would refuse every PIN as wrong
   * and lock deputies out without saying why: say it once, as an incident.
   */
  private static void pinsReadable(HallMaps maps, PinHasher pins, Incidents incidents) {
    maps.sittings()
        .entries()
        .forEach(
            (id, sitting) ->
                pins.problem(sitting.decoyPinHash())
                    .ifPresent(
                        problem ->
                            incidents.report(
                                "the roster of sitting "
                                    + id
                                    + " was not hashed with this node's PIN pepper: "
                                    + problem)));
  }

  /** This node's durable blind key for a secret draft about to open; none for anything else. */
  private static Optional<String> keyFor(HallMaps maps, BlindKeyring keyring, String ballot) {
    BallotState state = maps.ballots().get(ballot);
    boolean secretDraft =
        state != null
            && state.status() == BallotState.Status.DRAFT
            && Ballots.spec(state).header().secret();
    return secretDraft
        ? Optional.of(keyring.forBallot(ballot).publicKey().base64())
        : Optional.empty();
  }

  private void witnessEvery(HallLedger events) {
    node.vertx()
        .setPeriodic(
            WITNESS_MS,
            id ->
                node.vertx()
                    .executeBlocking(
                        () -> {
                          ledger.lastCheckpoint().ifPresent(witnesses::own);
                          witnesses.witness(events::record);
                          witnesses.cuts().forEach(incidents::report);
                          return null;
                        })
                    .onFailure(
                        e -> {
                          if (node.running()) {
                            LOG.warn("witnessing peers' checkpoints failed", e);
                          }
                        }));
  }

  private void watchReplays() {
    node.vertx()
        .setPeriodic(
            REPLAYS_MS,
            id ->
                node.vertx()
                    .executeBlocking(coldStart::awaited)
                    .onSuccess(
                        awaited -> {
                          if (!awaited.equals(awaitedReplays)) {
                            LOG.info(
                                awaited.isEmpty()
                                    ? "every node that acknowledged anything has replayed its"
                                        + " ledger: writes go on"
                                    : "writes wait for these nodes to replay their ledgers: {}",
                                awaited);
                          }
                          awaitedReplays = awaited;
                        })
                    .onFailure(
                        e -> {
                          if (node.running()) {
                            LOG.warn("reading who replayed failed", e);
                          }
                        }));
  }

  /**
   * The nodes (key fingerprints) whose ledgers the cluster's memory still lacks after every node
   * stopped ({@link ColdStart}); writes wait while any is missing. Empty in a running cluster.
   */
  public List<String> awaitedReplays() {
    return awaitedReplays;
  }

  /** True once a peer witnessed a checkpoint this node's ledger lost: it takes no writes. */
  public boolean ledgerCut() {
    return witnesses.ledgerCut();
  }

  /** What this node found wrong in what the cluster holds or sends. */
  public Incidents incidents() {
    return incidents;
  }

  public Sittings sittings() {
    return sittings;
  }

  /** One-time codes that enrol a seat's tablet as a terminal. */
  public Enrolments enrolments() {
    return enrolments;
  }

  /** The scrutineers of each sitting, and their enrolment. */
  public Scrutineers scrutineers() {
    return scrutineers;
  }

  /** The scrutineers' countersignatures of sealed results. */
  public Countersignatures countersignatures() {
    return countersignatures;
  }

  /** Each node's latest signed checkpoint, as it published it: node fingerprint → JSON. */
  public java.util.Map<String, String> checkpoints() {
    return witnesses.published();
  }

  public Ballots ballots() {
    return ballots;
  }

  public Casting casting() {
    return casting;
  }

  /** PIN hashes keyed with the cluster's pepper: to hash a roster's PINs and check a check-in's. */
  public PinHasher pins() {
    return pins;
  }
}
