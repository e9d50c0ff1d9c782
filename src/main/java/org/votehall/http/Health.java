package org.votehall.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.votehall.hall.Hall;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the node may take votes — its
 * side of the cluster has the minimum membership, its ledger is writable, and its replay is done (a
 * hall exists only once replay is done). 200 when up, 503 with the failing check otherwise.
 */
final class Health {
  private Health() {}

  static void routes(Router router, Vertx vertx, Hall hall) {
    HealthCheckHandler live = HealthCheckHandler.create(vertx);
    live.register("process", p -> p.complete(Status.OK()));
    HealthCheckHandler ready = HealthCheckHandler.create(vertx);
    ready.register(
        "cluster",
        p ->
            p.complete(
                status(
                    hall.hasMajority(),
                    new JsonObject()
                        .put("members", hall.members())
                        .put("minimumMembers", hall.minimumMembers()))));
    ready.register(
        "replays",
        p ->
            p.complete(
                status(
                    hall.awaitedReplays().isEmpty(),
                    new JsonObject()
                        .put("awaited", new io.vertx.core.json.JsonArray(hall.awaitedReplays())))));
    ready.register(
        "ledger",
        p ->
            p.complete(
                status(
                    hall.ledgerWritable(),
                    new JsonObject().put("writable", hall.ledgerWritable()))));
    ready.register(
        "replay",
        p ->
            p.complete(
                Status.OK(
                    new JsonObject()
                        .put("entries", hall.replayed().entries())
                        .put("incidents", hall.replayed().incidents().size()))));
    router.get("/health/live").handler(live);
    router.get("/health/ready").handler(ready);
  }

  private static Status status(boolean ok, JsonObject data) {
    return ok ? Status.OK(data) : Status.KO(data);
  }
}
