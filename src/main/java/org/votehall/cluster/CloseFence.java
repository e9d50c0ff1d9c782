package org.votehall.cluster;

import io.vertx.core.Future;
import java.util.List;

/**
 * Closes a ballot on every member: each member shuts its {@link CloseGate} for the ballot, drains
 * the casts in flight, makes them durable and answers with its signed account of what it
 * acknowledged; when all have answered, no member will take another cast for it and every
 * acknowledged cast is in the box. A member that leaves the cluster meanwhile is not waited for:
 * its unacknowledged casts were never acknowledged, and its terminals retry elsewhere. Requests and
 * answers are signed ({@link SignedCall}), and a member shuts its gate only for a ballot its own
 * trusted view sees closing, so a replayed request shuts nothing.
 */
public final class CloseFence {
  static final String TOPIC = "fence";

  private final SignedCall call;

  private CloseFence(SignedCall call) {
    this.call = call;
  }

  /** Listens for fence requests addressed to this node. */
  public static Future<CloseFence> start(
      ClusterNode node, CloseGate gate, RecordSigner signer, FenceHandler handler) {
    return SignedCall.listen(
            node,
            signer,
            TOPIC,
            ballot ->
                node.vertx()
                    .executeBlocking(() -> handler.mayClose(ballot))
                    .compose(
                        may -> {
                          if (!may) {
                            signer
                                .incidents()
                                .report(
                                    "a fence request for "
                                        + ballot
                                        + ", which is not closing: refused");
                            return Future.failedFuture("ballot " + ballot + " is not closing");
                          }
                          return gate.close(ballot)
                              .compose(
                                  v ->
                                      node.vertx()
                                          .executeBlocking(() -> handler.acknowledged(ballot)));
                        }))
        .map(CloseFence::new);
  }

  /**
   * Fences the ballot on every member; completes with each member's account (canonical JSON, its
   * signature checked) when all have drained.
   */
  public Future<List<String>> close(String ballot) {
    return call.askAll(ballot);
  }
}
