package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo and a configured node come up and serve; HTTPS unless the config says plain HTTP. */
class NodeIT {

  @Test
  void theDemoServesASeededSitting() throws Exception {
    NodeLauncher.Running demo = DemoCommand.start(0);
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
          await(web.get(demo.server().port(), "127.0.0.1", "/display/display.js").send())
              .bodyAsString()
              .contains("new EventSource("));
      assertEquals(
          404,
          await(
                  web.get(demo.server().port(), "127.0.0.1", "/display/../keys/dev/node-1.key")
                      .send())
              .statusCode());
    } finally {
      demo.stop();
    }
  }

  @Test
  void aConfiguredNodeServesHttpsWithTheCertificateFromKeygen() throws Exception {
    Path dir = Files.createTempDirectory("node-it");
    JsonObject config = new JsonObject(Files.readString(Path.of("config", "node.json")));
    config.getJsonObject("node").put("dataDir", dir.toString());
    config.getJsonObject("http").put("port", 0);
    int clusterPort = freePort();
    config
        .getJsonObject("cluster")
        .put("port", clusterPort)
        .put("members", new io.vertx.core.json.JsonArray().add("127.0.0.1:" + clusterPort))
        .put("name", "node-it-" + clusterPort);
    Path file = Files.writeString(dir.resolve("node.json"), config.encode());
    NodeLauncher.Running node =
        NodeLauncher.start(NodeConfig.from(ServeCommand.read(file)), new SecureRandom())
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
      assertEquals(200, await(web.get(port, "localhost", "/openapi.yaml").send()).statusCode());
      JsonObject login =
          await(
                  web.post(port, "localhost", "/api/login")
                      .sendJsonObject(
                          new JsonObject().put("name", "clerk").put("password", "clerk-dev")))
              .bodyAsJsonObject();
      assertEquals("clerk", login.getString("role"));
    } finally {
      node.stop();
    }
  }

  @Test
  void withoutTlsTheConfigMustSayPlainHttp() throws Exception {
    JsonObject config = new JsonObject(Files.readString(Path.of("config", "node.json")));
    config.getJsonObject("http").remove("tls");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.from(config));
    assertTrue(e.getMessage().contains("unless http.plainHttp is true"), e.getMessage());
    config.getJsonObject("http").put("plainHttp", true);
    assertEquals(true, NodeConfig.from(config).plainHttp());
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
