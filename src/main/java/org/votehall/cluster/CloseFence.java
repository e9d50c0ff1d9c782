package org.votehall.cluster;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;

/**
 * Closes a ballot on every member: each member shuts its {@link CloseGate} for the ballot, drains
 * the casts in flight and answers; when all have answered, no member will take another cast for it
 * and every acknowledged cast is in the box. A member that leaves the cluster meanwhile is not
 * waited for: its unacknowledged casts were never acknowledged, and its terminals retry elsewhere.
 */
public final class CloseFence {
  private static final String ADDRESS = "votehall.fence.";
  private static final long TIMEOUT_MS = 30_000;

  private final ClusterNode node;
  private final CloseGate gate;

  private CloseFence(ClusterNode node, CloseGate gate) {
    this.node = node;
    this.gate = gate;
  }

  /** Listens for fence requests addressed to this node. */
  public static Future<CloseFence> start(ClusterNode node, CloseGate gate) {
    CloseFence fence = new CloseFence(node, gate);
    return node.vertx()
        .eventBus()
        .<String>consumer(
            ADDRESS + node.nodeId(),
            msg -> gate.close(msg.body()).onComplete(r -> msg.reply("drained")))
        .completion()
        .map(v -> fence);
  }

  /** Fences the ballot on every member; completes when all members have drained. */
  public Future<Void> close(String ballot) {
    List<String> members = node.manager().getNodes();
    List<Future<Void>> drained = members.stream().map(member -> fence(member, ballot)).toList();
    return Future.all(drained).mapEmpty();
  }

  private Future<Void> fence(String member, String ballot) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    return node.vertx()
        .eventBus()
        .request(ADDRESS + member, ballot, options)
        .<Void>mapEmpty()
        .recover(e -> stillMember(member) ? Future.failedFuture(e) : Future.succeededFuture());
  }

  private boolean stillMember(String member) {
    return node.manager().getNodes().contains(member);
  }
}
