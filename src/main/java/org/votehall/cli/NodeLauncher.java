package org.votehall.cli;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.votehall.cluster.ClusterNode;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.hall.Hall;
import org.votehall.http.HallServer;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;

/** Starts a node: the cluster member, its ledger (replayed), the hall, the HTTP(S) server. */
final class NodeLauncher {
  /** A running node, with what it was started from. */
  record Running(ClusterNode node, Ledger ledger, Hall hall, HallServer server) {
    /** Leaves the cluster (waiting at most ten seconds) and closes the ledger. */
    void stop() {
      node.stop()
          .toCompletionStage()
          .toCompletableFuture()
          .orTimeout(10, TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
      ledger.close();
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

  static Future<Running> start(NodeConfig config, SecureRandom random) {
    SigningKey key;
    Ledger ledger;
    List<LedgerEntry> replay = new ArrayList<>();
    try {
      key = KeyFiles.readPrivate(config.nodeKey());
      Files.createDirectories(config.dataDir());
      ledger =
          Ledger.open(
              config.dataDir().resolve("node.ledger"), key, Duration.ofSeconds(30), replay::add);
    } catch (IOException e) {
      return Future.failedFuture(new UncheckedIOException(e));
    } catch (org.votehall.ledger.LedgerException e) {
      return Future.failedFuture(e);
    }
    return ClusterNode.start(config.cluster())
        .compose(
            node ->
                Hall.start(node, ledger, key, random, replay)
                    .compose(
                        hall -> {
                          HallServer server = server(config, hall);
                          return node.vertx()
                              .deployVerticle(server)
                              .map(id -> new Running(node, ledger, hall, server));
                        }));
  }

  private static HallServer server(NodeConfig config, Hall hall) {
    HttpServerOptions options =
        new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort());
    if (!config.plainHttp()) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setKeyPath(config.tlsKey().toString())
                  .setCertPath(config.tlsCert().toString()));
    }
    try {
      List<String> trusted = new ArrayList<>();
      for (Path p : config.trustedNodeKeys()) {
        trusted.add(Files.readString(p));
      }
      return new HallServer(
          hall, options, Files.readString(config.nodeKey()), trusted, config.accounts());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
