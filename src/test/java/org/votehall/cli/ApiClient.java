package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.http.MessageSignature;

/** A test's client of one node: plain calls, bearer calls, and terminal-signed calls. */
final class ApiClient implements AutoCloseable {
  private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());

  private final Vertx vertx;
  private final WebClient web;
  private final int port;

  private ApiClient(Vertx vertx, WebClient web, int port) {
    this.vertx = vertx;
    this.web = web;
    this.port = port;
  }

  /** Plain HTTP on 127.0.0.1 (the demo). */
  static ApiClient http(int port) {
    Vertx vertx = Vertx.vertx();
    return new ApiClient(vertx, WebClient.create(vertx), port);
  }

  /** Plain HTTP on 127.0.0.1 from another loopback address (127.0.0.2 …): another client. */
  static ApiClient http(int port, String localAddress) {
    Vertx vertx = Vertx.vertx();
    return new ApiClient(
        vertx, WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress)), port);
  }

  /** HTTPS on localhost, trusting the development certificate of node N. */
  static ApiClient https(int port, int node) {
    Vertx vertx = Vertx.vertx();
    WebClientOptions tls =
        new WebClientOptions()
            .setSsl(true)
            .setConnectTimeout(2000)
            .setTrustOptions(
                new PemTrustOptions()
                    .addCertPath(
                        Path.of("keys", "dev", "node-" + node + "-tls.crt")
                            .toAbsolutePath()
                            .toString()));
    return new ApiClient(vertx, WebClient.create(vertx, tls), port);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body)
      throws Exception {
    HttpRequest<Buffer> request = web.request(method, port, "127.0.0.1", path).timeout(30_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return await(request.send());
    }
    request.putHeader("content-type", "application/json");
    return await(request.sendBuffer(body.toBuffer()));
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return call(HttpMethod.GET, path, null, null);
  }

  String login(String name, String password) throws Exception {
    return ok(call(
            HttpMethod.POST,
            "/api/login",
            null,
            new JsonObject().put("name", name).put("password", password)))
        .getString("token");
  }

  /** A request signed by a development terminal key (keys/dev/terminal-00N.key) as {@code id}. */
  HttpResponse<Buffer> signed(int terminalKey, String id, String path, JsonObject body)
      throws Exception {
    return signed(terminalKey, id, path, body, Instant.now(), "n" + NONCES.incrementAndGet());
  }

  HttpResponse<Buffer> signed(
      int terminalKey, String id, String path, JsonObject body, Instant created, String nonce)
      throws Exception {
    SigningKey key =
        KeyFiles.readPrivate(
            Path.of("keys", "dev", String.format("terminal-%03d.key", terminalKey)));
    return signed(key, id, path, body, created, nonce);
  }

  /** A request signed by {@code key} as terminal {@code id}. */
  HttpResponse<Buffer> signed(SigningKey key, String id, String path, JsonObject body)
      throws Exception {
    return signed(key, id, path, body, Instant.now(), "n" + NONCES.incrementAndGet());
  }

  private HttpResponse<Buffer> signed(
      SigningKey key, String id, String path, JsonObject body, Instant created, String nonce)
      throws Exception {
    byte[] bytes = body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8);
    HttpMethod method = body == null ? HttpMethod.GET : HttpMethod.POST;
    Map<String, String> headers =
        MessageSignature.sign(key, id, nonce, created, method.name(), path, bytes);
    HttpRequest<Buffer> request = web.request(method, port, "127.0.0.1", path).timeout(30_000);
    headers.forEach(request::putHeader);
    if (body == null) {
      return await(request.send());
    }
    request.putHeader("content-type", "application/json");
    return await(request.sendBuffer(Buffer.buffer(bytes)));
  }

  /**
   * A recorded cast of {@code ballot} in deputy's name, signed by {@code key} (the cast and the
   * request) as terminal {@code terminal}.
   */
  HttpResponse<Buffer> castRecorded(
      SigningKey key, String terminal, String ballot, String deputy, JsonObject marks)
      throws Exception {
    String nonce = "cast-" + NONCES.incrementAndGet();
    byte[] signed =
        org.votehall.ledger.RecordedCast.signedBytes(
            ballot,
            deputy,
            (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(new JsonObject().put("marks", marks).encode()),
            nonce);
    String signature =
        java.util.Base64.getEncoder()
            .encodeToString(key.sign(org.votehall.crypto.SignaturePurpose.RECORDED_CAST, signed));
    return signed(
        key,
        terminal,
        "/api/ballots/" + ballot + "/casts/recorded",
        new JsonObject()
            .put("deputy", deputy)
            .put("nonce", nonce)
            .put("marks", marks)
            .put("signature", signature));
  }

  static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  static void assertError(int status, String code, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject();
    assertEquals(code, error.getString("error"), error.encode());
    assertTrue(error.getString("message").length() > 5, error.encode());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    web.close();
    vertx.close();
  }
}
