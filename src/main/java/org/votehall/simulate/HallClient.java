package org.votehall.simulate;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.votehall.crypto.SigningKey;
import org.votehall.http.MessageSignature;

/**
 * The simulator's one Web Client over every node, and the retry loop of {@link RetryPolicy}: a
 * request that gets no answer or a 5xx goes to the next node (with a fresh signature, the same
 * body) until it is answered or the run's time is up. Used from one Vert.x context; signing runs on
 * the crypto workers.
 */
final class HallClient {
  /** Retries logged one by one on stderr; later ones are only counted. */
  private static final int RETRIES_LOGGED = 20;

  private static final Duration ALL_SKIPPED_WAIT = Duration.ofMillis(200);

  private final Vertx vertx;
  private final Context context;
  private final WebClient web;
  private final List<String> nodes;
  private final NodeRotation rotation;
  private final WorkerExecutor crypto;
  private final Progress progress;
  private final PrintWriter log;
  private final long deadline;
  private final Map<String, Long> retriesByPhase = new HashMap<>();
  private final AtomicLong nonces = new AtomicLong();
  private final String noncePrefix;
  private volatile long clockOffsetSeconds;
  private int logged;

  HallClient(
      Vertx vertx,
      Context context,
      WebClient web,
      List<String> nodes,
      WorkerExecutor crypto,
      Progress progress,
      PrintWriter log,
      long deadline,
      SecureRandom random) {
    this.vertx = vertx;
    this.context = context;
    this.web = web;
    this.nodes = List.copyOf(nodes);
    this.rotation = new NodeRotation(nodes.size());
    this.crypto = crypto;
    this.progress = progress;
    this.log = log;
    this.deadline = deadline;
    byte[] prefix = new byte[6];
    random.nextBytes(prefix);
    this.noncePrefix = HexFormat.of().formatHex(prefix);
  }

  /** Makes the request for one attempt at a node; empty: skip that node this time. */
  interface Maker {
    Future<Optional<Outgoing>> make(int node);
  }

  /** An operation's own reading of an answer, before {@link RetryPolicy#classify}. */
  interface Override {
    Optional<RetryPolicy.Decision> decide(Reply reply);

    Override NONE = reply -> Optional.empty();
  }

  /**
   * The final answer to an operation: the reply that ended it (2xx or a refusal), how many attempts
   * it took, whether an earlier attempt went unanswered (and so may have landed), and when the
   * first attempt was sent (nanoTime).
   */
  record Answer(Reply reply, int attempts, boolean unansweredBefore, long firstSent) {
    boolean ok() {
      return reply.status() >= 200 && reply.status() < 300;
    }
  }

  Vertx vertx() {
    return vertx;
  }

  /** One attempt at one node, no retry: its answer or its absence. */
  Future<Reply> once(int node, Maker maker, Duration timeout) {
    Promise<Reply> reply = Promise.promise();
    maker
        .make(node)
        .onFailure(reply::fail)
        .onSuccess(
            made -> {
              Outgoing out = made.orElseThrow();
              request(node, out, timeout)
                  .onComplete(
                      ar ->
                          reply.complete(
                              ar.succeeded()
                                  ? Reply.of(node, ar.result())
                                  : Reply.none(node, ar.cause())));
            });
    return reply.future();
  }

  List<String> nodes() {
    return nodes;
  }

  NodeRotation rotation() {
    return rotation;
  }

  /** Retries so far, by phase. Read once the run is over (or on the context). */
  Map<String, Long> retriesByPhase() {
    return Map.copyOf(retriesByPhase);
  }

  /** Sends an operation from {@code home} (the node to try first) until it is answered. */
  Future<Answer> send(
      String phase, String what, int home, Maker maker, Override override, Duration timeout) {
    Promise<Answer> result = Promise.promise();
    Call call = new Call(phase, what, maker, override, timeout);
    attempt(call, rotation.first(home, System.nanoTime()), result);
    return result.future();
  }

  /** A clerk's or auditor's request (bearer token, or none), the same at every attempt. */
  static Maker plain(HttpMethod method, String path, byte[] body, String bearer) {
    Map<String, String> headers =
        bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer);
    Outgoing out = new Outgoing(method, path, body, headers);
    return node -> Future.succeededFuture(Optional.of(out));
  }

  /** A terminal's request: the same body, signed again (new created, new nonce) at each attempt. */
  Maker signed(SigningKey key, String terminal, HttpMethod method, String path, byte[] body) {
    return node -> sign(key, terminal, method, path, body).map(Optional::of);
  }

  /** The RFC 9421 signature of a terminal request, made on a crypto worker (docs/api.md). */
  Future<Outgoing> sign(
      SigningKey key, String terminal, HttpMethod method, String path, byte[] body) {
    String nonce = noncePrefix + Long.toHexString(nonces.incrementAndGet());
    Instant created = Instant.now().plusSeconds(clockOffsetSeconds);
    byte[] bytes = body == null ? new byte[0] : body;
    return crypto.executeBlocking(
        () ->
            new Outgoing(
                method,
                path,
                body,
                MessageSignature.sign(key, terminal, nonce, created, method.name(), path, bytes)),
        false);
  }

  /** Work for the crypto workers (blinding, cast signatures, checking the bundle). */
  <T> Future<T> work(java.util.concurrent.Callable<T> task) {
    return crypto.executeBlocking(task, false);
  }

  private static final class Call {
    final String phase;
    final String what;
    final Maker maker;
    final Override override;
    final Duration timeout;
    int attempts;
    int retries;
    int skips;
    int resigns;
    boolean unanswered;
    long firstSent;

    Call(String phase, String what, Maker maker, Override override, Duration timeout) {
      this.phase = phase;
      this.what = what;
      this.maker = maker;
      this.override = override;
      this.timeout = timeout;
    }
  }

  private void attempt(Call call, int node, Promise<Answer> result) {
    if (System.nanoTime() - deadline > 0) {
      result.fail(
          new TimeoutException(
              "the run's --timeout passed with "
                  + call.what
                  + " still unanswered after "
                  + call.attempts
                  + " attempt(s)"));
      return;
    }
    call.maker
        .make(node)
        .onFailure(result::fail)
        .onSuccess(
            made -> {
              if (made.isEmpty()) {
                skip(call, node, result);
              } else {
                send(call, node, made.get(), result);
              }
            });
  }

  private void send(Call call, int node, Outgoing out, Promise<Answer> result) {
    call.attempts++;
    if (call.firstSent == 0) {
      call.firstSent = System.nanoTime();
    }
    request(node, out, call.timeout)
        .onComplete(
            ar ->
                handle(
                    call,
                    node,
                    ar.succeeded() ? Reply.of(node, ar.result()) : Reply.none(node, ar.cause()),
                    result));
  }

  private Future<io.vertx.ext.web.client.HttpResponse<Buffer>> request(
      int node, Outgoing out, Duration timeout) {
    HttpRequest<Buffer> request =
        web.requestAbs(out.method(), nodes.get(node) + out.path()).timeout(timeout.toMillis());
    out.headers().forEach(request::putHeader);
    return out.body() == null
        ? request.send()
        : request
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(out.body()));
  }

  private void handle(Call call, int node, Reply reply, Promise<Answer> result) {
    noteClock(reply.date());
    if (untrusted(reply.failure())) {
      // Not an outage: no retry will make the certificate trusted. Never trust all instead.
      result.fail(
          new IllegalStateException(
              nodes.get(node)
                  + ": its TLS certificate is not trusted; give it (or its CA) with --ca: "
                  + reply.failure().getMessage()));
      return;
    }
    RetryPolicy.Decision decision =
        call.override
            .decide(reply)
            .orElseGet(() -> RetryPolicy.classify(reply.status(), reply.code()));
    long now = System.nanoTime();
    switch (decision) {
      case DONE, REFUSED -> {
        rotation.answered(node);
        result.complete(new Answer(reply, call.attempts, call.unanswered, call.firstSent));
      }
      case ELSEWHERE -> retry(call, node, reply, now, result);
      case WAIT -> later(RetryPolicy.retryAfter(reply.retryAfter()), call, node, result);
      case RESIGN -> {
        if (++call.resigns > RetryPolicy.RESIGN_ATTEMPTS) {
          result.complete(new Answer(reply, call.attempts, call.unanswered, call.firstSent));
        } else {
          later(RetryPolicy.resignWait(call.resigns), call, node, result);
        }
      }
    }
  }

  /** Whether a failure is a certificate that does not verify (anywhere in its causes). */
  static boolean untrusted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertPathBuilderException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private void retry(Call call, int node, Reply reply, long now, Promise<Answer> result) {
    if (reply.unanswered() || reply.status() >= 500) {
      rotation.failed(node, now);
    }
    call.unanswered |= reply.unanswered() && !reply.neverSent();
    call.retries++;
    progress.retried();
    retriesByPhase.merge(call.phase, 1L, Long::sum);
    int next = rotation.next(node, now);
    logRetry(call, node, next, reply);
    later(RetryPolicy.backoff(call.retries, nodes.size()), call, next, result);
  }

  /** A node the maker would not send to (e.g. it holds no blind key): on to the next one. */
  private void skip(Call call, int node, Promise<Answer> result) {
    call.skips++;
    int next = rotation.next(node, System.nanoTime());
    later(call.skips % nodes.size() == 0 ? ALL_SKIPPED_WAIT : Duration.ZERO, call, next, result);
  }

  private void later(Duration wait, Call call, int node, Promise<Answer> result) {
    if (wait.isZero()) {
      context.runOnContext(v -> attempt(call, node, result));
    } else {
      vertx.setTimer(wait.toMillis(), t -> attempt(call, node, result));
    }
  }

  private void logRetry(Call call, int from, int to, Reply reply) {
    if (logged < RETRIES_LOGGED) {
      log.println(
          "simulate: retry phase="
              + call.phase
              + " what="
              + call.what
              + " from="
              + nodes.get(from)
              + " to="
              + nodes.get(to)
              + " after="
              + reply.describe().replace(' ', '_'));
    } else if (logged == RETRIES_LOGGED) {
      log.println("simulate: further retries are counted, not logged");
    }
    logged++;
  }

  /**
   * The hall's clock from a {@code Date} header: a terminal signs with it when its own is off by
   * more than a few seconds (docs/api.md, "Clock, nonces and the Date header").
   */
  private void noteClock(String date) {
    if (date == null) {
      return;
    }
    try {
      long hall = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
      long offset = hall - Instant.now().getEpochSecond();
      clockOffsetSeconds = Math.abs(offset) >= 3 ? offset : 0;
    } catch (java.time.format.DateTimeParseException e) {
      // not a date: sign with our own clock
    }
  }
}
