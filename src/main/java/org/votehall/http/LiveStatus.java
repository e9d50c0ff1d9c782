package org.votehall.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.votehall.hall.Outcome;

/**
 * The live feed (server-sent events): one status a second per sitting, computed once (it runs a
 * cluster aggregation) and written to every screen watching that sitting. A screen that connects
 * gets the latest status at once. Only the server's event loop touches this, so it needs no locks.
 */
final class LiveStatus {
  private final Vertx vertx;
  private final Function<String, Outcome<JsonObject>> status;
  private final Map<String, Set<HttpServerResponse>> screens = new HashMap<>();
  private final Map<String, Long> timers = new HashMap<>();
  private final Map<String, String> latest = new HashMap<>();

  LiveStatus(Vertx vertx, Function<String, Outcome<JsonObject>> status) {
    this.vertx = vertx;
    this.status = status;
  }

  /** Streams the sitting's status; an unknown sitting is refused at once (no stream, no timer). */
  void watch(RoutingContext rc) {
    String sitting = rc.pathParam("sitting");
    if (screens.containsKey(sitting)) {
      stream(rc, sitting);
      return;
    }
    vertx
        .executeBlocking(() -> status.apply(sitting), false)
        .onSuccess(
            outcome -> {
              if (outcome instanceof Outcome.Refused<JsonObject> refused) {
                ApiError.refuse(rc, refused.refusal());
              } else {
                stream(rc, sitting);
              }
            })
        .onFailure(rc::fail);
  }

  private void stream(RoutingContext rc, String sitting) {
    HttpServerResponse response = rc.response();
    response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    if (latest.containsKey(sitting)) {
      response.write(latest.get(sitting));
    }
    screens.computeIfAbsent(sitting, s -> new HashSet<>()).add(response);
    timers.computeIfAbsent(sitting, s -> vertx.setPeriodic(0, 1000, id -> refresh(s)));
    response.closeHandler(v -> leave(sitting, response));
  }

  private void refresh(String sitting) {
    vertx
        .executeBlocking(() -> status.apply(sitting), false)
        .onSuccess(
            outcome -> {
              if (outcome instanceof Outcome.Done<JsonObject> done) {
                String event = "event: status\ndata: " + done.value().encode() + "\n\n";
                latest.put(sitting, event);
                screens.getOrDefault(sitting, Set.of()).stream()
                    .filter(r -> !r.ended())
                    .forEach(r -> r.write(event));
              }
            });
  }

  private void leave(String sitting, HttpServerResponse response) {
    Set<HttpServerResponse> watching = screens.getOrDefault(sitting, Set.of());
    watching.remove(response);
    if (watching.isEmpty()) {
      screens.remove(sitting);
      latest.remove(sitting);
      Long timer = timers.remove(sitting);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
