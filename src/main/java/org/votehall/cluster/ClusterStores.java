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

  public ClusterStores(ClusterNode node, RecordSigner signer) {
    this(node.hazelcast(), signer);
  }

  ClusterStores(HazelcastInstance hazelcast, RecordSigner signer) {
    this.hazelcast = hazelcast;
    this.signer = signer;
  }

  /** The ballots' boxes. */
  public CastStore boxes() {
    return new CastStore(hazelcast, signer);
  }

  public <T> SignedMap<T> map(String name, RecordCodec<T> codec) {
    return new SignedMap<>(
        name, hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + name), codec, signer);
  }

  public RecordSigner signer() {
    return signer;
  }
}
