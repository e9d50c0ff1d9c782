package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vertx-config reads the file; the environment overrides the fields it names. */
class NodeConfigTest {

  @Test
  void environmentOverridesTheFile() throws Exception {
    JsonObject file = new JsonObject(Files.readString(Path.of("config", "node.json")));
    JsonObject env =
        new JsonObject()
            .put("VOTEHALL_HTTP_PORT", "9443")
            .put("VOTEHALL_CLUSTER_PORT", "5801")
            .put("VOTEHALL_DATA_DIR", "/var/lib/votehall")
            .put("VOTEHALL_CLUSTER_MEMBERS", "10.0.0.1:5801,10.0.0.2:5801");
    NodeConfig config = NodeConfig.from(NodeConfig.withEnvironment(file, env));
    assertEquals(9443, config.httpPort());
    assertEquals(5801, config.cluster().port());
    assertEquals(Path.of("/var/lib/votehall"), config.dataDir());
    assertEquals(List.of("10.0.0.1:5801", "10.0.0.2:5801"), config.cluster().members());
    NodeConfig plain = NodeConfig.from(NodeConfig.withEnvironment(file, new JsonObject()));
    assertEquals(8443, plain.httpPort());
    assertEquals(2, plain.accounts().size());
  }

  @Test
  void theFileIsReadWithVertxConfig() throws Exception {
    assertEquals(
        "votehall-dev",
        NodeConfig.from(ServeCommand.read(Path.of("config", "node.json"))).cluster().clusterName());
  }
}
