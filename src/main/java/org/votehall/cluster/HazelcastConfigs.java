package org.votehall.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;

/**
 * The Hazelcast configuration of a votehall node, built in code. It keeps what Vert.x's own {@code
 * default-cluster.xml} declares (the {@code __vertx.*} structures) and adds the voting maps, each
 * with one synchronous backup so that an acknowledged write survives one member's death.
 */
public final class HazelcastConfigs {
  /** Every voting map's name starts with this. */
  public static final String VOTING_MAPS = "votehall.";

  private static final String PROTECTION = "votehall-minimum-members";

  private HazelcastConfigs() {}

  public static Config of(ClusterSettings s) {
    Config config = new Config();
    config.setClusterName(s.clusterName());
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config
        .getNetworkConfig()
        .setPort(s.port())
        .setPortAutoIncrement(false)
        .getInterfaces()
        .setEnabled(true)
        .addInterface(s.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(s.members());
    config.addMultiMapConfig(
        new MultiMapConfig("__vertx.subs")
            .setBackupCount(1)
            .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    MapConfig voting = new MapConfig(VOTING_MAPS + "*").setBackupCount(1).setAsyncBackupCount(0);
    if (s.minimumMembers() > 1) {
      // Evaluated on membership changes only: a lone member would stay "failed" forever, and a
      // minimum of one protects nothing, so it is configured for real clusters only.
      config.addSplitBrainProtectionConfig(
          new SplitBrainProtectionConfig(PROTECTION, true, s.minimumMembers()));
      voting.setSplitBrainProtectionName(PROTECTION);
    }
    config.addMapConfig(voting);
    return config;
  }
}
