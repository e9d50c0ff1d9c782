package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.votehall.crypto.Sha256;

/**
 * Two clustered members in one JVM: the box, uniqueness and retries, the tally, the fence, a death.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static ClusterNode a;
  private static ClusterNode b;
  private static CloseGate gateA = new CloseGate();
  private static CloseGate gateB = new CloseGate();
  private static CloseFence fenceA;

  @BeforeAll
  static void startTwoMembers() throws Exception {
    int pa = freePort();
    int pb = freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    String name = "votehall-it-" + pa;
    Future<ClusterNode> fa =
        ClusterNode.start(new ClusterSettings(name, "127.0.0.1", pa, members, 1));
    Future<ClusterNode> fb =
        ClusterNode.start(new ClusterSettings(name, "127.0.0.1", pb, members, 1));
    a = await(fa);
    b = await(fb);
    fenceA = await(CloseFence.start(a, gateA));
    await(CloseFence.start(b, gateB));
    assertEquals(2, a.hazelcast().getCluster().getMembers().size());
  }

  @AfterAll
  static void stop() throws Exception {
    if (a != null) {
      await(a.stop());
    }
    if (b != null && b.hazelcast().getLifecycleService().isRunning()) {
      await(b.stop());
    }
  }

  private static StoredCast cast(String voter, String mark) {
    String marks = "{\"marks\":{\"m1\":\"" + mark + "\"}}";
    String content = "{\"marks\":{\"m1\":\"" + mark + "\"},\"token\":\"" + voter + "\"}";
    return new StoredCast(
        voter, marks, content, Sha256.hex(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @Order(1)
  void castsThroughBothMembersLandInOneBoxOnce() {
    CastStore viaA = new CastStore(a.hazelcast());
    CastStore viaB = new CastStore(b.hazelcast());
    for (int i = 0; i < 60; i++) {
      CastStore store = i % 2 == 0 ? viaA : viaB;
      assertInstanceOf(
          CastOutcome.Kept.class, store.put("b1", cast("t" + i, i < 40 ? "for" : "against")));
    }
    CastOutcome.Kept first = (CastOutcome.Kept) viaA.put("b1", cast("t0", "for"));
    assertTrue(first.retry(), "an identical retry on the other member is kept again");
    assertEquals(cast("t0", "for").receipt(), first.receipt());
    assertInstanceOf(CastOutcome.AlreadyVoted.class, viaB.put("b1", cast("t0", "against")));
    assertInstanceOf(CastOutcome.AlreadyVoted.class, viaA.put("b1", cast("t1", "against")));
    assertEquals(60, viaB.returned("b1"));
    assertEquals(
        Map.of("{\"marks\":{\"m1\":\"for\"}}", 40L, "{\"marks\":{\"m1\":\"against\"}}", 20L),
        viaA.tally("b1"));
  }

  @Test
  @Order(2)
  void theFenceWaitsForACastInFlightOnTheOtherMember() throws Exception {
    assertTrue(gateB.enter("b1"));
    Future<Void> closed = fenceA.close("b1");
    Thread.sleep(300);
    assertFalse(closed.isComplete(), "the close waits for the cast in flight on member B");
    assertFalse(gateA.enter("b1"), "member A takes no new cast once closing");
    assertFalse(gateB.enter("b1"), "nor does member B");
    new CastStore(b.hazelcast()).put("b1", cast("t-late", "for"));
    gateB.leave("b1");
    await(closed);
    assertEquals(
        61,
        new CastStore(a.hazelcast()).returned("b1"),
        "the cast that raced the close is counted");
    assertTrue(gateA.enter("b2"), "other ballots are not fenced");
    gateA.leave("b2");
  }

  @Test
  @Order(3)
  void acknowledgedCastsSurviveTheDeathOfAMember() throws Exception {
    CastStore viaB = new CastStore(b.hazelcast());
    for (int i = 0; i < 30; i++) {
      viaB.put("b3", cast("s" + i, "for"));
    }
    b.hazelcast()
        .getLifecycleService()
        .terminate(); // no graceful migration: as if the process died
    assertEquals(30, new CastStore(a.hazelcast()).returned("b3"));
    assertEquals(61, new CastStore(a.hazelcast()).returned("b1"));
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
