package org.votehall.hall;

import io.vertx.core.Future;
import java.util.List;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.CloseFence;
import org.votehall.cluster.CloseGate;
import org.votehall.cluster.ClusterNode;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.vault.BlindKeyVault;

/**
 * One node's hall: the sittings, the ballots and the casting, over the cluster's maps and this
 * node's ledger. Every method of the services blocks; the HTTP layer calls them on workers.
 */
public final class Hall {
  private final Sittings sittings;
  private final Ballots ballots;
  private final Casting casting;
  private final Replay.Report replayed;
  private final ClusterNode node;
  private final Ledger ledger;
  private final PinHasher pins;

  private Hall(
      Sittings sittings,
      Ballots ballots,
      Casting casting,
      Replay.Report replayed,
      ClusterNode node,
      Ledger ledger,
      PinHasher pins) {
    this.sittings = sittings;
    this.ballots = ballots;
    this.casting = casting;
    this.replayed = replayed;
    this.node = node;
    this.ledger = ledger;
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

  /** True unless the ledger's last write failed (or it is closed). */
  public boolean ledgerWritable() {
    return ledger.writable();
  }

  /** What replaying this node's ledger at start did. */
  public Replay.Report replayed() {
    return replayed;
  }

  /**
   * Wires the services and announces this node's public key to the cluster (for bundles). {@code
   * blindKeys} keeps this node's blind-signing keys (the caller opens and closes it); {@code pins}
   * hashes and checks PINs with the cluster's pepper.
   */
  public static Future<Hall> start(
      ClusterNode node,
      Ledger ledger,
      SigningKey nodeKey,
      BlindKeyVault blindKeys,
      PinHasher pins) {
    return start(node, ledger, nodeKey, blindKeys, pins, List.of());
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
    CloseGate gate = new CloseGate();
    HallMaps maps = new HallMaps(node.hazelcast());
    HallLedger events = new HallLedger(ledger);
    CastStore casts = new CastStore(node.hazelcast());
    BlindKeyring keyring = new BlindKeyring(blindKeys);
    return CloseFence.start(node, gate)
        .compose(
            fence ->
                node.vertx()
                    .executeBlocking(
                        () -> {
                          maps.nodeKeys()
                              .putIfAbsent(
                                  nodeKey.verifyingKey().fingerprint(),
                                  nodeKey.verifyingKey().base64());
                          Sittings sittings = new Sittings(maps, events);
                          Sealing sealing = new Sealing(maps, events, casts, nodeKey);
                          Ballots ballots =
                              new Ballots(maps, events, sittings, keyring, fence, sealing, casts);
                          Replay.Report report = new Replay(maps, casts).apply(replay);
                          return new Hall(
                              sittings,
                              ballots,
                              new Casting(maps, events, casts, gate, keyring),
                              report,
                              node,
                              ledger,
                              pins);
                        }));
  }

  public Sittings sittings() {
    return sittings;
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
