package org.votehall.cli;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.hall.Deputy;
import org.votehall.hall.Hall;
import org.votehall.http.MessageSignature;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.Quorum;

/**
 * Timing command for BENCHMARKS.md (not a test): recorded casts over HTTP on the demo node, their
 * latency (p50/p99) alone and under a flood of 64 connections sending wrong passwords — from one
 * address at a real account, and from 64 addresses (127.0.0.2 … 127.0.0.65) at made-up names.
 *
 * <pre>
 * mvn -B -q package -DskipTests && mvn -B -q test-compile
 * java -cp target/votehall.jar:target/test-classes org.votehall.cli.LoginFloodBenchmark [CASTS]
 * </pre>
 */
public final class LoginFloodBenchmark {
  private static final int CLIENTS = 8;
  private static final int FLOOD = 64;

  private LoginFloodBenchmark() {}

  public static void main(String[] args) throws Exception {
    int casts = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    DemoCommand.Demo demo = DemoCommand.start(0);
    Vertx vertx = Vertx.vertx();
    try {
      int port = demo.server().port();
      seed(demo.hall(), casts);
      SigningKey terminal = KeyFiles.readPrivate(Path.of("keys", "dev", "terminal-001.key"));
      WebClient web =
          WebClient.create(
              vertx,
              new WebClientOptions().setKeepAlive(true),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(CLIENTS));
      report("no flood", run(web, port, terminal, "bench-a", casts, null));
      report(
          "flood: 64 connections, one address, a real account",
          run(web, port, terminal, "bench-b", casts, new Flood(vertx, port, false)));
      report(
          "flood: 64 connections, 64 addresses, made-up names",
          run(web, port, terminal, "bench-c", casts, new Flood(vertx, port, true)));
    } finally {
      vertx.close();
      demo.stop();
    }
    System.exit(0);
  }

  /** A sitting of {@code n} deputies checked in at terminal t001, three recorded ballots open. */
  private static void seed(Hall hall, int n) throws Exception {
    SecretHash.Params quick = new SecretHash.Params(1024, 1, 1);
    SecureRandom random = new SecureRandom();
    List<Deputy> roster = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      roster.add(new Deputy("b" + i, "代表" + i, hall.pins().hash("123456")));
    }
    hall.sittings().create("bench", "bench", roster, Quorum.CONGRESS);
    hall.sittings()
        .registerTerminal(
            "bench", "t001", KeyFiles.readPublic(Path.of("keys", "dev", "terminal-001.pub")));
    for (int i = 1; i <= n; i++) {
      hall.sittings().checkIn("bench", "b" + i, "123456", "t001");
    }
    for (String id : List.of("bench-a", "bench-b", "bench-c")) {
      String spec =
          "{\"id\":\""
              + id
              + "\",\"kind\":\"motion\",\"title\":\"t\",\"secret\":false,\"members\":"
              + n
              + ",\"items\":[{\"id\":\"m1\",\"title\":\"m\"}]}";
      hall.ballots().define("bench", spec, true);
      hall.ballots().open(id);
    }
  }

  private record Figures(
      List<Long> micros, double seconds, long floodRequests, Map<Integer, Long> floodStatus) {}

  private static Figures run(
      WebClient web, int port, SigningKey terminal, String ballot, int casts, Flood flood)
      throws Exception {
    if (flood != null) {
      flood.start();
      Thread.sleep(2000); // let the flood reach its pace
    }
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicLong next = new AtomicLong(1);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      done.add(
          clients.submit(
              () -> {
                for (long i = next.getAndIncrement(); i <= casts; i = next.getAndIncrement()) {
                  long t = System.nanoTime();
                  HttpResponse<Buffer> r = cast(web, port, terminal, ballot, "b" + i);
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.bodyAsString());
                  }
                  micros.add((System.nanoTime() - t) / 1000);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    clients.shutdown();
    long floodRequests = flood == null ? 0 : flood.stop();
    return new Figures(micros, seconds, floodRequests, flood == null ? Map.of() : flood.statuses());
  }

  private static HttpResponse<Buffer> cast(
      WebClient web, int port, SigningKey terminal, String ballot, String deputy) throws Exception {
    String nonce = "c" + System.nanoTime() + deputy;
    var marks =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"marks\":{\"m1\":\"for\"}}");
    byte[] signed = RecordedCast.signedBytes(ballot, deputy, marks, nonce);
    String signature =
        Base64.getEncoder().encodeToString(terminal.sign(SignaturePurpose.RECORDED_CAST, signed));
    JsonObject body =
        new JsonObject()
            .put("deputy", deputy)
            .put("nonce", nonce)
            .put("marks", new JsonObject().put("m1", "for"))
            .put("signature", signature);
    byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
    String path = "/api/ballots/" + ballot + "/casts/recorded";
    var request = web.post(port, "127.0.0.1", path);
    MessageSignature.sign(terminal, "t001", nonce, Instant.now(), "POST", path, bytes)
        .forEach(request::putHeader);
    request.putHeader("content-type", "application/json");
    return ApiClient.await(request.sendBuffer(Buffer.buffer(bytes)));
  }

  private static void report(String what, Figures f) {
    List<Long> sorted = new ArrayList<>(f.micros());
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-55s casts %d in %.2f s = %.0f/s; p50 %.1f ms, p99 %.1f ms; flood requests %d (%.0f/s) %s%n",
        what,
        sorted.size(),
        f.seconds(),
        sorted.size() / f.seconds(),
        sorted.get(sorted.size() / 2) / 1000.0,
        sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
        f.floodRequests(),
        f.floodRequests() / f.seconds(),
        f.floodStatus());
  }

  /** 64 connections, each sending a wrong login as soon as the last one is answered. */
  private static final class Flood {
    private final Vertx vertx;
    private final int port;
    private final boolean spread;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, Long> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    Flood(Vertx vertx, int port, boolean spread) {
      this.vertx = vertx;
      this.port = port;
      this.spread = spread;
    }

    void start() {
      running.set(true);
      for (int i = 0; i < FLOOD; i++) {
        WebClientOptions options = new WebClientOptions().setKeepAlive(true);
        if (spread) {
          options.setLocalAddress("127.0.0." + (2 + i));
        }
        loop(
            WebClient.create(
                vertx, options, new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1)),
            i);
      }
    }

    private void loop(WebClient client, int i) {
      if (!running.get()) {
        client.close();
        return;
      }
      String name = spread ? "nobody-" + i + "-" + requests.get() : "clerk";
      client
          .post(port, "127.0.0.1", "/api/login")
          .sendJsonObject(new JsonObject().put("name", name).put("password", "wrong"))
          .onComplete(
              r -> {
                requests.incrementAndGet();
                statuses.merge(r.succeeded() ? r.result().statusCode() : -1, 1L, Long::sum);
                loop(client, i);
              });
    }

    long stop() throws InterruptedException {
      running.set(false);
      Thread.sleep(500);
      return requests.get();
    }

    Map<Integer, Long> statuses() {
      return Map.copyOf(statuses);
    }
  }
}
