package org.votehall.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** A clustered Vert.x instance on Hazelcast, and the Hazelcast member under it. */
public record ClusterNode(Vertx vertx, HazelcastClusterManager manager) {

  public static Future<ClusterNode> start(ClusterSettings settings) {
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastConfigs.of(settings));
    return Vertx.builder()
        .with(
            new VertxOptions()
                .setEventBusOptions(
                    new EventBusOptions()
                        .setHost(settings.host())
                        .setClusterPublicHost(settings.host())))
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> new ClusterNode(vertx, manager));
  }

  public HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  public String nodeId() {
    return manager.getNodeId();
  }

  public Future<Void> stop() {
    return vertx.close();
  }
}
