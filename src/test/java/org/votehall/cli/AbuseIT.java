package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.votehall.cli.ApiClient.assertError;
import static org.votehall.cli.ApiClient.ok;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;

/**
 * The attacks a first real use met, replayed against the demo node over HTTP: PIN guessing and its
 * oracle, a clerk's terminal named {@code clerk}, an oversized cast, a malformed signature time,
 * logs and metrics that must not betray a secret cast, and a login flood. The login tests run last:
 * they use up this client address's login allowance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {
  private static DemoCommand.Demo demo;
  private static ApiClient api;
  private static String clerk;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoCommand.start(0);
    api = ApiClient.http(demo.server().port());
    clerk = api.login("clerk", "clerk-demo");
  }

  @AfterAll
  static void stopDemo() {
    api.close();
    demo.stop();
  }

  private static HttpResponse<Buffer> checkIn(int terminal, String deputy, String pin)
      throws Exception {
    return api.signed(
        terminal,
        String.format("t%03d", terminal),
        "/api/sittings/demo/check-in",
        new JsonObject().put("deputy", deputy).put("pin", pin));
  }

  private static String pin(int deputy) {
    return String.format("%06d", deputy);
  }

  @Test
  @Order(1)
  void fiveWrongPinsLockADeputyUntilTheClerkUnlocksThem() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertError(401, "wrong-pin", checkIn(1, "d010", "999999"));
    }
    assertError(423, "locked", checkIn(1, "d010", pin(10)));
    JsonObject locked = deputy(roster(), "d010");
    assertTrue(locked.getBoolean("locked"), locked.encode());
    ok(api.call(HttpMethod.POST, "/api/sittings/demo/deputies/d010/unlock", clerk, null));
    assertFalse(deputy(roster(), "d010").getBoolean("locked"));
    ok(checkIn(1, "d010", pin(10)));
  }

  @Test
  @Order(2)
  void noAnswerTellsARightPinFromAWrongOne() throws Exception {
    ok(checkIn(1, "d011", pin(11)));
    HttpResponse<Buffer> right = checkIn(2, "d011", pin(11));
    HttpResponse<Buffer> wrong = checkIn(2, "d011", "999999");
    assertEquals(409, right.statusCode(), right.bodyAsString());
    assertEquals(right.statusCode(), wrong.statusCode());
    assertEquals(right.bodyAsString(), wrong.bodyAsString());
    HttpResponse<Buffer> unknown = checkIn(2, "d999", "999999");
    HttpResponse<Buffer> known = checkIn(2, "d012", "999999");
    assertEquals(401, unknown.statusCode());
    assertEquals(known.bodyAsString(), unknown.bodyAsString(), "an unknown number looks wrong");
  }

  @Test
  @Order(3)
  void anUnknownDeputyNumberTakesAsLongAsAKnownOne() throws Exception {
    JsonArray roster = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      roster.add(new JsonObject().put("id", "k" + i).put("name", "代表" + i).put("pin", "24680" + i));
    }
    ok(
        api.call(
            HttpMethod.POST,
            "/api/sittings",
            clerk,
            new JsonObject().put("id", "timing").put("title", "timing").put("roster", roster)));
    String key = KeyFiles.readPublic(Path.of("keys", "dev", "terminal-001.pub")).base64();
    ok(
        api.call(
            HttpMethod.POST,
            "/api/sittings/timing/terminals",
            clerk,
            new JsonObject().put("id", "t001").put("key", key)));
    long known = medianCheckInMillis("k1");
    long unknown = medianCheckInMillis("nobody");
    assertTrue(known >= 5, "Argon2id is slow on purpose: " + known + " ms");
    assertTrue(
        unknown * 3 >= known && known * 3 >= unknown,
        "unknown " + unknown + " ms, known " + known + " ms");
  }

  private static long medianCheckInMillis(String deputy) throws Exception {
    return medianMillis(
        5,
        i ->
            assertError(
                401,
                "wrong-pin",
                api.signed(
                    1,
                    "t001",
                    "/api/sittings/timing/check-in",
                    new JsonObject().put("deputy", deputy).put("pin", "000000"))));
  }

  /** A refused request's time, the median of {@code runs} (odd). */
  private interface Attempt {
    void run(int i) throws Exception;
  }

  private static long medianMillis(int runs, Attempt attempt) throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      attempt.run(i);
      times.add((System.nanoTime() - start) / 1_000_000);
    }
    times.sort(null);
    return times.get(runs / 2);
  }

  @Test
  @Order(3)
  void aClerkCheckInBindsNoTerminalAndNoTerminalOfTheClerksCastsForTheDeputy() throws Exception {
    ok(api.call(HttpMethod.PUT, "/api/sittings/demo/attendance/d020", clerk, null));
    JsonObject d020 = deputy(roster(), "d020");
    assertTrue(d020.getBoolean("present"));
    assertEquals(null, d020.getValue("terminal"));
    String key = KeyFiles.readPublic(Path.of("keys", "dev", "terminal-004.pub")).base64();
    assertError(
        400,
        "malformed",
        api.call(
            HttpMethod.POST,
            "/api/sittings/demo/terminals",
            clerk,
            new JsonObject().put("id", "clerk").put("key", key)));
    ok(
        api.call(
            HttpMethod.POST,
            "/api/sittings/demo/terminals",
            clerk,
            new JsonObject().put("id", "clerks-own").put("key", key)));
    openWithQuorum("budget-2027");
    JsonObject marks = new JsonObject().put("budget", "for").put("plan", "for");
    assertError(403, "not-checked-in", recorded(4, "clerks-own", "d020", marks));
    ok(checkIn(2, "d020", pin(20)));
    ok(recorded(2, "t002", "d020", marks));
  }

  @Test
  @Order(4)
  void theLiveStatusOfARecordedBallotCountsTheDeputiesAbleToVote() throws Exception {
    JsonObject status = ok(api.get("/api/sittings/demo/status"));
    JsonObject budget = ballot(status, "budget-2027");
    assertEquals(status.getInteger("present"), budget.getInteger("issued"), budget.encode());
    assertEquals(1, budget.getInteger("returned"));
  }

  @Test
  @Order(5)
  void aCastCarriesAFewWriteInsOfShortNamesAtMost() throws Exception {
    ok(api.call(HttpMethod.POST, "/api/ballots/vice-mayor-2027/open", clerk, null));
    ok(checkIn(3, "d030", pin(30)));
    String[] token = issue(3, "d030");
    JsonObject marks = new JsonObject().put("vice-mayor", new JsonObject().put("c1", "against"));
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 13; i++) {
      tooMany.add("人" + i);
    }
    assertError(400, "malformed", secret(token, marks, tooMany));
    assertError(400, "malformed", secret(token, marks, new JsonArray().add("长".repeat(65))));
    HttpResponse<Buffer> accepted = secret(token, marks, new JsonArray().add("长".repeat(64)));
    assertNotNull(ok(accepted).getString("receipt"));
  }

  @Test
  @Order(6)
  void requestsNamingUnknownSittingsOpenNoClusterMaps() throws Exception {
    int before = demo.node().hazelcast().getDistributedObjects().size();
    for (int i = 0; i < 40; i++) {
      assertError(
          401,
          "bad-signature",
          api.signed(
              1,
              "t001",
              "/api/sittings/made-up-" + i + "/check-in",
              new JsonObject().put("deputy", "d001").put("pin", "000001")));
      assertError(404, "unknown", api.get("/api/sittings/made-up-" + i + "/live"));
      assertError(404, "unknown", api.get("/api/sittings/made-up-" + i + "/status"));
    }
    assertEquals(before, demo.node().hazelcast().getDistributedObjects().size());
  }

  @Test
  @Order(6)
  void aMalformedCreatedTimeIsABadSignature() throws Exception {
    for (String created : List.of("99999999999999999999", "\"soon\"", "-5")) {
      HttpResponse<Buffer> r = withCreated(created);
      assertEquals(401, r.statusCode(), created + ": " + r.bodyAsString());
      assertEquals("bad-signature", r.bodyAsJsonObject().getString("error"));
    }
  }

  @Test
  @Order(7)
  void nothingAboutASecretCastIsLoggedAndNoMetricNamesAnyone() throws Exception {
    ListAppender<ILoggingEvent> log = capture("votehall.access", "org.votehall.http.ApiError");
    ok(checkIn(3, "d031", pin(31)));
    String[] token = issue(3, "d031");
    JsonObject marks = new JsonObject().put("vice-mayor", new JsonObject().put("c2", "for"));
    ok(secret(token, marks, null));
    assertError(409, "already-voted", secret(token, new JsonObject(), null));
    assertError(403, "not-issued", secret(new String[] {"AAAA", "AAAA"}, marks, null));
    ok(api.get("/api/sittings/demo/status"));
    List<String> lines = new ArrayList<>();
    for (int wait = 0; wait < 40 && lines.stream().noneMatch(l -> l.contains("/status")); wait++) {
      Thread.sleep(50); // the access log writes its line once the response has gone out
      lines.clear();
      new ArrayList<>(log.list).forEach(e -> lines.add(e.getFormattedMessage()));
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("/issue")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains("/status")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains(token[0])), lines.toString());
    String metrics = api.get("/metrics").bodyAsString();
    assertTrue(
        metrics.contains("votehall_casts_total{kind=\"secret\",result=\"accepted\"}"), metrics);
    assertTrue(
        metrics.contains("votehall_casts_total{kind=\"secret\",result=\"already-voted\"}"),
        metrics);
    for (String identity : List.of("d030", "d031", "t003", "demo\"", token[0])) {
      assertFalse(metrics.contains(identity), "no label names " + identity);
    }
  }

  @Test
  @Order(8)
  void anUnknownAccountTakesAsLongAsAKnownOne() throws Exception {
    long known = medianLoginMillis("auditor");
    long unknown = medianLoginMillis("nobody");
    assertTrue(known >= 5, "Argon2id is slow on purpose: " + known + " ms");
    assertTrue(
        unknown * 3 >= known && known * 3 >= unknown,
        "unknown " + unknown + " ms, known " + known + " ms");
  }

  @Test
  @Order(9)
  void aLoginFloodIsThrottledPerAccountAndPerAddress() throws Exception {
    // 7 attempts so far from this address (the clerk's login, 3 + 3 timed); auditor failed 3 times
    for (int i = 0; i < 2; i++) {
      assertError(401, "wrong-login", login("auditor", "wrong"));
    }
    HttpResponse<Buffer> throttled = login("auditor", "auditor-demo");
    assertError(429, "too-many-requests", throttled);
    assertTrue(Integer.parseInt(throttled.getHeader("Retry-After")) >= 1);
    assertError(401, "wrong-login", login("someone", "x"));
    for (int i = 0; i < 10; i++) {
      assertError(429, "too-many-requests", login("clerk", "clerk-demo"));
    }
    try (ApiClient elsewhere = ApiClient.http(demo.server().port(), "127.0.0.2")) {
      assertTrue(
          elsewhere.login("auditor", "auditor-demo").length() > 20,
          "a guesser at one address does not lock the auditor out elsewhere");
    }
  }

  private static long medianLoginMillis(String name) throws Exception {
    return medianMillis(3, i -> assertError(401, "wrong-login", login(name, "wrong-" + i)));
  }

  private static HttpResponse<Buffer> login(String name, String password) throws Exception {
    return api.call(
        HttpMethod.POST,
        "/api/login",
        null,
        new JsonObject().put("name", name).put("password", password));
  }

  private static HttpResponse<Buffer> withCreated(String created) throws Exception {
    byte[] body =
        new JsonObject()
            .put("deputy", "d013")
            .put("pin", pin(13))
            .encode()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var headers =
        org.votehall.http.MessageSignature.sign(
            KeyFiles.readPrivate(Path.of("keys", "dev", "terminal-001.key")),
            "t001",
            "nonce-" + created.hashCode(),
            java.time.Instant.now(),
            "POST",
            "/api/sittings/demo/check-in",
            body);
    String input =
        headers.get("Signature-Input").replaceAll("created=[0-9]+", "created=" + created);
    io.vertx.ext.web.client.WebClient web =
        io.vertx.ext.web.client.WebClient.create(demo.node().vertx());
    var request = web.post(demo.server().port(), "127.0.0.1", "/api/sittings/demo/check-in");
    headers.forEach(request::putHeader);
    request.putHeader("Signature-Input", input);
    request.putHeader("content-type", "application/json");
    return ApiClient.await(request.sendBuffer(Buffer.buffer(body)));
  }

  private static void openWithQuorum(String ballot) throws Exception {
    for (int d = 40; d <= 60; d++) {
      ok(api.call(HttpMethod.PUT, "/api/sittings/demo/attendance/d0" + d, clerk, null));
    }
    for (int d = 1; d <= 30; d++) {
      ok(
          api.call(
              HttpMethod.PUT,
              String.format("/api/sittings/demo/attendance/d%03d", d),
              clerk,
              null));
    }
    ok(api.call(HttpMethod.POST, "/api/ballots/" + ballot + "/open", clerk, null));
  }

  private static HttpResponse<Buffer> recorded(
      int key, String terminal, String deputy, JsonObject marks) throws Exception {
    SigningKey signer =
        KeyFiles.readPrivate(Path.of("keys", "dev", String.format("terminal-%03d.key", key)));
    return api.castRecorded(signer, terminal, "budget-2027", deputy, marks);
  }

  /** Issues a token to a deputy checked in at terminal N; returns {token, signature}. */
  private static String[] issue(int terminal, String deputy) throws Exception {
    String id = String.format("t%03d", terminal);
    String key =
        ok(api.signed(terminal, id, "/api/ballots/vice-mayor-2027/blind-key", null))
            .getString("blindKey");
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(key), new SecureRandom());
    BlindingClient.Request request = client.request();
    JsonObject body =
        new JsonObject()
            .put("deputy", deputy)
            .put("blindKey", key)
            .put("blindedMessage", Base64.getEncoder().encodeToString(request.blindedMessage()));
    JsonObject issued = ok(api.signed(terminal, id, "/api/ballots/vice-mayor-2027/issue", body));
    byte[] signature =
        client.finish(request, Base64.getDecoder().decode(issued.getString("blindSignature")));
    return new String[] {
      Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()),
      Base64.getEncoder().encodeToString(signature)
    };
  }

  private static HttpResponse<Buffer> secret(String[] token, JsonObject marks, JsonArray writeIns)
      throws Exception {
    JsonObject cast =
        new JsonObject().put("token", token[0]).put("blindSignature", token[1]).put("marks", marks);
    if (writeIns != null) {
      cast.put("writeIns", new JsonObject().put("vice-mayor", writeIns));
    }
    return api.call(HttpMethod.POST, "/api/ballots/vice-mayor-2027/casts/secret", null, cast);
  }

  private static JsonObject roster() throws Exception {
    return ok(api.call(HttpMethod.GET, "/api/sittings/demo/roster", clerk, null));
  }

  private static JsonObject deputy(JsonObject roster, String id) {
    return roster.getJsonArray("deputies").stream()
        .map(JsonObject.class::cast)
        .filter(d -> d.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject ballot(JsonObject status, String id) {
    return status.getJsonArray("ballots").stream()
        .map(JsonObject.class::cast)
        .filter(b -> b.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  static ListAppender<ILoggingEvent> capture(String... loggers) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    for (String name : loggers) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.setLevel(Level.INFO);
      logger.addAppender(appender);
    }
    return appender;
  }
}
