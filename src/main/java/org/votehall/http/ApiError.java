package org.votehall.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.votehall.hall.Refusal;

/** Every error is {@code {"error": CODE, "message": TEXT}}; refusals map to statuses here, once. */
final class ApiError {
  private ApiError() {}

  static int status(Refusal.Code code) {
    return switch (code) {
      case MALFORMED -> 400;
      case WRONG_PIN, BAD_SIGNATURE -> 401;
      case UNKNOWN -> 404;
      case NOT_CHECKED_IN, NOT_ISSUED -> 403;
      case NOT_OPEN, ALREADY_VOTED, ALREADY_ISSUED, NO_QUORUM, CONFLICT -> 409;
    };
  }

  static void refuse(RoutingContext rc, Refusal refusal) {
    send(rc, status(refusal.code()), refusal.code().wire(), refusal.message());
  }

  static void send(RoutingContext rc, int status, String code, String message) {
    if (rc.response().ended()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }

  /** The router's failure handler: contract violations, unknown routes, and faults. */
  static void onFailure(RoutingContext rc) {
    Throwable failure = rc.failure();
    int status =
        rc.statusCode() > 0
            ? rc.statusCode()
            : failure instanceof HttpException h ? h.getStatusCode() : 500;
    if (status == 400) {
      Throwable cause =
          failure != null && failure.getCause() != null ? failure.getCause() : failure;
      send(
          rc,
          400,
          "invalid-request",
          "the request does not follow the API contract: "
              + (cause == null ? "bad request" : cause.getMessage()));
    } else if (status == 404) {
      send(rc, 404, "not-found", "no such resource: " + rc.request().path());
    } else if (status == 405) {
      send(
          rc,
          405,
          "method-not-allowed",
          rc.request().method() + " is not allowed on " + rc.request().path());
    } else if (status < 500) {
      send(rc, status, "refused", failure == null ? "refused" : failure.getMessage());
    } else {
      send(
          rc,
          500,
          "internal",
          "the server failed; nothing was acknowledged"
              + (failure == null ? "" : ": " + failure.getClass().getSimpleName()));
    }
  }
}
