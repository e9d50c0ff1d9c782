package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a cluster failure means, however deep in the causes it is. */
class ClusterFaultsTest {
  private final Throwable unconfirmed =
      new CompletionException(new IndeterminateOperationStateException("backup acks missed"));
  private final Throwable minority =
      new IllegalStateException(new SplitBrainProtectionException("too few members"));

  @Test
  void anUnconfirmedBackupIsNoMajorityAndMayBeRetried() {
    assertTrue(ClusterFaults.isNoMajority(unconfirmed));
    assertTrue(ClusterFaults.isUnconfirmedBackup(unconfirmed));
  }

  @Test
  void aMinoritySideIsNoMajorityButNotAnUnconfirmedBackup() {
    assertTrue(ClusterFaults.isNoMajority(minority));
    assertFalse(ClusterFaults.isUnconfirmedBackup(minority));
    assertFalse(ClusterFaults.isUnconfirmedBackup(new IllegalStateException("a bug")));
    assertFalse(ClusterFaults.isNoMajority(new IllegalStateException("a bug")));
  }
}
