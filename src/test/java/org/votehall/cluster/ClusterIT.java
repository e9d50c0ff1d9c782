package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.votehall.crypto.CastAcceptance;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SigningKey;

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
  private static String name;
  private static List<String> members;
  private static final SigningKey KEY_A = SigningKey.generate(new SecureRandom());
  private static final SigningKey KEY_B = SigningKey.generate(new SecureRandom());
  private static final Incidents INCIDENTS = new Incidents(Clock.systemUTC());
  private static final RecordSigner SIGNER_A = signer(KEY_A);
  private static final RecordSigner SIGNER_B = signer(KEY_B);

  private static RecordSigner signer(SigningKey key) {
    return new RecordSigner(key, List.of(KEY_A.verifyingKey(), KEY_B.verifyingKey()), INCIDENTS);
  }

  /** Every member closes any ballot and accounts for nothing: the fence alone is tested here. */
  private static final FenceHandler CLOSE_ANY =
      new FenceHandler() {
        @Override
        public boolean mayClose(String ballot) {
          return !ballot.startsWith("open");
        }

        @Override
        public String acknowledged(String ballot) {
          return "{\"ballot\":\"" + ballot + "\"}";
        }
      };

  @BeforeAll
  static void startTwoMembers() throws Exception {
    int pa = freePort();
    int pb = freePort();
    members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    name = "votehall-it-" + pa;
    Future<ClusterNode> fa =
        ClusterNode.start(
            DevClusterTls.node(1, new ClusterSettings(name, "127.0.0.1", pa, members, 1)));
    Future<ClusterNode> fb =
        ClusterNode.start(
            DevClusterTls.node(2, new ClusterSettings(name, "127.0.0.1", pb, members, 1)));
    a = await(fa);
    b = await(fb);
    fenceA = await(CloseFence.start(a, gateA, SIGNER_A, CLOSE_ANY));
    await(CloseFence.start(b, gateB, SIGNER_B, CLOSE_ANY));
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

  private static String cast(String voter, String mark) {
    return "{\"marks\":{\"m1\":\"" + mark + "\"},\"token\":\"" + voter + "\"}";
  }

  private static String receipt(String content) {
    return Sha256.hex(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @Order(1)
  void castsThroughBothMembersLandInOneBoxOnce() {
    CastStore viaA = new CastStore(a.hazelcast(), SIGNER_A);
    CastStore viaB = new CastStore(b.hazelcast(), SIGNER_B);
    for (int i = 0; i < 60; i++) {
      CastStore store = i % 2 == 0 ? viaA : viaB;
      assertInstanceOf(
          CastOutcome.Kept.class, store.put("b1", cast("t" + i, i < 40 ? "for" : "against")));
    }
    CastOutcome.Kept first = (CastOutcome.Kept) viaA.put("b1", cast("t0", "for"));
    assertTrue(first.retry(), "an identical retry on the other member is kept again");
    assertEquals(receipt(cast("t0", "for")), first.receipt());
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
    Future<List<String>> closed = fenceA.close("b1");
    for (int i = 0; i < 200 && !gateB.isClosing("b1"); i++) {
      Thread.sleep(50); // B checks the request's signature and the ballot's state first
    }
    Thread.sleep(200);
    assertFalse(closed.isComplete(), "the close waits for the cast in flight on member B");
    assertFalse(gateA.enter("b1"), "member A takes no new cast once closing");
    assertFalse(gateB.enter("b1"), "nor does member B");
    new CastStore(b.hazelcast(), SIGNER_B).put("b1", cast("t-late", "for"));
    gateB.leave("b1");
    assertEquals(
        List.of("{\"ballot\":\"b1\"}", "{\"ballot\":\"b1\"}"),
        await(closed),
        "each member answers with its signed account");
    assertEquals(
        61,
        new CastStore(a.hazelcast(), SIGNER_A).returned("b1"),
        "the cast that raced the close is counted");
    assertTrue(gateA.enter("b2"), "other ballots are not fenced");
    gateA.leave("b2");
  }

  @Test
  @Order(3)
  void aRogueMemberChangesNoCountedCast() throws Exception {
    CastStore viaA = new CastStore(a.hazelcast(), SIGNER_A);
    for (int i = 0; i < 10; i++) {
      viaA.put("b4", cast("r" + i, "for"));
    }
    HazelcastInstance rogue =
        Hazelcast.newHazelcastInstance(
            HazelcastConfigs.of(new ClusterSettings(name, "127.0.0.1", freePort(), members, 1)));
    try {
      IMap<String, Object> box = rogue.getMap(HazelcastConfigs.VOTING_MAPS + "casts.b4");
      StoredCast honest = (StoredCast) box.get("r0");
      String changed = cast("r0", "against");
      box.put(
          "r0",
          new StoredCast(
              "r0",
              "{\"marks\":{\"m1\":\"against\"}}",
              changed,
              receipt(changed),
              honest.acceptance()));
      String forged = cast("x1", "against");
      SigningKey rogueKey = SigningKey.generate(new SecureRandom());
      box.put(
          "x1",
          new StoredCast(
              "x1",
              "{\"marks\":{\"m1\":\"against\"}}",
              forged,
              receipt(forged),
              CastAcceptance.sign(rogueKey, "b4", receipt(forged))));
      box.put(
          "x2",
          new StoredCast(
              "x2",
              "{\"marks\":{\"m1\":\"against\"}}",
              cast("x2", "against"),
              receipt(cast("x2", "against")),
              honest.acceptance()));
      box.put("x3", "not a cast at all");
      box.put("x4", new StoredCast("x4", null, null, null, null));
      IMap<String, Object> records = rogue.getMap(HazelcastConfigs.VOTING_MAPS + "attendance.s9");
      records.put("d1", new SignedRecord(null, null, null));
      records.put("d2", 42);
      records.put("d3", new javax.management.ObjectName("rogue:type=gadget"));
      SignedMap<String> attendance =
          new ClusterStores(a.hazelcast(), SIGNER_A, false).map("attendance.s9", RecordCodec.TEXT);
      assertEquals(Map.of(), attendance.entries(), "nothing a node signed");
      assertEquals(null, attendance.get("d2"));
      assertEquals(null, attendance.get("d3"), "a class no node writes is not even deserialized");
      assertEquals(null, attendance.putIfAbsent("d3", "t1"), "and a write takes its place");
      assertEquals("t1", attendance.get("d3"));
      long before = INCIDENTS.total();
      assertEquals(
          Map.of("{\"marks\":{\"m1\":\"for\"}}", 9L),
          viaA.tally("b4"),
          "neither the changed cast nor the forged ones count");
      assertEquals(9, viaA.all("b4").size());
      assertTrue(INCIDENTS.total() > before, "each is reported");
      assertInstanceOf(
          CastOutcome.Kept.class,
          viaA.put("b4", cast("x1", "for")),
          "a forged cast does not block the token's own cast");
    } finally {
      rogue.getLifecycleService().terminate();
    }
  }

  @Test
  @Order(4)
  void aFenceRequestNoTrustedNodeSignedShutsNothing() throws Exception {
    // A member with a certificate of the cluster CA (so its messages get through the event bus's
    // mutual TLS: an insider, or a stolen certificate) but no trusted node key.
    ClusterNode rogue =
        await(
            ClusterNode.start(
                DevClusterTls.node(
                    3, new ClusterSettings(name, "127.0.0.1", freePort(), members, 1))));
    try {
      RecordSigner untrusted = signer(SigningKey.generate(new SecureRandom()));
      String address = SignedCall.address(CloseFence.TOPIC, b.nodeId());
      var forged = SignedCall.text(untrusted.sign("fence", "b5", "{\"ballot\":\"b5\"}"));
      var refused = rogue.vertx().eventBus().request(address, forged).toCompletionStage();
      assertThrows(Exception.class, () -> refused.toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertFalse(gateB.isClosing("b5"), "a request signed by an unknown key closes nothing");
      var replayed = SignedCall.text(SIGNER_A.sign("fence", "open-1", "{\"ballot\":\"open-1\"}"));
      var notClosing = rogue.vertx().eventBus().request(address, replayed).toCompletionStage();
      assertThrows(
          Exception.class, () -> notClosing.toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertFalse(
          gateB.isClosing("open-1"), "nor does a trusted request for a ballot that is not closing");
    } finally {
      await(rogue.stop());
    }
  }

  @Test
  @Order(5)
  void acknowledgedCastsSurviveTheDeathOfAMember() throws Exception {
    CastStore viaB = new CastStore(b.hazelcast(), SIGNER_B);
    for (int i = 0; i < 30; i++) {
      viaB.put("b3", cast("s" + i, "for"));
    }
    b.hazelcast()
        .getLifecycleService()
        .terminate(); // no graceful migration: as if the process died
    assertEquals(30, new CastStore(a.hazelcast(), SIGNER_A).returned("b3"));
    assertEquals(61, new CastStore(a.hazelcast(), SIGNER_A).returned("b1"));
  }

  @Test
  @Order(6)
  void aMemberThatDiedIsNotWaitedFor() throws Exception {
    assertEquals(
        List.of("{\"ballot\":\"b7\"}"),
        await(fenceA.close("b7")),
        "only the live member answers; the dead one is not waited for");
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
