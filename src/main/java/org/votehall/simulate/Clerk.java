package org.votehall.simulate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.votehall.simulate.HallClient.Answer;
import org.votehall.simulate.RetryPolicy.Decision;

/**
 * The clerk's (and the auditor's) side of a simulation: logins, the sitting and its roster, the
 * terminals, the ballot's definition, open, close and announcement, and the published result and
 * bundle. A clerk's step is not idempotent by content, so a refusal after an unanswered attempt is
 * checked by a read: the attempt may have landed.
 */
final class Clerk {
  static final Duration LONG_REQUEST = Duration.ofSeconds(120);

  private final HallClient client;
  private final SimulateOptions options;
  private final BallotPlan plan;
  private final String sitting;
  private final PrintWriter log;
  private String clerkToken;
  private String auditorToken;

  Clerk(HallClient client, SimulateOptions options, BallotPlan plan, PrintWriter log) {
    this.client = client;
    this.options = options;
    this.plan = plan;
    this.sitting = options.prefix();
    this.log = log;
  }

  /** The closing's figures, the published result and the bundle's bytes as served. */
  record Published(Summary.Closing closing, String result, byte[] bundle) {}

  /** Logs in as the clerk, then as the auditor (a wrong password ends the run before any work). */
  Future<Void> logIn() {
    return login(options.clerk())
        .compose(
            token -> {
              clerkToken = token;
              return login(options.auditor());
            })
        .map(
            token -> {
              auditorToken = token;
              return null;
            });
  }

  private Future<String> login(SimulateOptions.Login login) {
    byte[] body =
        json(new JsonObject().put("name", login.name()).put("password", login.password()));
    return client
        .send(
            "setup",
            "login",
            0,
            HallClient.plain(HttpMethod.POST, "/api/login", body, null),
            HallClient.Override.NONE,
            options.requestTimeout())
        .map(a -> required(a, "the login as " + login.name()).json().getString("token"));
  }

  /** The roster's PINs are hashed by the node (Argon2id, ~25 ms each): a long request. */
  /** Creates the sitting with the terminals' deputies and their PINs on its roster. */
  Future<Void> createSitting(List<Terminal> terminals) {
    JsonArray roster = new JsonArray();
    terminals.forEach(
        t ->
            roster.add(
                new JsonObject()
                    .put("id", t.deputy)
                    .put("name", "代表" + t.deputy.substring(1))
                    .put("pin", t.pin)));
    JsonObject body =
        new JsonObject()
            .put("id", sitting)
            .put("title", "simulate " + sitting)
            .put("quorum", "congress")
            .put("roster", roster);
    // A node goes on hashing a large roster after it dropped the connection (its idle timeout):
    // an answerless attempt that may have landed is awaited, not resent at once.
    HallClient.Override mayHaveLanded =
        reply ->
            reply.unanswered() && !reply.neverSent()
                ? Optional.of(Decision.REFUSED)
                : Optional.empty();
    return client
        .send(
            "setup",
            "create sitting",
            0,
            clerk(HttpMethod.POST, "/api/sittings", body),
            mayHaveLanded,
            rosterTime())
        .compose(
            a ->
                a.reply().unanswered()
                    ? awaitSitting(terminals, System.nanoTime() + rosterTime().toNanos())
                    : confirmed(a, "creating sitting " + sitting, this::sittingExists));
  }

  /** Long enough for a node to hash the roster's PINs (Argon2id) on a busy machine. */
  private Duration rosterTime() {
    return LONG_REQUEST.plusMillis(100L * options.deputies());
  }

  /** Polls until the sitting exists; creates it again if it has not appeared by {@code until}. */
  private Future<Void> awaitSitting(List<Terminal> terminals, long until) {
    return sittingExists()
        .compose(
            exists -> {
              if (exists) {
                return Future.<Void>succeededFuture();
              }
              if (System.nanoTime() - until > 0) {
                log.println("simulate: sitting " + sitting + " did not appear: creating it again");
                return createSitting(terminals);
              }
              Promise<Void> later = Promise.promise();
              client.vertx().setTimer(2000, t -> awaitSitting(terminals, until).onComplete(later));
              return later.future();
            });
  }

  private Future<Boolean> sittingExists() {
    return read("/api/sittings", null)
        .map(
            j ->
                j.getJsonArray("sittings").stream()
                    .anyMatch(s -> sitting.equals(((JsonObject) s).getString("id"))));
  }

  /** Registers a terminal with its key, as the clerk does. */
  Future<Void> register(Terminal t) {
    JsonObject body = new JsonObject().put("id", t.id).put("key", t.key.verifyingKey().base64());
    return client
        .send(
            "setup",
            "register " + t.id,
            t.home,
            clerk(HttpMethod.POST, "/api/sittings/" + sitting + "/terminals", body),
            HallClient.Override.NONE,
            options.requestTimeout())
        .compose(a -> confirmed(a, "registering terminal " + t.id, () -> registered(t)));
  }

  /** Enrols a terminal as a tablet does: a one-time code from the clerk, then its key with it. */
  Future<Void> enrol(Terminal t) {
    return client
        .send(
            "setup",
            "enrolment code " + t.id,
            t.home,
            clerk(
                HttpMethod.POST,
                "/api/sittings/" + sitting + "/enrolment-codes",
                new JsonObject().put("terminal", t.id)),
            HallClient.Override.NONE,
            options.requestTimeout())
        .compose(
            a -> {
              String code = required(a, "the enrolment code for " + t.id).json().getString("code");
              byte[] body =
                  json(
                      new JsonObject().put("code", code).put("key", t.key.verifyingKey().base64()));
              return client.send(
                  "setup",
                  "enrol " + t.id,
                  t.home,
                  HallClient.plain(HttpMethod.POST, "/api/enrol", body, null),
                  HallClient.Override.NONE,
                  options.requestTimeout());
            })
        .compose(a -> confirmed(a, "enrolling terminal " + t.id, () -> registered(t)));
  }

  private Future<Boolean> registered(Terminal t) {
    return read("/api/sittings/" + sitting + "/terminals", clerkToken)
        .map(
            j ->
                j.getJsonArray("terminals").stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(
                        x ->
                            t.id.equals(x.getString("id"))
                                && t.key.verifyingKey().base64().equals(x.getString("key"))));
  }

  /** Defines the ballot (confirming any candidate-count warnings) and opens it. */
  Future<Void> defineAndOpen() {
    JsonObject define =
        new JsonObject()
            .put("spec", new JsonObject(plan.spec().toString()))
            .put("confirmWarnings", true);
    String ballot = "/api/ballots/" + plan.id();
    return client
        .send(
            "setup",
            "define " + plan.id(),
            0,
            clerk(HttpMethod.POST, "/api/sittings/" + sitting + "/ballots", define),
            HallClient.Override.NONE,
            options.requestTimeout())
        .compose(a -> confirmed(a, "defining " + plan.id(), () -> status(null)))
        .compose(
            v ->
                client.send(
                    "setup",
                    "open " + plan.id(),
                    0,
                    clerk(HttpMethod.POST, ballot + "/open", new JsonObject()),
                    HallClient.Override.NONE,
                    LONG_REQUEST))
        .compose(a -> confirmed(a, "opening " + plan.id(), () -> status("open")));
  }

  /** Whether the ballot exists (and, given a status, has it). */
  private Future<Boolean> status(String wanted) {
    return read("/api/ballots/" + plan.id(), null)
        .map(j -> wanted == null || wanted.equals(j.getString("status")))
        .otherwise(false);
  }

  /**
   * Closes the ballot, announces it, and reads the published result and (as the auditor) the
   * bundle.
   */
  Future<Published> close() {
    String ballot = "/api/ballots/" + plan.id();
    // seal-refused: nothing was sealed and the ballot stays closing: close it again (docs/api.md);
    // conflict: closed, but the sealing node is still writing the result.
    HallClient.Override again =
        reply ->
            reply.status() == 409
                    && ("seal-refused".equals(reply.code()) || "conflict".equals(reply.code()))
                ? Optional.of(Decision.ELSEWHERE)
                : Optional.empty();
    Summary.Closing[] closing = {Summary.Closing.NONE};
    String[] result = new String[1];
    return client
        .send(
            "close",
            "close " + plan.id(),
            0,
            clerk(HttpMethod.POST, ballot + "/close", null),
            again,
            LONG_REQUEST)
        .compose(
            closed -> {
              required(closed, "closing " + plan.id());
              long sealed = System.nanoTime();
              return client
                  .send(
                      "close",
                      "announce " + plan.id(),
                      0,
                      clerk(HttpMethod.POST, ballot + "/announce", null),
                      HallClient.Override.NONE,
                      LONG_REQUEST)
                  .compose(a -> confirmed(a, "announcing " + plan.id(), () -> status("announced")))
                  .onSuccess(
                      v ->
                          closing[0] =
                              new Summary.Closing(
                                  millis(sealed - closed.firstSent()),
                                  millis(System.nanoTime() - closed.firstSent())));
            })
        .compose(v -> published(ballot + "/result", null))
        .compose(
            r -> {
              result[0] = r.body().toString(StandardCharsets.UTF_8);
              return published(ballot + "/bundle", auditorToken);
            })
        .map(r -> new Published(closing[0], result[0], r.body().getBytes()));
  }

  /** The result or bundle, from any node that has it (a node may take a moment to hold it). */
  private Future<Reply> published(String path, String bearer) {
    HallClient.Override notYet =
        reply -> reply.status() == 404 ? Optional.of(Decision.ELSEWHERE) : Optional.empty();
    return client
        .send(
            "close",
            "read " + path,
            0,
            HallClient.plain(HttpMethod.GET, path, null, bearer),
            notYet,
            LONG_REQUEST)
        .map(a -> required(a, "reading " + path));
  }

  private HallClient.Maker clerk(HttpMethod method, String path, JsonObject body) {
    return HallClient.plain(method, path, body == null ? null : json(body), clerkToken);
  }

  /** A read of the cluster's state (GET), from any node that answers. */
  private Future<JsonObject> read(String path, String bearer) {
    return client
        .send(
            "setup",
            "read " + path,
            0,
            HallClient.plain(HttpMethod.GET, path, null, bearer),
            HallClient.Override.NONE,
            options.requestTimeout())
        .map(a -> required(a, "reading " + path).json());
  }

  /**
   * A refusal of a step whose earlier attempt went unanswered may only say that attempt landed
   * (e.g. 409 for a sitting that exists): {@code check} reads whether it did.
   */
  private Future<Void> confirmed(
      Answer a, String what, java.util.function.Supplier<Future<Boolean>> check) {
    if (a.ok()) {
      return Future.succeededFuture();
    }
    if (!a.unansweredBefore()) {
      return Future.failedFuture(refusedStep(what, a));
    }
    return check
        .get()
        .compose(
            landed ->
                landed
                    ? Future.<Void>succeededFuture()
                    : Future.<Void>failedFuture(refusedStep(what, a)));
  }

  static Reply required(Answer a, String what) {
    if (!a.ok()) {
      throw refusedStep(what, a);
    }
    return a.reply();
  }

  private static IllegalStateException refusedStep(String what, Answer a) {
    String message = "";
    try {
      message = ": " + a.reply().json().getString("message");
    } catch (RuntimeException e) {
      // not a JSON error
    }
    return new IllegalStateException(what + " was refused: " + a.reply().describe() + message);
  }

  static byte[] json(JsonObject body) {
    return body.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }
}
