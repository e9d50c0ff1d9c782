package org.votehall.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SigningKey;
import org.votehall.hall.Deputy;
import org.votehall.hall.Hall;
import org.votehall.ledger.Ledger;
import org.votehall.rules.Quorum;
import org.votehall.vault.BlindKeyVault;

/**
 * Timing command for BENCHMARKS.md (not a test): a sitting of N deputies (default 3,000, the NPC's
 * size) on one node over real HTTP on loopback, with the terminals' work (Ed25519 request signing,
 * RSA blinding) done by client threads in the same JVM on the same two cores.
 *
 * <pre>
 * mvn -B -q package -DskipTests && mvn -B -q test-compile
 * java -cp target/votehall.jar:target/test-classes org.votehall.http.HallBenchmark [DEPUTIES] [CLIENTS]
 * </pre>
 */
public final class HallBenchmark {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger NONCES = new AtomicInteger();

  private HallBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int clusterPort;
    try (ServerSocket s = new ServerSocket(0)) {
      clusterPort = s.getLocalPort();
    }
    ClusterNode node =
        await(ClusterNode.start(ClusterSettings.single("bench-" + clusterPort, clusterPort)));
    SigningKey key = KeyFiles.readPrivate(Path.of("keys", "dev", "node-1.key"));
    Path dir = Files.createTempDirectory("bench");
    Ledger ledger = Ledger.open(dir.resolve("node.ledger"), key, null, e -> {});
    Hall hall =
        await(
            Hall.start(
                node,
                ledger,
                key,
                BlindKeyVault.open(dir.resolve("blind-keys"), 0, RANDOM),
                new PinHasher(PinPepper.read(Path.of("keys", "dev", "dev-pin-pepper.pem")))));
    HallServer server =
        new HallServer(
            hall,
            new HttpServerOptions().setHost("127.0.0.1").setPort(0),
            Files.readString(Path.of("keys/dev/node-1.key")),
            List.of(Files.readString(Path.of("keys/dev/node-1.pub"))),
            List.of());
    await(node.vertx().deployVerticle(server));
    WebClient web =
        WebClient.create(
            node.vertx(),
            new WebClientOptions(),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(clients));
    List<SigningKey> terminals = setUp(hall, n);
    String[] tokens = new String[n];
    String[] signatures = new String[n];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    System.out.printf(
        Locale.ROOT, "%d deputies, %d client threads, one node, HTTP on loopback%n", n, clients);
    timed(
        "check-in (signed, PIN checked)",
        n,
        pool,
        i ->
            ok(
                signed(
                    web,
                    server.port(),
                    terminals.get(i),
                    "t" + i,
                    "/api/sittings/s/check-in",
                    new JsonObject().put("deputy", "d" + i).put("pin", "pin-" + i))));
    hall.ballots()
        .define(
            "s",
            "{\"id\":\"e\",\"kind\":\"election\",\"members\":"
                + n
                + ",\"sections\":[{\"id\":\"v\",\"seats\":2,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"},{\"id\":\"c3\",\"name\":\"丙\"}]}]}",
            true);
    hall.ballots().open("e");
    String blindKey =
        ok(signed(web, server.port(), terminals.get(0), "t0", "/api/ballots/e/blind-key", null))
            .getString("blindKey");
    timed(
        "issue (signed, blind RSA sign; client blinds and unblinds)",
        n,
        pool,
        i -> {
          BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(blindKey), RANDOM);
          BlindingClient.Request request = client.request();
          JsonObject body =
              new JsonObject()
                  .put("deputy", "d" + i)
                  .put("blindKey", blindKey)
                  .put(
                      "blindedMessage",
                      Base64.getEncoder().encodeToString(request.blindedMessage()));
          JsonObject issued =
              ok(
                  signed(
                      web, server.port(), terminals.get(i), "t" + i, "/api/ballots/e/issue", body));
          byte[] signature =
              client.finish(
                  request, Base64.getDecoder().decode(issued.getString("blindSignature")));
          tokens[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(request.token());
          signatures[i] = Base64.getEncoder().encodeToString(signature);
        });
    timed(
        "secret cast (anonymous, token verified, durable)",
        n,
        pool,
        i -> {
          JsonObject marks =
              new JsonObject()
                  .put(
                      "v",
                      new JsonObject()
                          .put("c" + (1 + i % 3), "for")
                          .put("c" + (1 + (i + 1) % 3), "for"));
          ok(
              send(
                  web.post(server.port(), "127.0.0.1", "/api/ballots/e/casts/secret"),
                  new JsonObject()
                      .put("token", tokens[i])
                      .put("blindSignature", signatures[i])
                      .put("marks", marks)));
        });
    long t = System.nanoTime();
    hall.ballots().close("e");
    System.out.printf(
        Locale.ROOT,
        "close: fence, tally by aggregation, result, ledger checkpoint, signed bundle: %.2f s%n",
        (System.nanoTime() - t) / 1e9);
    byte[] bundle = hall.ballots().bundle("e").orElseThrow().getBytes(StandardCharsets.UTF_8);
    t = System.nanoTime();
    Verification v = new BundleVerifier(List.of(key.verifyingKey())).verify(bundle);
    System.out.printf(
        Locale.ROOT,
        "bundle: %d bytes, verified in %.2f s: %s%n",
        bundle.length,
        (System.nanoTime() - t) / 1e9,
        v instanceof Verification.Holds ? "holds" : v);
    pool.shutdown();
    await(node.stop());
    ledger.close();
  }

  private static List<SigningKey> setUp(Hall hall, int n) {
    SecretHash.Params params = SecretHash.DEFAULT;
    List<Deputy> roster = new ArrayList<>();
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      roster.add(new Deputy("d" + i, "代表" + i, hall.pins().hash("pin-" + i)));
    }
    System.out.printf(
        Locale.ROOT,
        "roster: %d PIN hashes (Argon2id m=%d KiB, t=%d) in %.1f s on one thread%n",
        n,
        params.memoryKib(),
        params.iterations(),
        (System.nanoTime() - t) / 1e9);
    hall.sittings().create("s", "bench", roster, Quorum.CONGRESS);
    List<SigningKey> terminals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      terminals.add(SigningKey.generate(RANDOM));
      hall.sittings().registerTerminal("s", "t" + i, terminals.get(i).verifyingKey());
    }
    return terminals;
  }

  private static void timed(String what, int n, ExecutorService pool, IntConsumer each)
      throws Exception {
    long t = System.nanoTime();
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      work.add(pool.submit(() -> each.accept(k)));
    }
    for (var w : work) {
      w.get();
    }
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf(Locale.ROOT, "%-60s %6d in %6.2f s = %7.0f /s%n", what, n, s, n / s);
  }

  private static HttpResponse<Buffer> signed(
      WebClient web, int port, SigningKey terminal, String id, String path, JsonObject body) {
    byte[] bytes = body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8);
    HttpMethod method = body == null ? HttpMethod.GET : HttpMethod.POST;
    Map<String, String> headers =
        MessageSignature.sign(
            terminal,
            id,
            "n" + NONCES.incrementAndGet(),
            Instant.now(),
            method.name(),
            path,
            bytes);
    HttpRequest<Buffer> request = web.request(method, port, "127.0.0.1", path);
    headers.forEach(request::putHeader);
    return body == null ? join(request.send()) : send(request, body);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return join(
        request
            .putHeader("content-type", "application/json")
            .sendBuffer(Buffer.buffer(body.encode())));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
