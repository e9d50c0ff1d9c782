package org.votehall.cluster;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/** What a failure from the cluster means to the caller. */
public final class ClusterFaults {
  private ClusterFaults() {}

  /**
   * True if the failure, or one of its causes, is the split-brain protection refusing a write: this
   * side of the cluster is below its minimum membership.
   */
  public static boolean isNoMajority(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SplitBrainProtectionException) {
        return true;
      }
    }
    return false;
  }
}
