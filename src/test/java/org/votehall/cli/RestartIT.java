package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.votehall.audit.BundleVerifier;
import org.votehall.audit.LedgerAudit;
import org.votehall.audit.Verification;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindingClient;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.VerifyingKey;

/**
 * Two node processes killed (kill -9) in the middle of a secret ballot and restarted, in either
 * order: one node alone first (its blind key is the same after), then both. Every token issued
 * before stays castable, the ballot keeps one blind key per node, a check-in captured before the
 * restart is refused as a replay after it, and the closed ballot's bundle is served again after
 * another whole restart and verifies, with every ledger, with nothing lost.
 */
class RestartIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DEPUTIES = 4;

  @TempDir Path folder;
  private final NodeProcess[] nodes = new NodeProcess[3];
  private final int[] http = new int[3];
  private final int[] cluster = new int[3];
  private final int[] eventBus = new int[3];

  @AfterEach
  void stop() {
    for (NodeProcess n : nodes) {
      if (n != null) {
        n.close();
      }
    }
  }

  @ParameterizedTest(name = "restarted {0} first")
  @ValueSource(ints = {1, 2})
  void twoNodesKilledAndRestartedInEitherOrderLoseNothing(int first) throws Exception {
    for (int n = 1; n <= 2; n++) {
      http[n] = NodeProcess.freePort();
      cluster[n] = NodeProcess.freePort();
      eventBus[n] = NodeProcess.freePort();
    }
    start(1);
    start(2);
    Ready.await(nodes[1], http[1], 1);
    Ready.await(nodes[2], http[2], 2);
    String[] blindKeys = new String[3];
    List<JsonObject> casts = new ArrayList<>();
    JsonObject capturedBody = new JsonObject().put("deputy", "d1").put("pin", "123451");
    Instant capturedAt = Instant.now();
    try (ApiClient a = ApiClient.https(http[1], 1);
        ApiClient b = ApiClient.https(http[2], 2)) {
      String clerk = a.login("clerk", "clerk-dev");
      ApiClient.ok(a.call(HttpMethod.POST, "/api/sittings", clerk, sitting()));
      for (int i = 1; i <= DEPUTIES; i++) {
        String key = KeyFiles.readPublic(terminalPub(i)).base64();
        ApiClient.ok(
            a.call(
                HttpMethod.POST,
                "/api/sittings/s1/terminals",
                clerk,
                new JsonObject().put("id", "t" + i).put("key", key)));
      }
      ApiClient.ok(a.signed(1, "t1", "/api/sittings/s1/check-in", capturedBody, capturedAt, "cap"));
      for (int i = 2; i <= DEPUTIES; i++) {
        ApiClient.ok(
            (i % 2 == 0 ? b : a)
                .signed(
                    i,
                    "t" + i,
                    "/api/sittings/s1/check-in",
                    new JsonObject().put("deputy", "d" + i).put("pin", "12345" + i)));
      }
      ApiClient.ok(
          a.call(
              HttpMethod.POST,
              "/api/sittings/s1/ballots",
              clerk,
              new JsonObject().put("spec", new JsonObject(ELECTION))));
      ApiClient.ok(b.call(HttpMethod.POST, "/api/ballots/e1/open", clerk, null));
      for (int n = 1; n <= 2; n++) {
        blindKeys[n] = blindKey(n == 1 ? a : b);
      }
      for (int i = 1; i <= DEPUTIES; i++) {
        casts.add(issue(i % 2 == 1 ? a : b, i));
      }
      ApiClient.ok(b.call(HttpMethod.POST, "/api/ballots/e1/casts/secret", null, casts.get(0)));
    }
    assertEquals(2, ballotKeys(1).size(), "one blind key per node at the open");

    // One node alone dies and comes back mid-ballot: the same key, no new one.
    nodes[1].kill();
    start(1);
    Ready.await(nodes[1], http[1], 1);
    try (ApiClient a = ApiClient.https(http[1], 1)) {
      assertEquals(blindKeys[1], blindKey(a), "node 1 signs with the key it had");
      ApiClient.ok(a.call(HttpMethod.POST, "/api/ballots/e1/casts/secret", null, casts.get(1)));
    }
    assertEquals(List.of(blindKeys[1], blindKeys[2]).stream().sorted().toList(), ballotKeys(2));

    // Both die; they come back in the order given.
    nodes[1].kill();
    nodes[2].kill();
    int second = 3 - first;
    start(first);
    start(second);
    Ready.await(nodes[first], http[first], first);
    Ready.await(nodes[second], http[second], second);
    assertEquals(
        List.of(blindKeys[1], blindKeys[2]).stream().sorted().toList(),
        ballotKeys(first),
        "the ballot still lists one key per node");
    try (ApiClient a = ApiClient.https(http[1], 1);
        ApiClient b = ApiClient.https(http[2], 2)) {
      assertEquals(blindKeys[1], blindKey(a));
      assertEquals(blindKeys[2], blindKey(b));
      ApiClient.assertError(
          401,
          "signed-before-start",
          a.signed(1, "t1", "/api/sittings/s1/check-in", capturedBody, capturedAt, "cap"));
      for (int i = 2; i < DEPUTIES; i++) {
        ApiClient.ok(
            (i % 2 == 0 ? a : b)
                .call(HttpMethod.POST, "/api/ballots/e1/casts/secret", null, casts.get(i)));
      }
      ApiClient.ok(
          a.call(HttpMethod.POST, "/api/ballots/e1/casts/secret", null, casts.get(DEPUTIES - 1)));
      String clerk = b.login("clerk", "clerk-dev");
      JsonObject result =
          ApiClient.ok(b.call(HttpMethod.POST, "/api/ballots/e1/close", clerk, null));
      assertEquals(DEPUTIES, result.getInteger("returned"), result.encode());
      assertEquals(DEPUTIES, result.getInteger("issued"), result.encode());
    }
    String bundle = bundle(1);

    nodes[1].kill();
    nodes[2].kill();
    start(second);
    start(first);
    Ready.await(nodes[first], http[first], first);
    Ready.await(nodes[second], http[second], second);
    assertEquals(bundle, bundle(1), "the bundle is served again, byte for byte");
    assertEquals(bundle, bundle(2));
    List<VerifyingKey> trusted =
        List.of(
            KeyFiles.readPublic(Path.of("keys", "dev", "node-1.pub")),
            KeyFiles.readPublic(Path.of("keys", "dev", "node-2.pub")));
    Verification v = new BundleVerifier(trusted).verify(bundle.getBytes());
    assertInstanceOf(Verification.Holds.class, v, v::toString);
    nodes[1].close();
    nodes[2].close();
    for (Verification each :
        LedgerAudit.check(
            List.of(ledger(1), ledger(2)), trusted, java.util.Optional.of(bundle.getBytes()))) {
      assertInstanceOf(Verification.Holds.class, each, each::toString);
    }
  }

  private Path ledger(int n) {
    return folder.resolve("data-" + n).resolve("node.ledger");
  }

  private String bundle(int n) throws Exception {
    try (ApiClient api = ApiClient.https(http[n], n)) {
      String auditor = api.login("auditor", "auditor-dev");
      HttpResponse<Buffer> response =
          api.call(HttpMethod.GET, "/api/ballots/e1/bundle", auditor, null);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      return response.bodyAsString();
    }
  }

  private List<String> ballotKeys(int n) throws Exception {
    try (ApiClient api = ApiClient.https(http[n], n)) {
      JsonArray keys = ApiClient.ok(api.get("/api/ballots/e1")).getJsonArray("blindKeys");
      List<String> out = new ArrayList<>();
      keys.forEach(k -> out.add((String) k));
      return out.stream().sorted().toList();
    }
  }

  private static String blindKey(ApiClient api) throws Exception {
    return ApiClient.ok(api.get("/api/ballots/e1/blind-key")).getString("blindKey");
  }

  /** Issues a ballot to deputy {@code i} at this node; returns the cast they will make. */
  private static JsonObject issue(ApiClient api, int i) throws Exception {
    String key = blindKey(api);
    BlindingClient client = new BlindingClient(BlindPublicKey.fromBase64(key), RANDOM);
    BlindingClient.Request request = client.request();
    JsonObject body =
        new JsonObject()
            .put("deputy", "d" + i)
            .put("blindKey", key)
            .put("blindedMessage", Base64.getEncoder().encodeToString(request.blindedMessage()));
    JsonObject issued = ApiClient.ok(api.signed(i, "t" + i, "/api/ballots/e1/issue", body));
    byte[] signature =
        client.finish(request, Base64.getDecoder().decode(issued.getString("blindSignature")));
    return new JsonObject()
        .put("token", Base64.getUrlEncoder().withoutPadding().encodeToString(request.token()))
        .put("blindSignature", Base64.getEncoder().encodeToString(signature))
        .put("marks", new JsonObject().put("vice", new JsonObject().put("c" + (1 + i % 2), "for")));
  }

  private void start(int n) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VOTEHALL_NODE_DATA_DIR", folder.resolve("data-" + n).toString());
    env.put("VOTEHALL_HTTP_PORT", Integer.toString(http[n]));
    env.put("VOTEHALL_CLUSTER_PORT", Integer.toString(cluster[n]));
    env.put("VOTEHALL_CLUSTER_EVENT_BUS_PORT", Integer.toString(eventBus[n]));
    env.put("VOTEHALL_CLUSTER_MEMBERS", "127.0.0.1:" + cluster[1] + ",127.0.0.1:" + cluster[2]);
    env.put("VOTEHALL_CLUSTER_NAME", "restart-it-" + cluster[1]);
    Path config = Path.of("config", "cluster", "node-" + n + ".json").toAbsolutePath();
    nodes[n] = NodeProcess.start(folder, env, "serve", "--config", config.toString());
  }

  private static Path terminalPub(int i) {
    return Path.of("keys", "dev", String.format("terminal-%03d.pub", i));
  }

  private static JsonObject sitting() {
    JsonArray roster = new JsonArray();
    for (int i = 1; i <= DEPUTIES; i++) {
      roster.add(new JsonObject().put("id", "d" + i).put("name", "代表" + i).put("pin", "12345" + i));
    }
    return new JsonObject().put("id", "s1").put("title", "restart").put("roster", roster);
  }

  private static final String ELECTION =
      "{\"id\":\"e1\",\"kind\":\"election\",\"members\":4,\"sections\":[{\"id\":\"vice\",\"seats\":1,"
          + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"},{\"id\":\"c2\",\"name\":\"乙\"}]}]}";
}
