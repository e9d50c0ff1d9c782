package org.votehall.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * A question about one ballot put to every member over the event bus, with signed requests and
 * signed answers. The event bus is open to anyone who joins the cluster, so a request no trusted
 * node signed is refused unanswered and an answer no trusted node signed fails the call. A member
 * that leaves meanwhile is not waited for.
 */
final class SignedCall {
  static final String ADDRESS = "votehall.";
  private static final long TIMEOUT_MS = 30_000;
  // Longer than Hazelcast takes to drop a silent member (hazelcast.max.no.heartbeat.seconds = 10).
  private static final long DEPARTURE_MS = 15_000;
  private static final long POLL_MS = 250;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterNode node;
  private final RecordSigner signer;
  private final String topic;

  private SignedCall(ClusterNode node, RecordSigner signer, String topic) {
    this.node = node;
    this.signer = signer;
    this.topic = topic;
  }

  /** Answers this topic's requests addressed to this node with {@code answer}'s (signed) text. */
  static Future<SignedCall> listen(
      ClusterNode node,
      RecordSigner signer,
      String topic,
      Function<String, Future<String>> answer) {
    SignedCall call = new SignedCall(node, signer, topic);
    return node.vertx()
        .eventBus()
        .<String>consumer(address(topic, node.nodeId()), msg -> call.answer(msg, answer))
        .completion()
        .map(v -> call);
  }

  /** Asks every member about the ballot; completes with each answer's checked content. */
  Future<List<String>> askAll(String ballot) {
    String nonce = UUID.randomUUID().toString();
    String content = JSON.createObjectNode().put("ballot", ballot).put("nonce", nonce).toString();
    String request = text(signer.sign(topic, ballot, content));
    List<Future<String>> answers =
        node.manager().getNodes().stream()
            .map(m -> ask(m, ballot, answerKey(ballot, nonce), request))
            .toList();
    return Future.all(answers)
        .map(all -> answers.stream().map(Future::result).filter(Objects::nonNull).toList());
  }

  private void answer(Message<String> msg, Function<String, Future<String>> answer) {
    SignedRecord request = parse(msg.body());
    String ballot = request == null ? "" : field(request.content(), "ballot");
    if (request == null || !signer.holds(topic, ballot, request)) {
      msg.fail(403, "not signed by a trusted node");
      return;
    }
    // The answer is bound to this request: an answer to an earlier one cannot be replayed for it.
    String key = answerKey(ballot, field(request.content(), "nonce"));
    answer
        .apply(ballot)
        .onSuccess(text -> msg.reply(text(signer.sign(topic + "-answer", key, text))))
        .onFailure(e -> msg.fail(409, String.valueOf(e.getMessage())));
  }

  private Future<String> ask(String member, String ballot, String key, String request) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    return node.vertx()
        .eventBus()
        .<String>request(address(topic, member), request, options)
        .compose(reply -> verified(ballot, key, reply.body()))
        .recover(e -> refusedBy(e) ? Future.failedFuture(e) : departed(member, e, DEPARTURE_MS));
  }

  /** The member answered, and refused: that stands. */
  private static boolean refusedBy(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        || e instanceof IllegalStateException;
  }

  /**
   * A member that could not be reached may be dying: the cluster drops a silent member within
   * seconds (docs/architecture.md), and one that left is not waited for. Still a member then, the
   * call fails.
   */
  private Future<String> departed(String member, Throwable e, long leftMs) {
    if (!stillMember(member)) {
      return Future.succeededFuture();
    }
    if (leftMs <= 0) {
      return Future.failedFuture(e);
    }
    return node.vertx().timer(POLL_MS).compose(t -> departed(member, e, leftMs - POLL_MS));
  }

  private Future<String> verified(String ballot, String key, String answer) {
    SignedRecord record = parse(answer);
    if (record == null || !signer.holds(topic + "-answer", key, record)) {
      return Future.failedFuture(
          new IllegalStateException(
              "a member answered " + topic + " of " + ballot + " without a trusted signature"));
    }
    return Future.succeededFuture(record.content());
  }

  private boolean stillMember(String member) {
    return node.manager().getNodes().contains(member);
  }

  static String address(String topic, String nodeId) {
    return ADDRESS + topic + "." + nodeId;
  }

  private static String answerKey(String ballot, String nonce) {
    return ballot + " " + nonce;
  }

  private static String field(String content, String name) {
    try {
      return JSON.readTree(content).path(name).asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  /** A signed record as a message body: {@code {"content", "node", "signature"}}. */
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
