package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three ready configs of {@code config/cluster/} as three node processes with {@code
 * minimumMembers: 2}: they start in any order (a node alone waits for a second one), and when two
 * die the third refuses every write with 503 no-majority while it still serves reads.
 */
class ClusterProcessIT {
  @TempDir Path folder;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final int[] http = new int[4];
  private final int[] cluster = new int[4];
  private final int[] eventBus = new int[4];

  @AfterEach
  void stop() {
    nodes.forEach(NodeProcess::close);
  }

  @Test
  void threeNodesStartInAnyOrderAndALoneSurvivorRefusesWrites() throws Exception {
    for (int n = 1; n <= 3; n++) {
      http[n] = NodeProcess.freePort();
      cluster[n] = NodeProcess.freePort();
      eventBus[n] = NodeProcess.freePort();
    }
    NodeProcess third = start(3);
    assertTrue(
        third.awaitOutput("waiting for members: 1 of 2 needed are here", Duration.ofSeconds(60)),
        third.stderr());
    assertEquals(-1, Ready.status(http[3], 3), "alone, node 3 neither replays nor serves");
    NodeProcess first = start(1);
    Ready.await(third, http[3], 3);
    Ready.await(first, http[1], 1);
    NodeProcess second = start(2);
    Ready.await(second, http[2], 2);

    try (ApiClient api = ApiClient.https(http[1], 1)) {
      String clerk = api.login("clerk", "clerk-dev");
      for (int s = 1; s <= 6; s++) {
        ApiClient.ok(api.call(HttpMethod.POST, "/api/sittings", clerk, sitting("s" + s)));
      }
    }
    first.kill();
    second.kill();
    try (ApiClient api = ApiClient.https(http[3], 3)) {
      String clerk = api.login("clerk", "clerk-dev");
      int status = awaitStatus(api, clerk, 503);
      assertEquals(503, status, "the lone survivor refuses writes");
      ApiClient.assertError(
          503, "no-majority", api.call(HttpMethod.POST, "/api/sittings", clerk, sitting("s3")));
      // With one backup, an entry whose primary and backup were both on the dead nodes is gone
      // from the maps until they replay their ledgers; each of the six survives with odds 2/3.
      List<Integer> reads = new ArrayList<>();
      for (int s = 1; s <= 6; s++) {
        reads.add(api.get("/api/sittings/s" + s + "/status").statusCode());
      }
      assertTrue(reads.contains(200), "reads are served: " + reads);
      assertTrue(reads.stream().allMatch(r -> r == 200 || r == 404), reads.toString());
      assertEquals(503, api.get("/health/ready").statusCode(), "not ready without a majority");
      assertEquals(200, api.get("/health/live").statusCode());
    }
    assertTrue(third.stderr().contains("cluster member left"), third.stderr());
  }

  /** Sends writes until one is answered {@code expected} (the node notices the deaths). */
  private static int awaitStatus(ApiClient api, String clerk, int expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status = -1;
    int i = 0;
    while (System.nanoTime() < deadline && status != expected) {
      status =
          api.call(HttpMethod.POST, "/api/sittings", clerk, sitting("probe-" + i++)).statusCode();
      Thread.sleep(500);
    }
    return status;
  }

  private NodeProcess start(int n) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("VOTEHALL_NODE_DATA_DIR", folder.resolve("data-" + n).toString());
    env.put("VOTEHALL_HTTP_PORT", Integer.toString(http[n]));
    env.put("VOTEHALL_CLUSTER_PORT", Integer.toString(cluster[n]));
    env.put("VOTEHALL_CLUSTER_EVENT_BUS_PORT", Integer.toString(eventBus[n]));
    env.put(
        "VOTEHALL_CLUSTER_MEMBERS",
        "127.0.0.1:" + cluster[1] + ",127.0.0.1:" + cluster[2] + ",127.0.0.1:" + cluster[3]);
    env.put("VOTEHALL_CLUSTER_NAME", "cluster-it-" + cluster[1]);
    Path config = Path.of("config", "cluster", "node-" + n + ".json").toAbsolutePath();
    NodeProcess node = NodeProcess.start(folder, env, "serve", "--config", config.toString());
    nodes.add(node);
    return node;
  }

  private static JsonObject sitting(String id) {
    JsonArray roster = new JsonArray();
    for (int i = 1; i <= 3; i++) {
      roster.add(new JsonObject().put("id", "d" + i).put("name", "代表" + i).put("pin", "12345" + i));
    }
    return new JsonObject().put("id", id).put("title", "test").put("roster", roster);
  }
}
