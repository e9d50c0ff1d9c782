package org.votehall.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A clustered Vert.x instance on Hazelcast, and the Hazelcast member under it. */
public record ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  private static final long LOG_EVERY_MS = 5_000;

  public static Future<ClusterNode> start(ClusterSettings settings) {
    return start(settings, null, null);
  }

  /**
   * Joins the cluster, then waits (at most {@code startupWaitSeconds}, logging every few seconds)
   * until the minimum membership is there: before that a node may neither replay nor serve.
   */
  public static Future<ClusterNode> start(
      ClusterSettings settings, VertxMetricsFactory metrics, MetricsOptions metricsOptions) {
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastConfigs.of(settings));
    EventBusOptions eventBus =
        new EventBusOptions()
            .setHost(settings.host())
            .setPort(settings.eventBusPort())
            .setClusterPublicHost(settings.host());
    if (settings.eventBusTls() != null) {
      settings.eventBusTls().applyTo(eventBus); // mutual TLS, the cluster CA's certificates only
    }
    VertxOptions options = new VertxOptions().setEventBusOptions(eventBus);
    if (metricsOptions != null) {
      options.setMetricsOptions(metricsOptions);
    }
    var builder = Vertx.builder().with(options).withClusterManager(manager);
    if (metrics != null) {
      builder = builder.withMetrics(metrics);
    }
    return builder
        .buildClustered()
        .map(vertx -> new ClusterNode(vertx, manager, settings))
        .onSuccess(ClusterNode::logMembership)
        .compose(ClusterNode::awaitMinimumMembers)
        .onSuccess(ClusterNode::keepLifecycle);
  }

  private void keepLifecycle() {
    if (linearizable()) {
      CpMembership.keep(hazelcast(), settings.startupWaitSeconds());
    } else {
      LOG.info(
          "ballot lifecycle: compare-and-set on the cluster map ({} member(s) listed; the CP"
              + " subsystem needs {})",
          settings.members().size(),
          HazelcastConfigs.CP_MEMBERS);
    }
  }

  /** True if ballot lifecycle transitions go through the CP subsystem (Raft). */
  public boolean linearizable() {
    return HazelcastConfigs.linearizable(settings);
  }

  private void logMembership() {
    hazelcast()
        .getCluster()
        .addMembershipListener(
            new com.hazelcast.cluster.MembershipListener() {
              @Override
              public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                LOG.info(
                    "cluster member joined: {} ({} members now)",
                    e.getMember().getAddress(),
                    e.getMembers().size());
              }

              @Override
              public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                LOG.warn(
                    "cluster member left: {} ({} members now, {} needed to take writes)",
                    e.getMember().getAddress(),
                    e.getMembers().size(),
                    settings.minimumMembers());
              }
            });
  }

  /** False once the member is stopping: a periodic task failing then is no fault. */
  public boolean running() {
    return hazelcast().getLifecycleService().isRunning();
  }

  public HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  public String nodeId() {
    return manager.getNodeId();
  }

  /** How many members this node sees now, itself included. */
  public int members() {
    return hazelcast().getCluster().getMembers().size();
  }

  /**
   * True while this node's side of the cluster has its minimum membership, so it may take writes.
   */
  public boolean hasMajority() {
    if (settings.minimumMembers() <= 1) {
      return true;
    }
    var protection =
        hazelcast()
            .getSplitBrainProtectionService()
            .getSplitBrainProtection(HazelcastConfigs.PROTECTION);
    return members() >= settings.minimumMembers() && protection.hasMinimumSize();
  }

  public Future<Void> stop() {
    return vertx.close();
  }

  private Future<ClusterNode> awaitMinimumMembers() {
    Promise<ClusterNode> ready = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.startupWaitSeconds());
    long[] lastLog = {0};
    vertx.setPeriodic(
        0,
        200,
        timer -> {
          if (hasMajority()) {
            vertx.cancelTimer(timer);
            LOG.info(
                "cluster {}: {} of {} members needed are here; starting",
                settings.clusterName(),
                members(),
                settings.minimumMembers());
            ready.complete(this);
          } else if (System.nanoTime() > deadline) {
            vertx.cancelTimer(timer);
            // Counted before closing: a closed member can no longer say how many it saw.
            TooFewMembersException tooFew =
                new TooFewMembersException(members(), settings.minimumMembers(), settings);
            vertx.close().onComplete(v -> ready.fail(tooFew));
          } else if (System.currentTimeMillis() - lastLog[0] >= LOG_EVERY_MS) {
            lastLog[0] = System.currentTimeMillis();
            LOG.info(
                "cluster {}: waiting for members: {} of {} needed are here (looking at {})",
                settings.clusterName(),
                members(),
                settings.minimumMembers(),
                String.join(", ", settings.members()));
          }
        });
    return ready.future();
  }

  /** The minimum membership did not come together within the start-up wait. */
  public static final class TooFewMembersException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooFewMembersException(int members, int minimum, ClusterSettings s) {
      super(
          "only "
              + members
              + " of the "
              + minimum
              + " cluster members needed joined within "
              + s.startupWaitSeconds()
              + " s: start the other nodes ("
              + String.join(", ", s.members())
              + "), check that they can reach each other, or lower cluster.minimumMembers",
          null,
          false,
          false);
    }
  }
}
