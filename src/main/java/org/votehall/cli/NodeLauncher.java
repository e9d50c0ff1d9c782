package org.votehall.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.votehall.cluster.ClusterNode;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.SigningKey;
import org.votehall.hall.Hall;
import org.votehall.http.HallMetrics;
import org.votehall.http.HallServer;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerException;

/**
 * Starts a node: checks what it was given (files, ports), locks its data folder, opens and replays
 * its ledger, joins the cluster and waits for the minimum membership, then serves HTTP(S). Every
 * mistake on the way is a {@link StartupException} of one line.
 */
final class NodeLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

  /** A running node, with what it was started from. */
  record Running(
      ClusterNode node, Ledger ledger, Hall hall, HallServer server, DataFolder dataFolder) {
    /** Leaves the cluster (waiting at most ten seconds), closes the ledger, unlocks the folder. */
    void stop() {
      LOG.info("votehall node {} stopping", node.nodeId());
      node.stop()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(10, TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
      ledger.close();
      dataFolder.close();
      LOG.info("votehall node {} stopped", node.nodeId());
    }

    /** Blocks until the process is asked to stop (Ctrl+C, SIGTERM), then stops. */
    void awaitShutdown() throws InterruptedException {
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stop();
                    stopped.countDown();
                  }));
      stopped.await();
    }
  }

  private NodeLauncher() {}

  /** The node keys whose records and acceptances this node trusts (checked by Preflight). */
  private static List<org.votehall.crypto.VerifyingKey> trustedKeys(NodeConfig config) {
    List<org.votehall.crypto.VerifyingKey> keys = new ArrayList<>();
    for (java.nio.file.Path file : config.trustedNodeKeys()) {
      try {
        keys.add(org.votehall.crypto.KeyFiles.readPublic(file));
      } catch (IOException e) {
        throw new StartupException("trustedNodeKeys: " + file + " could not be read: " + e);
      }
    }
    return keys;
  }

  static Future<Running> start(NodeConfig config, SecureRandom random) {
    SigningKey key = Preflight.nodeKey(config.nodeKey());
    PinHasher pins = Preflight.pins(config.pinPepper());
    List<String> trusted = Preflight.trustedKeys(config.trustedNodeKeys());
    Preflight.tls(config.http());
    var cluster = config.cluster();
    Preflight.clusterTls(cluster.eventBusTls(), java.time.Instant.now());
    Preflight.portFree(
        "cluster", cluster.host(), cluster.port(), "cluster.port (VOTEHALL_CLUSTER_PORT)");
    Preflight.portFree(
        "event bus",
        cluster.host(),
        cluster.eventBusPort(),
        "cluster.eventBusPort (VOTEHALL_CLUSTER_EVENT_BUS_PORT)");
    Preflight.portFree(
        "HTTP", config.http().host(), config.http().port(), "http.port (VOTEHALL_HTTP_PORT)");
    DataFolder folder = DataFolder.lock(config.dataDir());
    List<LedgerEntry> replay = new ArrayList<>();
    Ledger ledger;
    try {
      folder.openBlindKeys(config.blindKeyPool(), random);
      ledger = openLedger(folder, key, config.mixing(), replay);
    } catch (RuntimeException e) {
      folder.close();
      throw e;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HallMetrics metrics = new HallMetrics(registry);
    metrics.watch(ledger);
    LOG.info(
        "votehall node starting: cluster {} on {}:{}, {} minimum members, data {}, PIN pepper {}",
        cluster.clusterName(),
        cluster.host(),
        cluster.port(),
        cluster.minimumMembers(),
        folder.folder(),
        pins.pepperId());
    return ClusterNode.start(cluster, new MicrometerMetricsFactory(registry), metricsOptions())
        .compose(node -> serve(node, config, ledger, key, pins, replay, trusted, metrics, folder))
        .recover(
            e -> {
              ledger.close();
              folder.close();
              return Future.failedFuture(explain(e, config));
            });
  }

  private static Future<Running> serve(
      ClusterNode node,
      NodeConfig config,
      Ledger ledger,
      SigningKey key,
      PinHasher pins,
      List<LedgerEntry> replay,
      List<String> trusted,
      HallMetrics metrics,
      DataFolder folder) {
    return Hall.start(node, ledger, key, trustedKeys(config), folder.blindKeys(), pins, replay)
        .compose(
            hall -> {
              HallServer server = server(config, hall, trusted, metrics);
              return node.vertx()
                  .deployVerticle(server)
                  .map(id -> new Running(node, ledger, hall, server, folder));
            })
        .onFailure(e -> node.stop());
  }

  private static Ledger openLedger(
      DataFolder folder, SigningKey key, Ledger.Mixing mixing, List<LedgerEntry> replay) {
    var file = folder.folder().resolve("node.ledger");
    try {
      return Ledger.open(file, key, Duration.ofSeconds(30), mixing, replay::add);
    } catch (LedgerException e) {
      throw new StartupException(
          "the ledger "
              + file
              + " does not check out ("
              + e.getMessage()
              + "): keep a copy for the auditors, and restore it from a backup");
    } catch (IOException e) {
      throw new StartupException("the ledger " + file + " cannot be opened: " + e.getMessage());
    }
  }

  private static MicrometerMetricsOptions metricsOptions() {
    // Route templates, never paths: a path can hold a deputy's number.
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setLabels(
            EnumSet.of(
                Label.HTTP_ROUTE,
                Label.HTTP_METHOD,
                Label.HTTP_CODE,
                Label.POOL_TYPE,
                Label.POOL_NAME,
                Label.EB_SIDE));
  }

  private static Throwable explain(Throwable e, NodeConfig config) {
    if (e instanceof StartupException) {
      return e;
    }
    if (e instanceof ClusterNode.TooFewMembersException) {
      return new StartupException(e.getMessage());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new StartupException(
            "HTTP port "
                + config.http().port()
                + " on "
                + config.http().host()
                + " cannot be used ("
                + t.getMessage()
                + "): choose another with http.port (VOTEHALL_HTTP_PORT)");
      }
    }
    return e;
  }

  private static String privatePem(NodeConfig config) {
    try {
      return java.nio.file.Files.readString(config.nodeKey());
    } catch (IOException e) {
      throw new StartupException(
          "node.key " + config.nodeKey() + " cannot be read: " + e.getMessage());
    }
  }

  private static HallServer server(
      NodeConfig config, Hall hall, List<String> trusted, HallMetrics metrics) {
    NodeConfig.HttpSettings http = config.http();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(http.host())
            .setPort(http.port())
            .setIdleTimeout(http.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (!http.plainHttp()) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setKeyPath(http.tlsKey().toString())
                  .setCertPath(http.tlsCert().toString()));
    }
    return new HallServer(
        hall,
        options,
        privatePem(config),
        trusted,
        config.accounts(),
        new HallServer.Limits(http.maxConnections(), http.maxConnectionsPerAddress()),
        metrics);
  }
}
