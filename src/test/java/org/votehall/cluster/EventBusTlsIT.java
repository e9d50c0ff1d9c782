package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.ClusterCertificate;

/**
 * The event bus over mutual TLS: two members with certificates of the development cluster CA talk;
 * a member whose certificate another CA signed, or with a plain event bus, still joins the
 * Hazelcast cluster (member traffic has no TLS in open-source Hazelcast) but can neither deliver a
 * message to the others nor receive one from them.
 */
class EventBusTlsIT {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);
  private static final List<ClusterNode> nodes = new ArrayList<>();
  private static ClusterNode a;
  private static ClusterNode b;
  private static String name;
  private static List<String> members;

  @TempDir static Path dir;

  @BeforeAll
  static void twoMembersOfTheClusterCa() throws Exception {
    int pa = freePort();
    int pb = freePort();
    members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    name = "eb-tls-it-" + pa;
    Future<ClusterNode> fa =
        ClusterNode.start(
            DevClusterTls.node(1, new ClusterSettings(name, "127.0.0.1", pa, members, 1)));
    Future<ClusterNode> fb =
        ClusterNode.start(
            DevClusterTls.node(2, new ClusterSettings(name, "127.0.0.1", pb, members, 1)));
    a = started(fa);
    b = started(fb);
    echo(a);
    echo(b);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ClusterNode node : nodes) {
      await(node.stop());
    }
  }

  @Test
  void membersWithCertificatesOfTheClusterCaExchangeMessages() throws Exception {
    assertEquals("a→b", await(a.vertx().eventBus().request(address(b), "a→b", QUICK)).body());
    assertEquals("b→a", await(b.vertx().eventBus().request(address(a), "b→a", QUICK)).body());
  }

  @Test
  void aMemberWithACertificateOfAnotherCaJoinsHazelcastButNotTheEventBus() throws Exception {
    SecureRandom random = new SecureRandom();
    ClusterCertificate otherCa = ClusterCertificate.authority(Instant.now(), random);
    otherCa.write(dir.resolve("other-ca.key"), dir.resolve("other-ca.crt"));
    otherCa
        .issue("node-1", Instant.now(), random)
        .write(dir.resolve("rogue.key"), dir.resolve("rogue.crt"));
    EventBusTls foreign =
        new EventBusTls(
            dir.resolve("rogue.key"), dir.resolve("rogue.crt"), dir.resolve("other-ca.crt"));
    ClusterNode rogue =
        started(
            ClusterNode.start(
                new ClusterSettings(name, "127.0.0.1", freePort(), members, 1)
                    .withEventBusTls(foreign)));
    refusedBothWays(rogue);
  }

  @Test
  void aMemberWithAPlainEventBusJoinsHazelcastButNotTheEventBus() throws Exception {
    ClusterNode plain =
        started(ClusterNode.start(new ClusterSettings(name, "127.0.0.1", freePort(), members, 1)));
    refusedBothWays(plain);
  }

  /**
   * {@code outsider} is a Hazelcast member, yet no message passes between it and the members of the
   * cluster CA, in either direction; those two still talk.
   */
  private static void refusedBothWays(ClusterNode outsider) throws Exception {
    try {
      echo(outsider);
      assertTrue(
          a.members() >= 3 && outsider.members() >= 3,
          "Hazelcast member traffic is plain: the outsider is a member all the same");
      for (ClusterNode member : List.of(a, b)) {
        var in = outsider.vertx().eventBus().request(address(member), "in", QUICK);
        assertThrows(ExecutionException.class, () -> await(in), "outsider → member");
        var out = member.vertx().eventBus().request(address(outsider), "out", QUICK);
        assertThrows(ExecutionException.class, () -> await(out), "member → outsider");
      }
      assertEquals("still", await(a.vertx().eventBus().request(address(b), "still", QUICK)).body());
    } finally {
      nodes.remove(outsider);
      await(outsider.stop());
    }
  }

  private static void echo(ClusterNode node) throws Exception {
    await(
        node.vertx()
            .eventBus()
            .<String>consumer(address(node), m -> m.reply(m.body()))
            .completion());
  }

  private static String address(ClusterNode node) {
    return "eb-tls-it.echo." + node.nodeId();
  }

  private static ClusterNode started(Future<ClusterNode> f) throws Exception {
    ClusterNode node = await(f);
    nodes.add(node);
    return node;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
