package org.votehall.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Closes a ballot on every member: each member shuts its {@link CloseGate} for the ballot, drains
 * the casts in flight, makes them durable and answers with its signed account of what it
 * acknowledged; when all have answered, no member will take another cast for it and every
 * acknowledged cast is in the box. A member that leaves the cluster meanwhile is not waited for:
 * its unacknowledged casts were never acknowledged, and its terminals retry elsewhere.
 *
 * <p>The event bus is open to anyone who joins the cluster, so requests and answers are signed
 * records ({@link RecordSigner}): a request no trusted node signed, or one for a ballot this node
 * does not see closing, shuts nothing; an answer no trusted node signed fails the close.
 */
public final class CloseFence {
  static final String ADDRESS = "votehall.fence.";
  private static final String REQUEST = "fence";
  private static final String ANSWER = "fence-answer";
  private static final long TIMEOUT_MS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterNode node;
  private final RecordSigner signer;

  private CloseFence(ClusterNode node, RecordSigner signer) {
    this.node = node;
    this.signer = signer;
  }

  /** Listens for fence requests addressed to this node. */
  public static Future<CloseFence> start(
      ClusterNode node, CloseGate gate, RecordSigner signer, FenceHandler handler) {
    CloseFence fence = new CloseFence(node, signer);
    return node.vertx()
        .eventBus()
        .<String>consumer(ADDRESS + node.nodeId(), msg -> fence.answer(msg, gate, handler))
        .completion()
        .map(v -> fence);
  }

  /**
   * Fences the ballot on every member; completes with each member's account (canonical JSON, its
   * signature checked) when all have drained.
   */
  public Future<List<String>> close(String ballot) {
    String content =
        JSON.createObjectNode()
            .put("ballot", ballot)
            .put("nonce", UUID.randomUUID().toString())
            .toString();
    String request = text(signer.sign(REQUEST, ballot, content));
    List<Future<String>> answers =
        node.manager().getNodes().stream().map(m -> fence(m, ballot, request)).toList();
    return Future.all(answers)
        .map(all -> answers.stream().map(Future::result).filter(Objects::nonNull).toList());
  }

  private void answer(Message<String> msg, CloseGate gate, FenceHandler handler) {
    SignedRecord request = parse(msg.body());
    String ballot = request == null ? "" : ballotOf(request.content());
    if (request == null || !signer.holds(REQUEST, ballot, request)) {
      msg.fail(403, "not signed by a trusted node");
      return;
    }
    node.vertx()
        .executeBlocking(() -> handler.mayClose(ballot))
        .compose(
            may -> {
              if (!may) {
                signer
                    .incidents()
                    .report("a fence request for " + ballot + ", which is not closing: refused");
                return Future.failedFuture("ballot " + ballot + " is not closing");
              }
              return gate.close(ballot)
                  .compose(v -> node.vertx().executeBlocking(() -> handler.acknowledged(ballot)));
            })
        .onSuccess(account -> msg.reply(text(signer.sign(ANSWER, ballot, account))))
        .onFailure(e -> msg.fail(409, e.getMessage()));
  }

  private Future<String> fence(String member, String ballot, String request) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    return node.vertx()
        .eventBus()
        .<String>request(ADDRESS + member, request, options)
        .compose(reply -> verified(ballot, reply.body()))
        .recover(e -> stillMember(member) ? Future.failedFuture(e) : Future.succeededFuture());
  }

  private Future<String> verified(String ballot, String answer) {
    SignedRecord record = parse(answer);
    if (record == null || !signer.holds(ANSWER, ballot, record)) {
      return Future.failedFuture(
          new IllegalStateException(
              "a member answered the fence of " + ballot + " without a trusted signature"));
    }
    return Future.succeededFuture(record.content());
  }

  private boolean stillMember(String member) {
    return node.manager().getNodes().contains(member);
  }

  private static String ballotOf(String content) {
    try {
      return JSON.readTree(content).path("ballot").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  static String text(SignedRecord record) {
    return JSON.createObjectNode()
        .put("content", record.content())
        .put("node", record.node())
        .put("signature", record.signature())
        .toString();
  }

  private static SignedRecord parse(String text) {
    try {
      JsonNode json = JSON.readTree(text == null ? "" : text);
      if (json == null
          || !json.path("content").isTextual()
          || !json.path("node").isTextual()
          || !json.path("signature").isTextual()) {
        return null;
      }
      return new SignedRecord(
          json.get("content").asText(), json.get("node").asText(), json.get("signature").asText());
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
