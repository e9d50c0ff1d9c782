package org.votehall.cluster;

/**
 * What a node does when asked to fence a ballot. Both calls block (they read maps and flush the
 * ledger), and run on a worker thread.
 */
public interface FenceHandler {
  /** True if this node's trusted view says the ballot is closing (or already past it). */
  boolean mayClose(String ballot);

  /**
   * Called once no cast for the ballot is in flight here: makes every cast this node acknowledged
   * durable in its ledger and returns its account of them (canonical JSON), which the closing node
   * compares with the box.
   */
  String acknowledged(String ballot);
}
