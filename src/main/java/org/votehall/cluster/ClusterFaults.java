package org.votehall.cluster;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/** What a failure from the cluster means to the caller. */
public final class ClusterFaults {
  private ClusterFaults() {}

  /**
   * True if the failure, or one of its causes, says this side of the cluster cannot reach a
   * majority: the split-brain protection refused a write, the CP subsystem did not answer, or a
   * write's backup was never confirmed by another member (so it was not acknowledged; an identical
   * retry elsewhere is safe).
   */
  public static boolean isNoMajority(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SplitBrainProtectionException
          || t instanceof NoMajorityException
          || t instanceof IndeterminateOperationStateException) {
        return true;
      }
    }
    return false;
  }

  /** True if the failure, or one of its causes, is a write no backup confirmed in time. */
  public static boolean isUnconfirmedBackup(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IndeterminateOperationStateException) {
        return true;
      }
    }
    return false;
  }
}
