package org.votehall.simulate;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/**
 * A node's answer to one attempt, or its absence ({@code status} 0, with the failure: connection
 * refused or reset, timeout).
 */
public record Reply(
    int node, int status, Buffer body, String date, String retryAfter, Throwable failure) {

  static Reply of(int node, HttpResponse<Buffer> response) {
    return new Reply(
        node,
        response.statusCode(),
        response.body() == null ? Buffer.buffer() : response.body(),
        response.getHeader("Date"),
        response.getHeader("Retry-After"),
        null);
  }

  static Reply none(int node, Throwable failure) {
    return new Reply(node, 0, Buffer.buffer(), null, null, failure);
  }

  /** No answer at all: the request may or may not have landed. */
  public boolean unanswered() {
    return status == 0;
  }

  /**
   * No connection could be made (refused, unreachable): the request never reached the node, so it
   * cannot have landed.
   */
  public boolean neverSent() {
    return status == 0 && failure instanceof java.net.ConnectException;
  }

  /** The {@code error} code of an error body, or null. */
  public String code() {
    if (status < 400 || body.length() == 0) {
      return null;
    }
    try {
      return new JsonObject(body).getString("error");
    } catch (RuntimeException e) {
      return null;
    }
  }

  public JsonObject json() {
    return new JsonObject(body);
  }

  /** How the attempt ended, in a few words for the log. */
  public String describe() {
    if (status == 0) {
      String message = failure == null ? "no answer" : failure.getMessage();
      return "no answer ("
          + (message == null ? failure.getClass().getSimpleName() : message.strip())
          + ")";
    }
    String code = code();
    return status + (code == null ? "" : " " + code);
  }
}
