package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo and a configured node come up and serve; HTTPS unless the config says plain HTTP. */
class NodeIT {

  @Test
  void theDemoServesASeededSitting() throws Exception {
    DemoCommand.Demo demo = DemoCommand.start(0);
    try {
      WebClient web = WebClient.create(demo.node().vertx());
      JsonObject status =
          await(web.get(demo.server().port(), "127.0.0.1", "/api/sittings/demo/status").send())
              .bodyAsJsonObject();
      assertEquals(60, status.getInteger("members"));
      assertEquals(40, status.getInteger("quorumRequired"));
      assertEquals(4, status.getJsonArray("ballots").size());
      assertEquals("draft", status.getJsonArray("ballots").getJsonObject(0).getString("status"));
      var page = await(web.get(demo.server().port(), "127.0.0.1", "/display/").send());
      assertEquals(200, page.statusCode());
      assertTrue(
          page.bodyAsString().contains("<script type=\"module\" src=\"display.js\">"),
          "the big screen page");
      assertTrue(
          await(web.get(demo.server().port(), "127.0.0.1", "/display/feed.js").send())
              .bodyAsString()
              .contains("new EventSource("));
      assertEquals(
          404,
          await(
                  web.get(demo.server().port(), "127.0.0.1", "/display/../keys/dev/node-1.key")
                      .send())
              .statusCode());
      for (String path : List.of("/terminal", "/clerk", "/display", "/audit")) {
        var bare =
            await(
                web.get(demo.server().port(), "127.0.0.1", path + "?lang=en")
                    .followRedirects(false)
                    .send());
        assertEquals(302, bare.statusCode(), path);
        assertEquals(path + "/?lang=en", bare.getHeader("location"), path);
      }
      assertEquals("DENY", page.getHeader("X-Frame-Options"));
      assertEquals("nosniff", page.getHeader("X-Content-Type-Options"));
      assertTrue(page.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
      assertTrue(
          page.getHeader("Date")
              .matches(
                  "[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"),
          "RFC 9110 IMF-fixdate: " + page.getHeader("Date"));
    } finally {
      demo.stop();
    }
    assertTrue(Files.notExists(demo.folder()), "the demo removes its folder when it stops");
  }

  @Test
  void aConfiguredNodeServesHttpsWithTheCertificateFromKeygen() throws Exception {
    Path dir = Files.createTempDirectory("node-it");
    int clusterPort = freePort();
    Map<String, String> env =
        Map.of(
            "VOTEHALL_NODE_DATA_DIR",
            dir.toString(),
            "VOTEHALL_HTTP_PORT",
            "0",
            "VOTEHALL_CLUSTER_PORT",
            Integer.toString(clusterPort),
            "VOTEHALL_CLUSTER_EVENT_BUS_PORT",
            Integer.toString(freePort()),
            "VOTEHALL_CLUSTER_MEMBERS",
            "127.0.0.1:" + clusterPort,
            "VOTEHALL_CLUSTER_NAME",
            "node-it-" + clusterPort);
    NodeLauncher.Running node =
        NodeLauncher.start(ConfigFile.read(Path.of("config", "node.json"), env), new SecureRandom())
            .toCompletionStage()
            .toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
    try {
      WebClientOptions tls =
          new WebClientOptions()
              .setSsl(true)
              .setTrustOptions(new PemTrustOptions().addCertPath("keys/dev/node-1-tls.crt"));
      WebClient web = WebClient.create(node.node().vertx(), tls);
      int port = node.server().port();
      var contract = await(web.get(port, "localhost", "/openapi.yaml").send());
      assertEquals(200, contract.statusCode());
      assertEquals("max-age=31536000", contract.getHeader("Strict-Transport-Security"));
      JsonObject login =
          await(
                  web.post(port, "localhost", "/api/login")
                      .sendJsonObject(
                          new JsonObject().put("name", "clerk").put("password", "clerk-dev")))
              .bodyAsJsonObject();
      assertEquals("clerk", login.getString("role"));
      var ready = await(web.get(port, "localhost", "/health/ready").send());
      assertEquals(200, ready.statusCode(), ready.bodyAsString());
      assertEquals("UP", ready.bodyAsJsonObject().getString("outcome"));
      assertEquals(200, await(web.get(port, "localhost", "/health/live").send()).statusCode());
      String metrics = await(web.get(port, "localhost", "/metrics").send()).bodyAsString();
      assertTrue(metrics.contains("votehall_logins_total{result=\"accepted\"} 1.0"), metrics);
      assertTrue(metrics.contains("votehall_ledger_fsync_seconds_count"), metrics);
      assertTrue(metrics.contains("votehall_cluster_members 1.0"), metrics);
      assertTrue(metrics.contains("vertx_http_server_requests_total"), metrics);
      assertTrue(metrics.contains("route=\"/api/login\""), "latency per route: " + metrics);
      assertTrue(Files.isDirectory(dir.resolve("blind-keys").resolve("pool")), "the key pool");
    } finally {
      node.stop();
    }
  }

  @Test
  void aPinPepperThatIsNotOneIsRefusedInOneLine() {
    Map<String, String> env = Map.of("VOTEHALL_NODE_PIN_PEPPER", "keys/dev/node-1.key");
    StartupException e =
        assertThrows(
            StartupException.class,
            () ->
                NodeLauncher.start(
                    ConfigFile.read(Path.of("config", "node.json"), env), new SecureRandom()));
    assertTrue(
        e.getMessage().startsWith("node.pinPepper ")
            && e.getMessage().contains("node-1.key: not a PIN pepper file")
            && e.getMessage().contains("keygen --pin-pepper"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void withoutTlsTheConfigMustSayPlainHttp() throws Exception {
    Path dir = Files.createTempDirectory("node-it");
    JsonObject config = new JsonObject(Files.readString(Path.of("config", "node.json")));
    config.getJsonObject("http").remove("tls");
    Path file = Files.writeString(dir.resolve("node.json"), config.encode());
    StartupException e =
        assertThrows(StartupException.class, () -> ConfigFile.read(file, Map.of()));
    assertTrue(e.getMessage().contains("unless http.plainHttp is true"), e.getMessage());
    config.getJsonObject("http").put("plainHttp", true);
    Files.writeString(file, config.encode());
    assertEquals(true, ConfigFile.read(file, Map.of()).http().plainHttp());
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
