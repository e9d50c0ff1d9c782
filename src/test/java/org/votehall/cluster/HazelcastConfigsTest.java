package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which writes wait for a backup's ack, and which do not. */
class HazelcastConfigsTest {
  private final Config config =
      HazelcastConfigs.of(
          new ClusterSettings(
              "configs",
              "127.0.0.1",
              5701,
              List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"),
              2));

  @Test
  void votesWaitForTheirBackup() {
    var ballots = config.getMapConfig(HazelcastConfigs.VOTING_MAPS + "casts.e1");
    assertEquals(1, ballots.getBackupCount());
    assertEquals(0, ballots.getAsyncBackupCount());
    assertEquals(HazelcastConfigs.PROTECTION, ballots.getSplitBrainProtectionName());
  }

  @Test
  void vertxBookkeepingDoesNotWaitForABusyPeer() {
    for (String map : List.of("__vertx.nodeInfo", "__vertx.haInfo")) {
      assertEquals(0, config.getMapConfig(map).getBackupCount(), map);
      assertEquals(1, config.getMapConfig(map).getAsyncBackupCount(), map);
    }
    var subs = config.getMultiMapConfig("__vertx.subs");
    assertEquals(0, subs.getBackupCount());
    assertEquals(1, subs.getAsyncBackupCount());
  }
}
