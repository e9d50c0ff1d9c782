package org.votehall.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.votehall.crypto.SigningKey;

/** The retry loop over real HTTP: small Vert.x servers stand in for nodes. */
class HallClientTest {
  private Vertx vertx;
  private Context context;
  private final List<HttpServer> servers = new ArrayList<>();
  private final StringWriter log = new StringWriter();
  private final Progress progress = new Progress(System.nanoTime());
  private final List<String> inputs = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A node that answers each request with the next of {@code statuses} (the last repeats). */
  private String node(AtomicInteger seen, int... statuses) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                rq ->
                    rq.body()
                        .onSuccess(
                            body -> {
                              int n = seen.getAndIncrement();
                              int status = statuses[Math.min(n, statuses.length - 1)];
                              inputs.add(String.valueOf(rq.getHeader("Signature-Input")));
                              rq.response()
                                  .setStatusCode(status)
                                  .putHeader("Retry-After", "1")
                                  .end(
                                      status == 200
                                          ? new JsonObject().put("body", body.toString()).encode()
                                          : new JsonObject()
                                              .put("error", "e" + status)
                                              .put("message", "refused here")
                                              .encode());
                            }));
    servers.add(server);
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort();
  }

  private HallClient client(List<String> nodes, Duration runTime) {
    return new HallClient(
        vertx,
        context,
        WebClient.create(vertx),
        nodes,
        vertx.createSharedWorkerExecutor("test-crypto", 1),
        progress,
        new PrintWriter(log, true),
        System.nanoTime() + runTime.toNanos(),
        new SecureRandom());
  }

  private <T> T onContext(Supplier<Future<T>> work) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v -> work.get().onSuccess(done::complete).onFailure(done::completeExceptionally));
    return done.get(30, TimeUnit.SECONDS);
  }

  private static HallClient.Maker post() {
    return HallClient.plain(HttpMethod.POST, "/x", "{\"a\":1}".getBytes(), null);
  }

  @Test
  void aServerErrorIsSentToTheNextNodeAndCounted() throws Exception {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    HallClient client = client(List.of(node(a, 503), node(b, 200)), Duration.ofSeconds(20));
    HallClient.Answer answer =
        onContext(
            () ->
                client.send(
                    "cast", "cast d1", 0, post(), HallClient.Override.NONE, Duration.ofSeconds(5)));
    assertTrue(answer.ok());
    assertEquals(1, answer.reply().node());
    assertEquals(2, answer.attempts());
    assertFalse(answer.unansweredBefore(), "a 503 is an answer: nothing landed");
    assertEquals(1, a.get());
    assertEquals(1L, client.retriesByPhase().get("cast"));
    assertEquals(1, progress.retries());
    assertEquals("{\"a\":1}", answer.reply().json().getString("body"), "the same body");
    assertTrue(log.toString().contains("simulate: retry phase=cast what=cast d1"), log.toString());
  }

  @Test
  void aDeadNodeIsUnansweredAndRestsWhileAnotherIsUp() throws Exception {
    AtomicInteger b = new AtomicInteger();
    String dead = "http://127.0.0.1:" + org.votehall.cli.NodeProcess.freePort();
    HallClient client = client(List.of(dead, node(b, 200)), Duration.ofSeconds(20));
    HallClient.Answer first =
        onContext(
            () ->
                client.send(
                    "cast", "c", 0, post(), HallClient.Override.NONE, Duration.ofSeconds(5)));
    assertTrue(first.ok());
    assertFalse(first.unansweredBefore(), "a refused connection never landed");
    HallClient.Answer second =
        onContext(
            () ->
                client.send(
                    "cast", "c", 0, post(), HallClient.Override.NONE, Duration.ofSeconds(5)));
    assertEquals(1, second.attempts(), "the dead node rests: home is passed over");
  }

  @Test
  void aTimeoutMayHaveLandedAndIsSaidSo() throws Exception {
    HttpServer silent = vertx.createHttpServer().requestHandler(rq -> {});
    silent
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    AtomicInteger b = new AtomicInteger();
    HallClient client =
        client(
            List.of("http://127.0.0.1:" + silent.actualPort(), node(b, 200)),
            Duration.ofSeconds(20));
    HallClient.Answer answer =
        onContext(
            () ->
                client.send(
                    "close", "c", 0, post(), HallClient.Override.NONE, Duration.ofMillis(300)));
    assertTrue(answer.ok());
    assertTrue(answer.unansweredBefore());
  }

  @Test
  void aRefusalIsTheAnswerAndThrottlingWaitsOnTheSameNode() throws Exception {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    HallClient client = client(List.of(node(a, 409), node(b, 429, 200)), Duration.ofSeconds(20));
    HallClient.Answer refused =
        onContext(
            () ->
                client.send(
                    "cast", "c", 0, post(), HallClient.Override.NONE, Duration.ofSeconds(5)));
    assertEquals(409, refused.reply().status());
    assertEquals("e409", refused.reply().code());
    assertEquals(1, refused.attempts());
    long t = System.nanoTime();
    HallClient.Answer throttled =
        onContext(
            () ->
                client.send(
                    "cast", "c", 1, post(), HallClient.Override.NONE, Duration.ofSeconds(5)));
    assertTrue(throttled.ok());
    assertEquals(1, throttled.reply().node());
    assertTrue(System.nanoTime() - t >= 900_000_000L, "Retry-After: 1 was waited");
    assertTrue(client.retriesByPhase().isEmpty(), "a wait is not a retry");
  }

  @Test
  void everyAttemptOfATerminalRequestIsSignedAnew() throws Exception {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    HallClient client = client(List.of(node(a, 503), node(b, 200)), Duration.ofSeconds(20));
    SigningKey key = SigningKey.generate(new SecureRandom());
    byte[] body = "{\"deputy\":\"d1\"}".getBytes();
    HallClient.Answer answer =
        onContext(
            () ->
                client.send(
                    "checkin",
                    "c",
                    0,
                    client.signed(key, "t1", HttpMethod.POST, "/api/sittings/s/check-in", body),
                    HallClient.Override.NONE,
                    Duration.ofSeconds(5)));
    assertTrue(answer.ok());
    assertEquals(2, inputs.size());
    assertTrue(inputs.get(0).contains("keyid=\"t1\""), inputs.get(0));
    String nonce0 = inputs.get(0).replaceAll(".*nonce=\"([^\"]*)\".*", "$1");
    String nonce1 = inputs.get(1).replaceAll(".*nonce=\"([^\"]*)\".*", "$1");
    assertFalse(nonce0.equals(nonce1), "a new nonce: " + inputs);
    assertEquals(new String(body), answer.reply().json().getString("body"));
  }

  @Test
  void theRunsTimeoutEndsTheRetries() throws Exception {
    AtomicInteger a = new AtomicInteger();
    HallClient client = client(List.of(node(a, 503)), Duration.ofMillis(700));
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    context.runOnContext(
        v ->
            client
                .send(
                    "close", "close b", 0, post(), HallClient.Override.NONE, Duration.ofSeconds(5))
                .onComplete(ar -> failed.complete(ar.cause())));
    Throwable cause = failed.get(30, TimeUnit.SECONDS);
    assertTrue(cause.getMessage().contains("--timeout passed with close b"), cause.getMessage());
    assertTrue(a.get() >= 2);
  }

  @Test
  void anUntrustedCertificateIsToldApartFromAnOutage() {
    assertTrue(
        HallClient.untrusted(
            new SSLHandshakeException("x") {
              {
                initCause(new CertificateException("PKIX path building failed"));
              }
            }));
    assertFalse(HallClient.untrusted(new ConnectException("Connection refused")));
    assertFalse(HallClient.untrusted(null));
  }
}
