package org.votehall.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.BoxEntry;
import org.votehall.ledger.RecordedCast;
import org.votehall.simulate.HallClient.Answer;
import org.votehall.simulate.RetryPolicy.Decision;

/**
 * {@code votehall simulate} (docs/simulate.md): plays N seat terminals against the nodes over real
 * HTTP — keys, enrolment, check-in, the blind-token flow, recorded and secret casts with the real
 * signatures — then closes and announces the ballot and checks every acknowledged receipt against
 * the published bundle and the result against a recount of its box ({@link BoxAudit}). The
 * terminals' side is here, the clerk's in {@link Clerk}, the requests and their retries in {@link
 * HallClient}. Everything runs on one Vert.x context (no locks on the simulation's state); signing
 * and blinding on two crypto workers.
 */
public final class Simulation {
  private static final Duration CHECK_IN_WAIT = Duration.ofSeconds(60);
  private static final int PIN_DIGITS = 6;

  private final SimulateOptions options;
  private final Progress progress;
  private final PrintWriter log;
  private final SecureRandom random = new SecureRandom();
  private final BallotPlan plan;
  private final String sitting;
  private final long started = System.nanoTime();
  private final List<Terminal> terminals = new ArrayList<>();
  private final Map<String, Integer> refused = new HashMap<>();
  private final Map<Integer, NodeKey> blindKeys = new HashMap<>();
  private final Latencies issues = new Latencies();
  private final Latencies casts = new Latencies();

  private HallClient client;
  private Limiter limiter;
  private Clerk clerk;
  private double setupSeconds;
  private double checkInSeconds;
  private int enrolledByCode;
  private int resentCasts;
  private int resends;
  private int resendsSame;
  private int wrongReceipts;
  private Summary.Closing closing = Summary.Closing.NONE;
  private Summary.Checks checks = Summary.Checks.NONE;
  private byte[] bundle;
  private String result;

  private Simulation(SimulateOptions options, Progress progress, PrintWriter log) {
    this.options = options;
    this.progress = progress;
    this.log = log;
    this.sitting = options.prefix();
    this.plan =
        new BallotPlan(
            options.kind(),
            options.secret(),
            options.prefix() + "-" + options.kind().word(),
            options.deputies(),
            options.seed());
  }

  /**
   * Runs a whole simulation and returns what it measured and found; blocks until it is over or
   * {@code options.timeout()} has passed. {@code log} takes the retry and finding lines.
   */
  public static Summary run(SimulateOptions options, Progress progress, PrintWriter log)
      throws InterruptedException {
    return new Simulation(options, progress, log).run();
  }

  private Summary run() throws InterruptedException {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    WorkerExecutor crypto = vertx.createSharedWorkerExecutor("simulate-crypto", 2);
    Context context = vertx.getOrCreateContext();
    long deadline = started + options.timeout().toNanos();
    client =
        new HallClient(
            vertx, context, web(vertx), options.nodes(), crypto, progress, log, deadline, random);
    limiter = new Limiter(options.concurrency());
    clerk = new Clerk(client, options, plan, log);
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        v ->
            phases()
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        done.complete(null);
                      } else {
                        done.completeExceptionally(ar.cause());
                      }
                    }));
    String error = await(done, options.timeout().plusSeconds(30));
    CompletableFuture<Summary> summary = new CompletableFuture<>();
    context.runOnContext(v -> summary.complete(summary(error)));
    try {
      return summary.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the simulation's context did not answer", e);
    } finally {
      progress.phase(Progress.Phase.DONE, 0);
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
    }
  }

  /** Waits for the run; its error message, or null if it went through. */
  private static String await(CompletableFuture<Void> done, Duration wait)
      throws InterruptedException {
    try {
      done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    } catch (TimeoutException e) {
      return "the run did not end within --timeout";
    }
  }

  /** One Web Client for every node: keep-alive, a pool the size of the concurrency. */
  private WebClient web(Vertx vertx) {
    WebClientOptions web =
        new WebClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(3000)
            .setUserAgent("votehall-simulate")
            .setVerifyHost(true);
    if (!options.caFiles().isEmpty()) {
      PemTrustOptions trust = new PemTrustOptions();
      options.caFiles().forEach(f -> trust.addCertPath(f.toAbsolutePath().toString()));
      web.setTrustOptions(trust);
    }
    return WebClient.create(vertx, web, new PoolOptions().setHttp1MaxSize(options.concurrency()));
  }

  private Future<Void> phases() {
    return setUp()
        .compose(v -> checkIn())
        .compose(v -> clerk.defineAndOpen())
        .compose(v -> plan.secret() ? issue() : Future.<Void>succeededFuture())
        .compose(v -> cast())
        .compose(v -> resend())
        .compose(v -> close())
        .compose(v -> verify());
  }

  // ---- setup: logins, the sitting and its roster, the terminals -------------------------------

  private Future<Void> setUp() {
    progress.phase(Progress.Phase.SETUP, options.deputies());
    return clerk
        .logIn()
        .compose(v -> client.work(this::makeTerminals))
        .compose(v -> clerk.createSitting(terminals))
        .compose(v -> each(terminals, this::register))
        .onSuccess(v -> setupSeconds = seconds(started));
  }

  /** N deputies with their PINs, each at a terminal with a fresh Ed25519 key. */
  private Void makeTerminals() {
    int digits = Math.max(4, String.valueOf(options.deputies()).length());
    for (int i = 0; i < options.deputies(); i++) {
      String number = String.format("%0" + digits + "d", i + 1);
      terminals.add(
          new Terminal(
              i,
              sitting + "-t" + number,
              SigningKey.generate(random),
              "d" + number,
              pin(),
              client.rotation().home(i)));
    }
    return null;
  }

  private String pin() {
    StringBuilder pin = new StringBuilder();
    for (int i = 0; i < PIN_DIGITS; i++) {
      pin.append(random.nextInt(10));
    }
    return pin.toString();
  }

  /**
   * A node checks PINs (Argon2id) one or two at a time and queues the rest: a check-in waiting its
   * turn is not lost, and sending it again would only double the node's work.
   */
  private Duration checkInTime() {
    return options.requestTimeout().compareTo(CHECK_IN_WAIT) > 0
        ? options.requestTimeout()
        : CHECK_IN_WAIT;
  }

  /** The first few terminals enrol by one-time code (throttled per address); the clerk the rest. */
  private Future<Void> register(Terminal t) {
    if (t.index >= options.enrolByCode()) {
      return clerk.register(t).onSuccess(v -> progress.stepDone());
    }
    return clerk
        .enrol(t)
        .onSuccess(
            v -> {
              enrolledByCode++;
              progress.stepDone();
            });
  }

  // ---- check-in ---------------------------------------------------------------------------------

  private Future<Void> checkIn() {
    progress.phase(Progress.Phase.CHECKIN, terminals.size());
    long start = System.nanoTime();
    return each(terminals, this::checkIn).onSuccess(v -> checkInSeconds = seconds(start));
  }

  private Future<Void> checkIn(Terminal t) {
    byte[] body = Clerk.json(new JsonObject().put("deputy", t.deputy).put("pin", t.pin));
    return client
        .send(
            "checkin",
            "check-in " + t.deputy,
            t.home,
            client.signed(
                t.key, t.id, HttpMethod.POST, "/api/sittings/" + sitting + "/check-in", body),
            HallClient.Override.NONE,
            checkInTime())
        .map(
            a -> {
              if (a.ok()) {
                t.checkedIn = true;
              } else {
                refusal("check-in", a);
              }
              progress.stepDone();
              return null;
            });
  }

  // ---- the ballot -------------------------------------------------------------------------------

  // ---- issue: every terminal takes its blind token at the open ------------------------------

  private Future<Void> issue() {
    List<Terminal> present = terminals.stream().filter(t -> t.checkedIn).toList();
    progress.phase(Progress.Phase.ISSUE, present.size());
    return each(present, this::issue);
  }

  private Future<Void> issue(Terminal t) {
    String path = "/api/ballots/" + plan.id() + "/issue";
    HallClient.Maker maker =
        node -> {
          Terminal.PendingIssue pending = t.issues.get(node);
          if (pending != null) {
            return client
                .sign(t.key, t.id, HttpMethod.POST, path, pending.body())
                .map(Optional::of);
          }
          if (t.sawAlreadyIssued) {
            return Future.succeededFuture(Optional.empty()); // it was issued at a node asked before
          }
          return blindKey(node).compose(key -> key == null ? skip() : blind(t, node, key, path));
        };
    HallClient.Override override =
        reply -> {
          if (reply.status() == 409 && "already-issued".equals(reply.code())) {
            t.sawAlreadyIssued = true;
            return Optional.of(Decision.ELSEWHERE);
          }
          // A node that was not up at the open holds no key for the ballot: ask another.
          return reply.status() == 409 && "conflict".equals(reply.code())
              ? Optional.of(Decision.ELSEWHERE)
              : Optional.empty();
        };
    return client
        .send("issue", "issue " + t.deputy, t.home, maker, override, options.requestTimeout())
        .compose(a -> a.ok() ? finish(t, a) : refused("issue", a));
  }

  private static Future<Optional<Outgoing>> skip() {
    return Future.succeededFuture(Optional.empty());
  }

  /** A fresh token blinded for {@code node}'s key (on a crypto worker), and its signed request. */
  private Future<Optional<Outgoing>> blind(Terminal t, int node, NodeKey key, String path) {
    return client
        .work(
            () -> {
              BlindingClient blinding = new BlindingClient(key.key(), random);
              BlindingClient.Request request = blinding.request();
              byte[] body =
                  Clerk.json(
                      new JsonObject()
                          .put("deputy", t.deputy)
                          .put("blindKey", key.text())
                          .put(
                              "blindedMessage",
                              Base64.getEncoder().encodeToString(request.blindedMessage())));
              return new Terminal.PendingIssue(blinding, request, body);
            })
        .compose(
            pending -> {
              t.issues.put(node, pending);
              return client.sign(t.key, t.id, HttpMethod.POST, path, pending.body());
            })
        .map(Optional::of);
  }

  /** Unblinds the node's answer (RFC 9474 §4.4) and keeps the token and its signature. */
  private Future<Void> finish(Terminal t, Answer a) {
    long answered = System.nanoTime();
    issues.add(a.firstSent(), answered);
    Terminal.PendingIssue pending = t.issues.get(a.reply().node());
    byte[] blindSignature =
        Base64.getDecoder().decode(a.reply().json().getString("blindSignature"));
    return client
        .work(() -> pending.client().finish(pending.request(), blindSignature))
        .map(
            signature -> {
              t.token =
                  Base64.getUrlEncoder().withoutPadding().encodeToString(pending.request().token());
              t.blindSignature = Base64.getEncoder().encodeToString(signature);
              t.issues.clear();
              progress.stepDone();
              return null;
            });
  }

  /** A node's blind key for the ballot, fetched once; null if the node holds none or is down. */
  private Future<NodeKey> blindKey(int node) {
    NodeKey known = blindKeys.get(node);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return client
        .once(
            node,
            HallClient.plain(
                HttpMethod.GET, "/api/ballots/" + plan.id() + "/blind-key", null, null),
            options.requestTimeout())
        .map(
            reply -> {
              if (reply.unanswered()) {
                client.rotation().failed(node, System.nanoTime());
              }
              if (reply.status() != 200) {
                return null;
              }
              String text = reply.json().getString("blindKey");
              NodeKey key = new NodeKey(text, BlindPublicKey.fromBase64(text));
              blindKeys.put(node, key);
              return key;
            });
  }

  /** A node's blind public key, as text (sent back exactly as received) and parsed. */
  private record NodeKey(String text, BlindPublicKey key) {}

  // ---- cast ---------------------------------------------------------------------------------

  private Future<Void> cast() {
    List<Terminal> voters =
        new ArrayList<>(
            terminals.stream().filter(t -> plan.secret() ? t.token != null : t.checkedIn).toList());
    if (plan.secret()) {
      // Casts do not come in the order of the issues (docs/api.md, "The secret flow").
      Collections.shuffle(voters, random);
    }
    progress.phase(Progress.Phase.CAST, voters.size());
    long start = System.nanoTime();
    List<Future<Void>> all = new ArrayList<>();
    for (int k = 0; k < voters.size(); k++) {
      Terminal t = voters.get(k);
      long due = options.pace() > 0 ? start + (long) (k * 1e9 / options.pace()) : start;
      all.add(paced(due).compose(v -> limiter.run(() -> cast(t))));
    }
    return Future.all(all).mapEmpty();
  }

  /** Completes at {@code due} (nanoTime): how --pace spreads the casts. */
  private Future<Void> paced(long due) {
    long wait = TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime());
    if (wait <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> time = Promise.promise();
    client.vertx().setTimer(wait, id -> time.complete());
    return time.future();
  }

  private Future<Void> cast(Terminal t) {
    String path =
        "/api/ballots/" + plan.id() + (plan.secret() ? "/casts/secret" : "/casts/recorded");
    return client
        .work(() -> prepareCast(t))
        .compose(
            v -> {
              progress.castSent(System.nanoTime());
              HallClient.Maker maker =
                  plan.secret()
                      ? HallClient.plain(HttpMethod.POST, path, t.castBody, null)
                      : client.signed(t.key, t.id, HttpMethod.POST, path, t.castBody);
              return client.send(
                  "cast",
                  "cast " + t.deputy,
                  t.home,
                  maker,
                  HallClient.Override.NONE,
                  options.requestTimeout());
            })
        .compose(a -> a.ok() ? acknowledged(t, a) : refused("cast", a));
  }

  /**
   * The cast's body, made once and resent as it is (so a retry is idempotent by content), and the
   * receipt it should get: the SHA-256 of its box entry (docs/api.md, "Receipts").
   */
  private Void prepareCast(Terminal t) {
    ObjectNode ballot = plan.marks(t.index);
    ObjectNode body;
    ObjectNode entry;
    if (plan.secret()) {
      body = ballot.deepCopy().put("token", t.token).put("blindSignature", t.blindSignature);
      entry = body;
    } else {
      byte[] nonce = new byte[8];
      random.nextBytes(nonce);
      String n = HexFormat.of().formatHex(nonce);
      byte[] signed = RecordedCast.signedBytes(plan.id(), t.deputy, ballot, n);
      String signature =
          Base64.getEncoder().encodeToString(t.key.sign(SignaturePurpose.RECORDED_CAST, signed));
      body = ballot.deepCopy().put("deputy", t.deputy).put("nonce", n).put("signature", signature);
      entry = body.deepCopy().put("terminal", t.id);
    }
    t.castBody = body.toString().getBytes(StandardCharsets.UTF_8);
    t.expectedReceipt = BoxEntry.receipt(entry);
    return null;
  }

  private Future<Void> acknowledged(Terminal t, Answer a) {
    long now = System.nanoTime();
    JsonObject answer = a.reply().json();
    t.receipt = answer.getString("receipt");
    t.ackNode = a.reply().node();
    casts.add(a.firstSent(), now);
    progress.castAcked(now);
    progress.stepDone();
    if (answer.getBoolean("retry", false)) {
      resentCasts++;
    }
    if (!t.expectedReceipt.equals(t.receipt)) {
      wrongReceipts++;
      log.println(
          "simulate: finding: the receipt for "
              + t.deputy
              + "'s cast is "
              + t.receipt
              + ", not the SHA-256 of its box entry "
              + t.expectedReceipt);
    }
    return Future.succeededFuture();
  }

  /**
   * The first --resend acknowledged casts, sent again unchanged to the next node, as a terminal
   * whose answer was lost does: the same receipt must come back, with {@code "retry": true}.
   */
  private Future<Void> resend() {
    List<Terminal> again =
        terminals.stream().filter(t -> t.receipt != null).limit(options.resend()).toList();
    return each(again, this::resend);
  }

  private Future<Void> resend(Terminal t) {
    String path =
        "/api/ballots/" + plan.id() + (plan.secret() ? "/casts/secret" : "/casts/recorded");
    HallClient.Maker maker =
        plan.secret()
            ? HallClient.plain(HttpMethod.POST, path, t.castBody, null)
            : client.signed(t.key, t.id, HttpMethod.POST, path, t.castBody);
    int next = client.rotation().next(t.ackNode, System.nanoTime());
    resends++;
    return client
        .send(
            "cast",
            "resend " + t.deputy,
            next,
            maker,
            HallClient.Override.NONE,
            options.requestTimeout())
        .map(
            a -> {
              boolean same =
                  a.ok()
                      && t.receipt.equals(a.reply().json().getString("receipt"))
                      && a.reply().json().getBoolean("retry", false);
              if (same) {
                resendsSame++;
              } else {
                log.println(
                    "simulate: finding: "
                        + t.deputy
                        + "'s cast, sent again unchanged, was answered "
                        + a.reply().describe()
                        + " "
                        + a.reply().body()
                        + ", not its receipt "
                        + t.receipt
                        + " with retry: true");
              }
              return null;
            });
  }

  // ---- close, announce, result, bundle --------------------------------------------------------

  private Future<Void> close() {
    progress.phase(Progress.Phase.CLOSE, 1);
    return clerk
        .close()
        .map(
            published -> {
              closing = published.closing();
              result = published.result();
              bundle = published.bundle();
              progress.stepDone();
              return null;
            });
  }

  private Future<Void> verify() {
    progress.phase(Progress.Phase.VERIFY, 1);
    List<String> acknowledged =
        terminals.stream().map(t -> t.receipt).filter(java.util.Objects::nonNull).toList();
    String spec = plan.spec().toString();
    byte[] bytes = bundle;
    String published = result;
    return client
        .work(
            () ->
                BoxAudit.check(
                    spec, plan.secret(), bytes, published, acknowledged, options.trust()))
        .map(
            c -> {
              checks = c;
              progress.stepDone();
              return null;
            });
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Runs {@code step} for each item, at most --concurrency at once; fails if one fails. */
  private <T> Future<Void> each(List<T> items, Function<T, Future<Void>> step) {
    List<Future<Void>> all = new ArrayList<>();
    for (T item : items) {
      all.add(limiter.run(() -> step.apply(item)));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> refused(String step, Answer a) {
    refusal(step, a);
    return Future.succeededFuture();
  }

  private void refusal(String step, Answer a) {
    String code = a.reply().code() == null ? "http-" + a.reply().status() : a.reply().code();
    refused.merge(code, 1, Integer::sum);
    progress.refused();
    if ("already-voted".equals(code) && a.attempts() > 1) {
      log.println(
          "simulate: finding: a "
              + step
              + " resent unchanged after "
              + (a.unansweredBefore() ? "an unanswered attempt" : "a failed attempt")
              + " was answered already-voted, not its receipt (docs/api.md, \"Receipts\")");
    }
  }

  private static double seconds(long since) {
    return Summary.round((System.nanoTime() - since) / 1e9);
  }

  private Summary summary(String error) {
    return new Summary(
        new Summary.Run(
            plan.kind().word(),
            plan.secret(),
            options.deputies(),
            options.nodes(),
            sitting,
            plan.id(),
            enrolledByCode,
            setupSeconds,
            checkInSeconds),
        issues.phase(0),
        casts.phase(resentCasts),
        closing,
        checks.withWrongReceipts(wrongReceipts),
        new Summary.Resends(resends, resendsSame),
        client.retriesByPhase(),
        refused,
        error,
        seconds(started));
  }

  /** Latencies of one phase (first send → acknowledgement) and its wall time. */
  private static final class Latencies {
    private long[] values = new long[64];
    private int count;
    private long first;
    private long last;

    void add(long sent, long answered) {
      if (count == values.length) {
        values = java.util.Arrays.copyOf(values, count * 2);
      }
      values[count++] = answered - sent;
      first = first == 0 || sent < first ? sent : first;
      last = Math.max(last, answered);
    }

    Summary.Phase phase(int resent) {
      return Summary.Phase.of(java.util.Arrays.copyOf(values, count), first, last, resent);
    }
  }
}
