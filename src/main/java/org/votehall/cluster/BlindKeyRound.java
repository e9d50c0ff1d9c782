package org.votehall.cluster;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gathers every member's blind public key for a secret ballot about to open: each member takes a
 * key for it (durable in its own data folder before it answers) and answers with the public half,
 * signed. So every member that is up at the open issues under one key of its own, whatever
 * restarts; a member that joins later holds no key for the ballot and issues nothing for it.
 */
public final class BlindKeyRound {
  static final String TOPIC = "blind-key";

  private final SignedCall call;

  private BlindKeyRound(SignedCall call) {
    this.call = call;
  }

  /**
   * Answers requests with {@code publicKey}: this node's durable key for the ballot (base64), or
   * empty if the ballot is not a secret draft about to open (a request replayed later is refused).
   * It blocks, and runs on a worker thread.
   */
  public static Future<BlindKeyRound> start(
      ClusterNode node, RecordSigner signer, Function<String, Optional<String>> publicKey) {
    return SignedCall.listen(
            node,
            signer,
            TOPIC,
            ballot ->
                node.vertx()
                    .executeBlocking(() -> publicKey.apply(ballot))
                    .compose(
                        key ->
                            key.map(Future::succeededFuture)
                                .orElseGet(
                                    () ->
                                        Future.failedFuture(
                                            "ballot " + ballot + " is not a secret draft"))))
        .map(BlindKeyRound::new);
  }

  /** Every member's blind public key for the ballot. */
  public Future<List<String>> collect(String ballot) {
    return call.askAll(ballot);
  }
}
