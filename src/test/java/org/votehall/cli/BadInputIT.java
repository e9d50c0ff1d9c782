package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes the server: every operation of openapi.yaml, with broken, empty, mistyped
 * and oversized bodies, with and without a clerk's token, answers a 4xx JSON error (or succeeds),
 * never a 5xx; and the server goes on serving.
 */
class BadInputIT {
  private static final String[] BODIES = {
    null,
    "",
    "not json",
    "[]",
    "{}",
    "\"just a string\"",
    "{\"a\":".repeat(200),
    "{\"id\":5}",
    "{\"id\":\"x\",\"title\":\"t\",\"roster\":\"nope\"}",
    "{\"id\":\"x\",\"title\":\"t\",\"rosterCsv\":\"id,name\\nx\"}",
    "{\"spec\":{\"kind\":\"referendum\"}}",
    "{\"spec\":{}}",
    "{\"marks\":null,\"token\":1}",
    "{\"deputy\":\"d001\",\"pin\":\"" + "9".repeat(5000) + "\"}",
    "{\"kind\":\"tie\",\"id\":\"no such\"}",
    "{\"token\":\"AAAA\",\"blindSignature\":\"AAAA\",\"marks\":{\"x\":\"for\"}}",
    "{\"deputy\":\"d001\",\"blindKey\":\"AAAA\",\"blindedMessage\":\"!!\"}",
    "{\"countdownSeconds\":-5}"
  };
  private static DemoCommand.Demo demo;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoCommand.start(0);
  }

  @AfterAll
  static void stopDemo() throws Exception {
    demo.stop();
  }

  @Test
  void everyOperationRefusesBadInputWithA4xx() throws Exception {
    WebClient web = WebClient.create(demo.node().vertx());
    String clerk =
        send(
                web,
                HttpMethod.POST,
                "/api/login",
                null,
                "{\"name\":\"clerk\",\"password\":\"clerk-demo\"}")
            .bodyAsJsonObject()
            .getString("token");
    int requests = 0;
    for (String[] op : operations()) {
      for (String token : new String[] {null, clerk}) {
        for (String body : BODIES) {
          HttpResponse<Buffer> r = send(web, HttpMethod.valueOf(op[0]), op[1], token, body);
          requests++;
          String where =
              op[0]
                  + " "
                  + op[1]
                  + (token == null ? "" : " (clerk)")
                  + " with "
                  + (body == null ? "no body" : body.substring(0, Math.min(40, body.length())));
          assertTrue(
              r.statusCode() < 500, where + " -> " + r.statusCode() + " " + r.bodyAsString());
          if (r.statusCode() >= 400) {
            JsonObject error = r.bodyAsJsonObject();
            assertTrue(
                error.containsKey("error") && error.containsKey("message"),
                where + " -> " + r.bodyAsString());
          }
        }
      }
    }
    assertTrue(requests > 500, "requests: " + requests);
    assertEquals(
        200, send(web, HttpMethod.GET, "/openapi.yaml", null, null).statusCode(), "still serving");
    assertEquals(
        60,
        send(web, HttpMethod.GET, "/api/sittings/demo/status", null, null)
            .bodyAsJsonObject()
            .getInteger("members"));
  }

  /**
   * Every path and method of the contract but the live stream, path parameters filled with the
   * demo's ids.
   */
  private static List<String[]> operations() throws Exception {
    List<String[]> out = new ArrayList<>();
    String yaml =
        new String(
            BadInputIT.class.getClassLoader().getResourceAsStream("openapi.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    String path = null;
    for (String line : yaml.split("\n")) {
      if (line.startsWith("  /api/")) {
        String p = line.strip();
        path =
            p.substring(0, p.length() - 1)
                .replace("{sitting}", "demo")
                .replace("{ballot}", "budget-2027")
                .replace("{deputy}", "d001");
      } else if (path != null
          && !path.endsWith("/live")
          && line.matches("    (get|post|put|delete):.*")) {
        out.add(
            new String[] {
              line.strip().substring(0, line.strip().indexOf(':')).toUpperCase(), path
            });
      }
    }
    assertTrue(out.size() >= 20, "operations found: " + out.size());
    return out;
  }

  private static HttpResponse<Buffer> send(
      WebClient web, HttpMethod method, String path, String token, String body) throws Exception {
    HttpRequest<Buffer> request =
        web.request(method, demo.server().port(), "127.0.0.1", path).timeout(20_000);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    var response =
        body == null
            ? request.send()
            : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body));
    return response.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
