package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.Verification;
import org.votehall.cluster.ClusterNode;
import org.votehall.cluster.ClusterSettings;
import org.votehall.cluster.DevClusterTls;
import org.votehall.cluster.HazelcastConfigs;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.PinPepper;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.hall.Hall;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.RecordedCast;
import org.votehall.vault.BlindKeyVault;

/** A sitting over real HTTP on two clustered nodes, with the refusals of the issue. */
class HttpIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger NONCES = new AtomicInteger();
  private static final List<ClusterNode> nodes = new ArrayList<>();
  private static final List<Ledger> ledgers = new ArrayList<>();
  private static final List<BlindKeyVault> vaults = new ArrayList<>();
  private static final List<Hall> halls = new ArrayList<>();
  private static List<Account> accounts;
  private static final List<Integer> ports = new ArrayList<>();
  private static final List<SigningKey> terminals = new ArrayList<>();
  private static WebClient web;
  private static String clerk;
  private static String auditor;

  @BeforeAll
  static void twoNodes() throws Exception {
    int ha = freePort();
    int hb = freePort();
    List<String> members = List.of("127.0.0.1:" + ha, "127.0.0.1:" + hb);
    Path dir = Files.createTempDirectory("http-it");
    SecretHash.Params fast = new SecretHash.Params(64, 1, 1);
    accounts =
        List.of(
            new Account("clerk", Account.CLERK, SecretHash.hash("clerk-pass", RANDOM, fast)),
            new Account("auditor", Account.AUDITOR, SecretHash.hash("audit-pass", RANDOM, fast)));
    for (int n = 0; n < 2; n++) {
      ClusterNode node =
          await(
              ClusterNode.start(
                  DevClusterTls.node(
                      n + 1,
                      new ClusterSettings(
                          "http-it-" + ha, "127.0.0.1", n == 0 ? ha : hb, members, 1))));
      nodes.add(node);
    }
    PinHasher pins = new PinHasher(PinPepper.generate(RANDOM), fast, RANDOM);
    for (int n = 0; n < 2; n++) {
      Path keyFile = Path.of("keys", "dev", "node-" + (n + 1) + ".key");
      SigningKey key = KeyFiles.readPrivate(keyFile);
      Ledger ledger = Ledger.open(dir.resolve("node-" + n + ".ledger"), key, null, e -> {});
      ledgers.add(ledger);
      List<VerifyingKey> trusted =
          List.of(
              KeyFiles.readPublic(Path.of("keys", "dev", "node-1.pub")),
              KeyFiles.readPublic(Path.of("keys", "dev", "node-2.pub")));
      BlindKeyVault vault = BlindKeyVault.open(dir.resolve("blind-keys-" + n), 0, RANDOM);
      vaults.add(vault);
      Hall hall = await(Hall.start(nodes.get(n), ledger, key, trusted, vault, pins, List.of()));
      halls.add(hall);
      List<String> publicPems =
          List.of(
              Files.readString(Path.of("keys", "dev", "node-1.pub")),
              Files.readString(Path.of("keys", "dev", "node-2.pub")));
      HallServer server =
          new HallServer(
              hall,
              new HttpServerOptions().setHost("127.0.0.1").setPort(0),
              Files.readString(keyFile),
              publicPems,
              accounts);
      await(nodes.get(n).vertx().deployVerticle(server));
      ports.add(server.port());
    }
    web = WebClient.create(nodes.get(0).vertx());
    clerk = login("clerk", "clerk-pass").getString("token");
    auditor = login("auditor", "audit-pass").getString("token");
  }

  @AfterAll
  static void stop() throws Exception {
    for (ClusterNode n : nodes) {
      await(n.stop());
    }
    ledgers.forEach(Ledger::close);
    vaults.forEach(BlindKeyVault::close);
  }

  @Test
  void aSittingOverHttp() throws Exception {
    assertError(
        401,
        "wrong-login",
        call(
            0,
            HttpMethod.POST,
            "/api/login",
            null,
            new JsonObject().put("name", "clerk").put("password", "nope")));
    JsonObject sitting =
        new JsonObject()
            .put("id", "s1")
            .put("title", "第一次全体会议")
            .put("quorum", "congress")
            .put("roster", roster(10));
    assertError(401, "unauthenticated", call(0, HttpMethod.POST, "/api/sittings", null, sitting));
    assertError(403, "wrong-role", call(0, HttpMethod.POST, "/api/sittings", auditor, sitting));
    assertError(
        400,
        "invalid-request",
        call(0, HttpMethod.POST, "/api/sittings", clerk, new JsonObject().put("id", "s 1")));
    assertEquals(
        10, ok(call(0, HttpMethod.POST, "/api/sittings", clerk, sitting)).getInteger("members"));
    for (int i = 1; i <= 10; i++) {
      terminals.add(SigningKey.generate(RANDOM));
      ok(
          call(
              i % 2,
              HttpMethod.POST,
              "/api/sittings/s1/terminals",
              clerk,
              new JsonObject()
                  .put("id", "t" + i)
                  .put("key", terminals.get(i - 1).verifyingKey().base64())));
    }
    assertError(
        401,
        "wrong-pin",
        signed(
            0,
            1,
            "/api/sittings/s1/check-in",
            new JsonObject().put("deputy", "d1").put("pin", "000000"),
            "n-wrong"));
    for (int i = 1; i <= 5; i++) {
      ok(
          signed(
              i % 2,
              i,
              "/api/sittings/s1/check-in",
              new JsonObject().put("deputy", "d" + i).put("pin", pin(i)),
              null));
    }
    JsonObject replay = new JsonObject().put("deputy", "d6").put("pin", pin(6));
    ok(signed(0, 6, "/api/sittings/s1/check-in", replay, "same-nonce"));
    assertError(
        401, "bad-signature", signed(1, 6, "/api/sittings/s1/check-in", replay, "same-nonce"));
    assertError(
        401, "bad-signature", call(0, HttpMethod.POST, "/api/sittings/s1/check-in", null, replay));

    String election =
        "{\"id\":\"e1\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(election))));
    assertError(409, "no-quorum", call(1, HttpMethod.POST, "/api/ballots/e1/open", clerk, null));
    assertEquals(
        "draft",
        ok(call(0, HttpMethod.GET, "/api/ballots/e1", null, null)).getString("status"),
        "a refusal changes nothing");
    ok(call(1, HttpMethod.PUT, "/api/sittings/s1/attendance/d7", clerk, null));
    assertEquals(
        "open",
        ok(call(1, HttpMethod.POST, "/api/ballots/e1/open", clerk, null)).getString("status"));

    String firstReceipt = null;
    for (int i = 1; i <= 6; i++) {
      String[] token = issue(i % 2, i);
      JsonObject cast =
          new JsonObject()
              .put("token", token[0])
              .put("blindSignature", token[1])
              .put("marks", new JsonObject().put("vice", new JsonObject().put("c1", "for")));
      JsonObject receipt =
          ok(call((i + 1) % 2, HttpMethod.POST, "/api/ballots/e1/casts/secret", null, cast));
      assertEquals(
          receipt.getString("receipt"),
          ok(call(i % 2, HttpMethod.POST, "/api/ballots/e1/casts/secret", null, cast))
              .getString("receipt"),
          "a retry on the other node");
      assertError(
          409,
          "already-voted",
          call(
              i % 2,
              HttpMethod.POST,
              "/api/ballots/e1/casts/secret",
              null,
              cast.copy().put("marks", new JsonObject())));
      assertError(
          400,
          "malformed",
          call(
              0,
              HttpMethod.POST,
              "/api/ballots/e1/casts/secret",
              null,
              cast.copy()
                  .put("marks", new JsonObject().put("vice", new JsonObject().put("c9", "for")))));
      firstReceipt = firstReceipt == null ? receipt.getString("receipt") : firstReceipt;
    }
    assertError(
        403,
        "not-issued",
        call(
            0,
            HttpMethod.POST,
            "/api/ballots/e1/casts/secret",
            null,
            new JsonObject()
                .put("token", "AAAA")
                .put("blindSignature", "AAAA")
                .put("marks", new JsonObject())));
    assertError(
        404,
        "unknown",
        call(
            0,
            HttpMethod.POST,
            "/api/ballots/nope/casts/secret",
            null,
            new JsonObject()
                .put("token", "AAAA")
                .put("blindSignature", "AAAA")
                .put("marks", new JsonObject())));
    HttpResponse<Buffer> malformed =
        rawCall(
            0, HttpMethod.POST, "/api/ballots/e1/casts/secret", null, Buffer.buffer("{not json"));
    assertError(400, "invalid-request", malformed);
    HttpResponse<Buffer> statusResponse =
        call(1, HttpMethod.GET, "/api/sittings/s1/status", null, null);
    assertFollowsContract("sittingStatus", statusResponse);
    JsonObject status = ok(statusResponse);
    assertEquals(
        6,
        status.getJsonArray("ballots").getJsonObject(0).getInteger("returned"),
        "refused casts added nothing");
    assertEquals(
        6,
        status.getJsonArray("ballots").getJsonObject(0).getInteger("issued"),
        "refused issues added nothing");

    JsonObject result = ok(call(0, HttpMethod.POST, "/api/ballots/e1/close", clerk, null));
    assertEquals(
        new JsonArray().add("c1"),
        result.getJsonArray("sections").getJsonObject(0).getJsonArray("elected"));
    assertEquals(result, ok(call(1, HttpMethod.GET, "/api/ballots/e1/result", null, null)));
    String[] late = {"AAAA", "AAAA"};
    assertError(
        409,
        "not-open",
        call(
            1,
            HttpMethod.POST,
            "/api/ballots/e1/casts/secret",
            null,
            new JsonObject()
                .put("token", late[0])
                .put("blindSignature", late[1])
                .put("marks", new JsonObject())));
    assertError(
        401, "unauthenticated", call(1, HttpMethod.GET, "/api/ballots/e1/bundle", null, null));
    HttpResponse<Buffer> bundle = call(1, HttpMethod.GET, "/api/ballots/e1/bundle", auditor, null);
    assertEquals(200, bundle.statusCode());
    Verification v =
        new BundleVerifier(
                List.of(
                    KeyFiles.readPublic(Path.of("keys/dev/node-1.pub")),
                    KeyFiles.readPublic(Path.of("keys/dev/node-2.pub"))))
            .verify(bundle.body().getBytes());
    assertInstanceOf(Verification.Holds.class, v, v::toString);

    recordedMotion();
    rosterFromASpreadsheet();
    tieRevoteAndRunoff();
    selectionAndRating();
    countdown();
    assertEquals(200, call(0, HttpMethod.GET, "/openapi.yaml", null, null).statusCode());
    assertFollowsContract(
        "sittingStatus", call(0, HttpMethod.GET, "/api/sittings/s1/status", null, null));
  }

  /** The response validates against the operation's schema in openapi.yaml. */
  private static void assertFollowsContract(String operation, HttpResponse<Buffer> response)
      throws Exception {
    OpenAPIContract contract = await(OpenAPIContract.from(nodes.get(0).vertx(), "openapi.yaml"));
    // The validator matches a media type without its parameters (no "; charset=utf-8").
    String mediaType = response.getHeader("content-type").split(";")[0].strip();
    await(
        ResponseValidator.create(nodes.get(0).vertx(), contract)
            .validate(
                ValidatableResponse.create(response.statusCode(), response.body(), mediaType),
                operation));
  }

  private void recordedMotion() throws Exception {
    String motion =
        "{\"id\":\"m1\",\"kind\":\"motion\",\"members\":10,\"items\":[{\"id\":\"a\",\"title\":\"预算\"}]}";
    ok(
        call(
            1,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(motion))));
    ok(call(0, HttpMethod.POST, "/api/ballots/m1/open", clerk, null));
    for (int i = 1; i <= 6; i++) {
      JsonObject marks = new JsonObject().put("a", "for");
      String nonce = "cast-nonce-" + i;
      byte[] signed =
          RecordedCast.signedBytes(
              "m1",
              "d" + i,
              (com.fasterxml.jackson.databind.node.ObjectNode)
                  new com.fasterxml.jackson.databind.ObjectMapper()
                      .readTree(new JsonObject().put("marks", marks).encode()),
              nonce);
      String signature =
          Base64.getEncoder()
              .encodeToString(terminals.get(i - 1).sign(SignaturePurpose.RECORDED_CAST, signed));
      ok(
          signed(
              i % 2,
              i,
              "/api/ballots/m1/casts/recorded",
              new JsonObject()
                  .put("deputy", "d" + i)
                  .put("nonce", nonce)
                  .put("marks", marks)
                  .put("signature", signature),
              null));
    }
    assertError(
        403,
        "not-checked-in",
        signed(
            0,
            8,
            "/api/ballots/m1/casts/recorded",
            new JsonObject()
                .put("deputy", "d8")
                .put("nonce", "12345678")
                .put("marks", new JsonObject())
                .put("signature", "AAAA"),
            null));
    JsonObject result = ok(call(1, HttpMethod.POST, "/api/ballots/m1/close", clerk, null));
    assertEquals(
        "passed",
        result.getJsonArray("items").getJsonObject(0).getString("outcome"),
        "6 of 10 is more than half");
  }

  private void tieRevoteAndRunoff() throws Exception {
    String tied =
        "{\"id\":\"e2\",\"kind\":\"election\",\"members\":10,\"threshold\":{\"base\":\"valid\",\"fraction\":\"1/3\",\"strict\":false},"
            + "\"sections\":[{\"id\":\"vice\",\"seats\":1,\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(tied))));
    assertError(
        409,
        "not-open",
        call(
            0,
            HttpMethod.POST,
            "/api/ballots/e2/casts/secret",
            null,
            new JsonObject()
                .put("token", "AAAA")
                .put("blindSignature", "AAAA")
                .put("marks", new JsonObject())));
    ok(call(0, HttpMethod.POST, "/api/ballots/e2/open", clerk, null));
    secretVotes(
        "e2", i -> new JsonObject().put("vice", new JsonObject().put(i <= 3 ? "c1" : "c2", "for")));
    JsonObject first = ok(call(1, HttpMethod.POST, "/api/ballots/e2/close", clerk, null));
    assertEquals(
        new JsonObject().put("persons", new JsonArray().add("c1").add("c2")).put("seats", 1),
        first.getJsonArray("sections").getJsonObject(0).getJsonObject("tie"));
    JsonObject revote =
        ok(
            call(
                0,
                HttpMethod.POST,
                "/api/ballots/e2/follow-ups",
                clerk,
                new JsonObject().put("kind", "tie").put("id", "e2-tie")));
    assertEquals("e2", revote.getJsonObject("spec").getString("follows"));
    ok(call(0, HttpMethod.POST, "/api/ballots/e2-tie/open", clerk, null));
    secretVotes(
        "e2-tie",
        i -> new JsonObject().put("vice", new JsonObject().put(i <= 4 ? "c1" : "c2", "for")));
    JsonObject decided = ok(call(0, HttpMethod.POST, "/api/ballots/e2-tie/close", clerk, null));
    assertEquals(
        new JsonArray().add("c1"),
        decided.getJsonArray("sections").getJsonObject(0).getJsonArray("elected"));

    String open =
        "{\"id\":\"e3\",\"kind\":\"election\",\"members\":10,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
            + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
    ok(
        call(
            1,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(open))));
    ok(call(1, HttpMethod.POST, "/api/ballots/e3/open", clerk, null));
    secretVotes("e3", i -> new JsonObject());
    JsonObject unfilled =
        ok(call(1, HttpMethod.POST, "/api/ballots/e3/close", clerk, null))
            .getJsonArray("sections")
            .getJsonObject(0);
    assertEquals(1, unfilled.getInteger("unfilled"));
    assertError(
        409,
        "conflict",
        call(
            1,
            HttpMethod.POST,
            "/api/ballots/e3/follow-ups",
            clerk,
            new JsonObject().put("kind", "tie").put("id", "e3-tie")));
    ok(
        call(
            1,
            HttpMethod.POST,
            "/api/ballots/e3/follow-ups",
            clerk,
            new JsonObject().put("kind", "runoff").put("id", "e3-runoff")));
    ok(call(0, HttpMethod.POST, "/api/ballots/e3-runoff/open", clerk, null));
    secretVotes("e3-runoff", i -> new JsonObject().put("vice", new JsonObject().put("c1", "for")));
    JsonObject runoff = ok(call(0, HttpMethod.POST, "/api/ballots/e3-runoff/close", clerk, null));
    assertEquals(
        new JsonArray().add("c1"),
        runoff.getJsonArray("sections").getJsonObject(0).getJsonArray("elected"),
        "6 of 10 still meets the threshold");
    assertVerifies("e3-runoff");
  }

  private void selectionAndRating() throws Exception {
    String selection =
        "{\"id\":\"p1\",\"kind\":\"selection\",\"members\":10,\"select\":1,\"items\":[{\"id\":\"a\",\"title\":\"学校\"},{\"id\":\"b\",\"title\":\"道路\"}]}";
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(selection)).put("confirmWarnings", true)));
    ok(call(0, HttpMethod.POST, "/api/ballots/p1/open", clerk, null));
    String[] token = issue("p1", 0, 1);
    JsonObject both = new JsonObject().put("a", "for").put("b", "for");
    HttpResponse<Buffer> over =
        call(
            1,
            HttpMethod.POST,
            "/api/ballots/p1/casts/secret",
            null,
            new JsonObject()
                .put("token", token[0])
                .put("blindSignature", token[1])
                .put("marks", both));
    assertError(400, "malformed", over);
    assertTrue(
        over.bodyAsJsonObject().getString("message").contains("over-selection"),
        over.bodyAsString());
    ok(
        call(
            1,
            HttpMethod.POST,
            "/api/ballots/p1/casts/secret",
            null,
            new JsonObject()
                .put("token", token[0])
                .put("blindSignature", token[1])
                .put("marks", new JsonObject().put("a", "for"))));
    JsonObject selected = ok(call(0, HttpMethod.POST, "/api/ballots/p1/close", clerk, null));
    assertEquals(1, selected.getInteger("returned"));
    String rating =
        "{\"id\":\"r1\",\"kind\":\"rating\",\"members\":10,\"items\":[{\"id\":\"x\",\"title\":\"学校\"}]}";
    ok(
        call(
            1,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(rating))));
    ok(call(1, HttpMethod.POST, "/api/ballots/r1/open", clerk, null));
    secretVotes("r1", i -> new JsonObject().put("x", i <= 5 ? "satisfied" : "basically"));
    JsonObject rated = ok(call(1, HttpMethod.POST, "/api/ballots/r1/close", clerk, null));
    assertEquals(
        "basically",
        rated.getJsonArray("ratings").getJsonObject(0).getString("grade"),
        "5 satisfied of 10 is not more than half; 6 with basically is");
    assertVerifies("r1");
    assertVerifies("p1");
  }

  private void rosterFromASpreadsheet() throws Exception {
    String csv = "\uFEFF代表证号,姓名,密码\r\nc01,张三,123456\r\nc02,\"李, 四\",654321\r\n";
    JsonObject sitting =
        new JsonObject()
            .put("id", "s2")
            .put("title", "常委会会议")
            .put("quorum", "committee")
            .put("rosterCsv", csv);
    JsonObject attendance = ok(call(0, HttpMethod.POST, "/api/sittings", clerk, sitting));
    assertEquals(2, attendance.getInteger("members"));
    assertEquals(2, attendance.getInteger("quorumRequired"), "more than half of 2");
    HttpResponse<Buffer> bad =
        call(
            0,
            HttpMethod.POST,
            "/api/sittings",
            clerk,
            sitting.copy().put("id", "s3").put("rosterCsv", "id,name,pin\nx,,1234"));
    assertError(400, "malformed", bad);
    assertTrue(bad.bodyAsJsonObject().getString("message").contains("line 2"), bad.bodyAsString());
  }

  private void countdown() throws Exception {
    String motion =
        "{\"id\":\"m2\",\"kind\":\"motion\",\"members\":10,\"items\":[{\"id\":\"a\",\"title\":\"决议\"}]}";
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s1/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(motion))));
    JsonObject opened =
        ok(
            call(
                0,
                HttpMethod.POST,
                "/api/ballots/m2/open",
                clerk,
                new JsonObject().put("countdownSeconds", 1)));
    assertTrue(opened.getLong("closesAt") > 0);
    long deadline = System.currentTimeMillis() + 15_000;
    String status = "open";
    while (!status.equals("closed") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = ok(call(1, HttpMethod.GET, "/api/ballots/m2", null, null)).getString("status");
    }
    assertEquals("closed", status, "the countdown closed the ballot by itself");
    assertEquals(
        0,
        ok(call(1, HttpMethod.GET, "/api/ballots/m2/result", null, null)).getInteger("returned"));
  }

  /** Deputies 1–6 are issued a token and cast the marks given, alternating between the nodes. */
  private static void secretVotes(String ballot, java.util.function.IntFunction<JsonObject> marks)
      throws Exception {
    for (int i = 1; i <= 6; i++) {
      String[] token = issue(ballot, i % 2, i);
      JsonObject cast =
          new JsonObject()
              .put("token", token[0])
              .put("blindSignature", token[1])
              .put("marks", marks.apply(i));
      ok(
          call(
              (i + 1) % 2,
              HttpMethod.POST,
              "/api/ballots/" + ballot + "/casts/secret",
              null,
              cast));
    }
  }

  private static void assertVerifies(String ballot) throws Exception {
    HttpResponse<Buffer> bundle =
        call(0, HttpMethod.GET, "/api/ballots/" + ballot + "/bundle", auditor, null);
    Verification v =
        new BundleVerifier(
                List.of(
                    KeyFiles.readPublic(Path.of("keys/dev/node-1.pub")),
                    KeyFiles.readPublic(Path.of("keys/dev/node-2.pub"))))
            .verify(bundle.body().getBytes());
    assertInstanceOf(Verification.Holds.class, v, v::toString);
  }

  /**
   * Gets this node's blind key, blinds a token, asks for the blind signature; returns {token,
   * signature}.
   */
  private static String[] issue(int node, int deputy) throws Exception {
    return issue("e1", node, deputy);
  }

  private static String[] issue(String ballot, int node, int deputy) throws Exception {
    String key =
        ok(signed(node, deputy, "/api/ballots/" + ballot + "/blind-key", null, null))
            .getString("blindKey");
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(key), RANDOM);
    BlindingClient.Request request = client.request();
    JsonObject body =
        new JsonObject()
            .put("deputy", "d" + deputy)
            .put("blindKey", key)
            .put("blindedMessage", Base64.getEncoder().encodeToString(request.blindedMessage()));
    JsonObject issued = ok(signed(node, deputy, "/api/ballots/" + ballot + "/issue", body, null));
    byte[] signature =
        client.finish(request, Base64.getDecoder().decode(issued.getString("blindSignature")));
    return new String[] {
      Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()),
      Base64.getEncoder().encodeToString(signature)
    };
  }

  private static HttpResponse<Buffer> signed(
      int node, int terminal, String path, JsonObject body, String nonce) throws Exception {
    byte[] bytes = body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8);
    HttpMethod method = body == null ? HttpMethod.GET : HttpMethod.POST;
    Map<String, String> headers =
        MessageSignature.sign(
            terminals.get(terminal - 1),
            "t" + terminal,
            nonce == null ? "n" + NONCES.incrementAndGet() : nonce,
            Instant.now(),
            method.name(),
            path,
            bytes);
    HttpRequest<Buffer> request = web.request(method, ports.get(node), "127.0.0.1", path);
    headers.forEach(request::putHeader);
    if (body != null) {
      request.putHeader("content-type", "application/json");
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(bytes)));
  }

  /**
   * A check-in captured before a node started serving (here: signed, never sent, then a node
   * starts) is refused on it although its nonce was never seen: after a whole-cluster restart the
   * map of used nonces is empty. The terminal signs again and gets in.
   */
  /**
   * A ballot committed closed whose seal was never written (its sealing node died; here a member
   * deletes the result) reads {@code closing} everywhere, refuses a tie or runoff, and is closed
   * again: whoever reads {@code closed} can read the result.
   */
  @Test
  void aBallotReadsClosedOnlyOnceItsResultIsSealed() throws Exception {
    JsonObject sitting =
        new JsonObject()
            .put("id", "s-seal")
            .put("title", "封存")
            .put("quorum", "committee")
            .put("roster", roster(2));
    ok(call(0, HttpMethod.POST, "/api/sittings", clerk, sitting));
    for (int i = 1; i <= 2; i++) {
      ok(call(i % 2, HttpMethod.PUT, "/api/sittings/s-seal/attendance/d" + i, clerk, null));
    }
    String motion =
        "{\"id\":\"m-seal\",\"kind\":\"motion\",\"members\":2,\"items\":[{\"id\":\"a\"}]}";
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s-seal/ballots",
            clerk,
            new JsonObject().put("spec", new JsonObject(motion))));
    ok(call(0, HttpMethod.POST, "/api/ballots/m-seal/open", clerk, null));
    ok(call(1, HttpMethod.POST, "/api/ballots/m-seal/close", clerk, null));
    assertEquals(
        "closed",
        ok(call(0, HttpMethod.GET, "/api/ballots/m-seal", null, null)).getString("status"));

    nodes.get(1).hazelcast().getMap(HazelcastConfigs.VOTING_MAPS + "results").remove("m-seal");
    for (int n = 0; n < 2; n++) {
      assertEquals(
          "closing",
          ok(call(n, HttpMethod.GET, "/api/ballots/m-seal", null, null)).getString("status"));
      assertError(
          404, "unknown", call(n, HttpMethod.GET, "/api/ballots/m-seal/result", null, null));
    }
    JsonObject shown = ballotInStatus(0, "m-seal");
    long deadline = System.currentTimeMillis() + 5_000; // the status is computed once a second
    while (shown.containsKey("result") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      shown = ballotInStatus(0, "m-seal");
    }
    assertEquals("closing", shown.getString("status"), shown.encode());
    assertFalse(shown.containsKey("result"), shown.encode());
    assertError(
        409,
        "conflict",
        call(
            0,
            HttpMethod.POST,
            "/api/ballots/m-seal/follow-ups",
            clerk,
            new JsonObject().put("kind", "tie").put("id", "m-seal-tie")));

    JsonObject result = ok(call(0, HttpMethod.POST, "/api/ballots/m-seal/close", clerk, null));
    assertEquals("m-seal", result.getString("ballot"));
    assertEquals(
        "closed",
        ok(call(1, HttpMethod.GET, "/api/ballots/m-seal", null, null)).getString("status"));
    assertEquals(result, ok(call(1, HttpMethod.GET, "/api/ballots/m-seal/result", null, null)));
  }

  private static JsonObject ballotInStatus(int node, String ballot) throws Exception {
    JsonObject status = ok(call(node, HttpMethod.GET, "/api/sittings/s-seal/status", null, null));
    return status.getJsonArray("ballots").stream()
        .map(JsonObject.class::cast)
        .filter(b -> ballot.equals(b.getString("id")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theClerkSeesTheNodesIncidents() throws Exception {
    assertError(401, "unauthenticated", call(0, HttpMethod.GET, "/api/incidents", null, null));
    halls.get(0).incidents().report("a test incident");
    JsonObject incidents = ok(call(0, HttpMethod.GET, "/api/incidents", clerk, null));
    assertTrue(incidents.getLong("total") >= 1, incidents.encode());
    assertEquals(
        "a test incident",
        incidents.getJsonArray("incidents").getJsonObject(0).getString("what"),
        "newest first");
  }

  @Test
  void aRequestSignedBeforeTheNodeStartedIsRefusedUntilSignedAgain() throws Exception {
    JsonObject sitting =
        new JsonObject()
            .put("id", "s-restart")
            .put("title", "重启")
            .put("quorum", "committee")
            .put("roster", roster(3));
    ok(call(0, HttpMethod.POST, "/api/sittings", clerk, sitting));
    SigningKey terminal = SigningKey.generate(RANDOM);
    ok(
        call(
            0,
            HttpMethod.POST,
            "/api/sittings/s-restart/terminals",
            clerk,
            new JsonObject().put("id", "rt1").put("key", terminal.verifyingKey().base64())));
    String path = "/api/sittings/s-restart/check-in";
    byte[] body =
        new JsonObject()
            .put("deputy", "d1")
            .put("pin", pin(1))
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    Map<String, String> captured =
        MessageSignature.sign(terminal, "rt1", "captured", Instant.now(), "POST", path, body);
    Thread.sleep(1100); // into the next second: created has whole seconds
    HallServer restarted =
        new HallServer(
            halls.get(0),
            new HttpServerOptions().setHost("127.0.0.1").setPort(0),
            Files.readString(Path.of("keys", "dev", "node-1.key")),
            List.of(Files.readString(Path.of("keys", "dev", "node-1.pub"))),
            accounts);
    await(nodes.get(0).vertx().deployVerticle(restarted));
    HttpResponse<Buffer> refused = post(restarted.port(), path, captured, body);
    assertError(401, "signed-before-start", refused);
    assertTrue(
        refused.bodyAsJsonObject().getString("message").contains("sign it again now"),
        refused.bodyAsString());
    Map<String, String> again =
        MessageSignature.sign(terminal, "rt1", "again", Instant.now(), "POST", path, body);
    assertEquals(3, ok(post(restarted.port(), path, again, body)).getInteger("members"));
    assertError(401, "bad-signature", post(restarted.port(), path, again, body)); // replayed
  }

  private static HttpResponse<Buffer> post(
      int port, String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest<Buffer> request = web.request(HttpMethod.POST, port, "127.0.0.1", path);
    headers.forEach(request::putHeader);
    request.putHeader("content-type", "application/json");
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  private static HttpResponse<Buffer> call(
      int node, HttpMethod method, String path, String token, JsonObject body) throws Exception {
    return rawCall(node, method, path, token, body == null ? null : body.toBuffer());
  }

  private static HttpResponse<Buffer> rawCall(
      int node, HttpMethod method, String path, String token, Buffer body) throws Exception {
    HttpRequest<Buffer> request = web.request(method, ports.get(node), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.putHeader("content-type", "application/json");
    }
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  private static JsonObject login(String name, String password) throws Exception {
    return ok(
        call(
            0,
            HttpMethod.POST,
            "/api/login",
            null,
            new JsonObject().put("name", name).put("password", password)));
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void assertError(int status, String code, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject();
    assertEquals(code, error.getString("error"), error.encode());
    assertTrue(error.getString("message").length() > 5, error.encode());
  }

  private static JsonArray roster(int n) {
    JsonArray roster = new JsonArray();
    for (int i = 1; i <= n; i++) {
      roster.add(new JsonObject().put("id", "d" + i).put("name", "代表" + i).put("pin", pin(i)));
    }
    return roster;
  }

  private static String pin(int i) {
    return String.format("%06d", i * 104729 % 1_000_000);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
