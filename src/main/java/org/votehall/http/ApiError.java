package org.votehall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.votehall.cluster.ClusterFaults;
import org.votehall.hall.Refusal;

/**
 * Every error is {@code {"error": CODE, "message": TEXT}}; refusals map to statuses here, once.
 * Refusals are logged at INFO with their code, faults (5xx) at ERROR with their stack trace —
 * except for secret casts, of which nothing is logged.
 */
final class ApiError {
  private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

  private ApiError() {}

  static int status(Refusal.Code code) {
    return switch (code) {
      case MALFORMED -> 400;
      case WRONG_PIN, BAD_SIGNATURE, SIGNED_BEFORE_START -> 401;
      case UNKNOWN -> 404;
      case LOCKED -> 423;
      case NOT_CHECKED_IN, NOT_ISSUED, BAD_CODE -> 403;
      case NOT_OPEN,
          ALREADY_VOTED,
          ALREADY_ISSUED,
          NO_QUORUM,
          CONFLICT,
          SEAL_REFUSED,
          NOT_ANNOUNCED,
          AWAITING_COUNTERSIGNATURES,
          COUNTERSIGN_REFUSED ->
          409;
    };
  }

  static void refuse(RoutingContext rc, Refusal refusal) {
    if (!SecretCasts.is(rc)) {
      LOG.info(
          "refused {} {}: {} ({})",
          rc.request().method(),
          rc.normalizedPath(),
          refusal.code().wire(),
          refusal.message());
    }
    JsonObject body =
        new JsonObject().put("error", refusal.code().wire()).put("message", refusal.message());
    refusal.details().forEach((name, items) -> body.put(name, new JsonArray(items)));
    write(rc, status(refusal.code()), body);
  }

  static void send(RoutingContext rc, int status, String code, String message) {
    if (status < 500 && !SecretCasts.is(rc)) {
      LOG.info("refused {} {}: {}", rc.request().method(), rc.normalizedPath(), code);
    }
    write(rc, status, code, message);
  }

  /** 429 with {@code Retry-After} in whole seconds. */
  static void tooMany(RoutingContext rc, Duration wait, String what) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    rc.response().putHeader("Retry-After", Long.toString(seconds));
    send(rc, 429, "too-many-requests", what + ": try again in " + seconds + " s");
  }

  /** 503: this node's side of the cluster is below its minimum membership. */
  static void noMajority(RoutingContext rc, int members, int minimum) {
    logNoMajority(rc);
    write(
        rc,
        503,
        "no-majority",
        "this node sees "
            + members
            + " of the "
            + minimum
            + " cluster members it needs, so it takes no writes (reads still work): try another"
            + " node, or wait for the cluster to heal");
  }

  private static void logNoMajority(RoutingContext rc) {
    if (!SecretCasts.is(rc)) {
      LOG.info("refused {} {}: no-majority", rc.request().method(), rc.normalizedPath());
    }
  }

  private static void write(RoutingContext rc, int status, String code, String message) {
    write(rc, status, new JsonObject().put("error", code).put("message", message));
  }

  private static void write(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(body.encode());
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
    } else if (status == 413) {
      send(rc, 413, "too-large", "the request body is larger than the server takes");
    } else if (status < 500) {
      send(rc, status, "refused", failure == null ? "refused" : failure.getMessage());
    } else if (ClusterFaults.isNoMajority(failure)) {
      logNoMajority(rc);
      write(
          rc,
          503,
          "no-majority",
          "this node's side of the cluster lost its minimum membership, so it takes no writes"
              + " (reads still work): try another node; nothing was acknowledged");
    } else {
      if (!SecretCasts.is(rc)) {
        LOG.error("failed {} {}", rc.request().method(), rc.normalizedPath(), failure);
      }
      write(
          rc,
          500,
          "internal",
          "the server failed; nothing was acknowledged"
              + (failure == null ? "" : ": " + failure.getClass().getSimpleName()));
    }
  }
}
