package org.votehall.cluster;

import com.hazelcast.core.HazelcastInstance;

/**
 * The one door to the cluster's maps: every map is a {@link SignedMap} (records signed by the
 * writing node, checked on every read), named under {@link HazelcastConfigs#VOTING_MAPS}. Nothing
 * outside this package touches Hazelcast.
 */
public final class ClusterStores {
  private final HazelcastInstance hazelcast;
  private final RecordSigner signer;
  private final CpRegisters registers;

  public ClusterStores(ClusterNode node, RecordSigner signer) {
    this(node.hazelcast(), signer, node.linearizable());
  }

  ClusterStores(HazelcastInstance hazelcast, RecordSigner signer, boolean linearizable) {
    this.hazelcast = hazelcast;
    this.signer = signer;
    this.registers = linearizable ? new CpRegisters(hazelcast) : null;
  }

  /** The ballots' boxes. */
  public CastStore boxes() {
    return new CastStore(hazelcast, signer);
  }

  public <T> SignedMap<T> map(String name, RecordCodec<T> codec) {
    return new SignedMap<>(
        name, hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + name), codec, signer);
  }

  /**
   * A map whose compare-and-set goes through a linearizable register per key when the cluster has a
   * CP subsystem (three members or more), and through the map alone otherwise (one or two nodes,
   * where Hazelcast's CP would only pretend).
   */
  public <T> SignedMap<T> linearizable(String name, RecordCodec<T> codec) {
    return new SignedMap<>(
        name, hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + name), codec, signer, registers);
  }

  public RecordSigner signer() {
    return signer;
  }
}
