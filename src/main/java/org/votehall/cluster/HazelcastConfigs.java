package org.votehall.cluster;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.cp.RaftAlgorithmConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;

/**
 * The Hazelcast configuration of a votehall node, built in code. It keeps what Vert.x's own {@code
 * default-cluster.xml} declares (the {@code __vertx.*} structures) and adds the voting maps, each
 * with one synchronous backup so that an acknowledged write survives one member's death.
 *
 * <p>A member listens on the configured host only, and only for members: the advanced network has a
 * member endpoint and no client endpoint, so a plain Hazelcast client cannot connect at all
 * (votehall needs no client protocol, and an open one would hand every map to whoever reaches the
 * port).
 */
public final class HazelcastConfigs {
  /** Every voting map's name starts with this. */
  public static final String VOTING_MAPS = "votehall.";

  /** The split-brain protection of the voting maps (configured when minimumMembers ≥ 2). */
  public static final String PROTECTION = "votehall-minimum-members";

  private HazelcastConfigs() {}

  public static Config of(ClusterSettings s) {
    Config config = new Config();
    config.setClusterName(s.clusterName());
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    // A member that stops answering is noticed in seconds, not the default minute, so that the
    // minority side of a split starts refusing writes soon.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Members started at the same moment may form two clusters; look for the other one soon,
    // not after the default five minutes.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
    // A write whose backup no other member confirmed fails instead of passing as done: a member cut
    // off from the others then acknowledges nothing, and whatever it did acknowledge is on a
    // member of the majority side too.
    config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
    // A change to a near-cached entry (READ_MOSTLY) reaches the other members' copies at once, not
    // in a batch every ten seconds.
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    config.setAdvancedNetworkConfig(network(s));
    if (linearizable(s)) {
      cp(config);
    }
    // No JMX beans per map: votehall's own metrics are on /metrics.
    config.getMetricsConfig().getJmxConfig().setEnabled(false);
    // Anyone on the member port can put any Java-serialized value in a map: deserialize only the
    // classes a node writes (and the JDK's and the frameworks' own). Hazelcast's defaults would let
    // every "javax…" class in too (their prefix is "java"), so they are off.
    config
        .getSerializationConfig()
        .setJavaSerializationFilterConfig(
            new JavaSerializationFilterConfig()
                .setDefaultsDisabled(true)
                .setWhitelist(
                    new ClassFilter()
                        .addPrefixes(
                            "org.votehall.", "java.", "io.vertx.", "com.hazelcast.", "[")));
    vertxStructures(config);
    if (s.minimumMembers() > 1) {
      // Writes only: a side below the minimum still serves reads (results, status). Evaluated on
      // membership changes, so it is configured for real clusters only (a lone member of a
      // one-node setup would never leave the "failed" state).
      config.addSplitBrainProtectionConfig(
          new SplitBrainProtectionConfig(PROTECTION, true, s.minimumMembers())
              .setProtectOn(SplitBrainProtectionOn.WRITE));
    }
    config.addMapConfig(voting(VOTING_MAPS + "*", s));
    // Every cast reads its terminal's key (three times) and its ballot (twice or more): each member
    // keeps a copy of what it read, invalidated when the entry changes. A terminal's key never
    // changes; a ballot's status that is a moment stale cannot let a cast past a close (the close
    // shuts every member's gate first) and is re-read before any transition.
    for (String readMostly : READ_MOSTLY) {
      config.addMapConfig(
          voting(VOTING_MAPS + readMostly, s)
              .setNearCacheConfig(
                  new NearCacheConfig(VOTING_MAPS + readMostly)
                      .setInMemoryFormat(InMemoryFormat.OBJECT)
                      .setInvalidateOnChange(true)
                      .setCacheLocalEntries(true)));
    }
    return config;
  }

  /** The voting maps every cast reads, kept near each member. */
  static final java.util.List<String> READ_MOSTLY = java.util.List.of("terminals.*", "ballots");

  /** One synchronous backup, and the split-brain protection of a real cluster. */
  private static MapConfig voting(String pattern, ClusterSettings s) {
    MapConfig voting = new MapConfig(pattern).setBackupCount(1).setAsyncBackupCount(0);
    if (s.minimumMembers() > 1) {
      voting.setSplitBrainProtectionName(PROTECTION);
    }
    return voting;
  }

  /**
   * True when the cluster is listed with three members or more: Raft then has a majority to lose,
   * and ballot lifecycle transitions go through the CP subsystem.
   */
  public static boolean linearizable(ClusterSettings s) {
    return s.members().size() >= CP_MEMBERS;
  }

  static final int CP_MEMBERS = 3;

  private static void cp(Config config) {
    config
        .getCPSubsystemConfig()
        .setCPMemberCount(CP_MEMBERS)
        .setGroupSize(CP_MEMBERS)
        .setFailOnIndeterminateOperationState(true)
        // A Raft leader that dies is replaced in seconds, not the default half minute.
        .setRaftAlgorithmConfig(
            new RaftAlgorithmConfig()
                .setLeaderHeartbeatPeriodInMillis(1_000)
                .setMaxMissedLeaderHeartbeatCount(5));
  }

  private static AdvancedNetworkConfig network(ClusterSettings s) {
    AdvancedNetworkConfig network = new AdvancedNetworkConfig().setEnabled(true);
    network.setMemberEndpointConfig(
        new ServerSocketEndpointConfig()
            .setPort(s.port())
            .setPortAutoIncrement(false)
            .setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(s.host())));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(s.members());
    return network;
  }

  /**
   * Vert.x's own bookkeeping (who is a node, who listens where) is backed up without waiting for
   * the backup's ack. With {@code fail.on.indeterminate.state} a synchronous backup a peer was too
   * busy to ack in time failed the node's start ("backup acks missed" while two nodes started
   * together on a loaded machine). None of it is a vote: a node rewrites its entries when it joins.
   */
  static void vertxStructures(Config config) {
    config.addMultiMapConfig(
        new MultiMapConfig("__vertx.subs")
            .setBackupCount(0)
            .setAsyncBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(0).setAsyncBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(0).setAsyncBackupCount(1));
  }
}
