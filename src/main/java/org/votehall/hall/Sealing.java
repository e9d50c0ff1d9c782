package org.votehall.hall;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.RecordSigner;
import org.votehall.cluster.StoredCast;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.SigningKey;
import org.votehall.crypto.VerifyingKey;
import org.votehall.format.MalformedException;
import org.votehall.format.MarksJson;
import org.votehall.format.ResultJson;
import org.votehall.ledger.BoxEntry;
import org.votehall.ledger.Bundle;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.RecordedCast;
import org.votehall.rules.BallotSpec;
import org.votehall.rules.Marks;
import org.votehall.rules.Recount;

/**
 * Seals a closed ballot: the tally by aggregation across the cluster, checked against the box read
 * for the bundle; the result by the rules; the close event and a checkpoint in this node's ledger;
 * the bundle signed by this node. Runs after the fence, so the box no longer changes.
 */
final class Sealing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HallMaps maps;
  private final HallLedger ledger;
  private final CastStore casts;
  private final SigningKey nodeKey;
  private final RecordSigner signer;

  Sealing(
      HallMaps maps, HallLedger ledger, CastStore casts, SigningKey nodeKey, RecordSigner signer) {
    this.maps = maps;
    this.ledger = ledger;
    this.casts = casts;
    this.nodeKey = nodeKey;
    this.signer = signer;
  }

  /** A ballot counted and checked, not yet written anywhere: what {@link #write} seals. */
  record Count(List<StoredCast> box, List<String> issued, int present, ObjectNode result) {}

  /**
   * Counts the ballot, given every live member's account of what it acknowledged (the fence's
   * answers); refuses, as an incident, if the box, the issued list or the 实到 differs from them.
   * Writes nothing: the caller commits the close first ({@link #write} then).
   */
  Outcome<Count> count(BallotState state, BallotSpec spec, List<String> accounts) {
    Map<String, Long> tally = casts.tally(state.id());
    List<StoredCast> box = casts.all(state.id());
    if (!tally.equals(multiset(box))) {
      return refused(state, List.of("the box changed while it was counted"));
    }
    List<String> issued = issued(state, spec, box);
    Set<String> present = new TreeSet<>(maps.present(state.id()).keys());
    present.addAll(issued); // every deputy issued a ballot was present when issued
    List<String> differences = differences(state, box, present, accounts);
    if (!differences.isEmpty()) {
      return refused(state, differences);
    }
    ObjectNode result =
        ResultJson.toJson(Recount.of(spec, present.size(), issued.size(), expand(spec, tally)));
    return Outcome.done(new Count(box, issued, present.size(), result));
  }

  private Outcome<Count> refused(BallotState state, List<String> differences) {
    differences.forEach(d -> signer.incidents().report("sealing refused: " + d));
    return Refusal.refuse(
        Refusal.Code.SEAL_REFUSED,
        "the box differs from what the nodes' ledgers acknowledged; "
            + state.id()
            + " is not sealed (it stays closing): "
            + String.join("; ", differences));
  }

  /**
   * Seals a counted ballot whose close was committed: the close event and a checkpoint in this
   * node's ledger, the bundle signed and in the ledger too, then result and bundle in the maps.
   */
  String write(BallotState state, BallotSpec spec, Count count) {
    SittingState sitting = maps.sittings().get(state.sitting());
    List<StoredCast> box = count.box();
    List<String> issued = count.issued();
    int present = count.present();
    ObjectNode result = count.result();
    ledger.record(new LedgerEvent.BallotClosed(state.id(), box.size(), result));
    Checkpoint checkpoint = ledger.checkpoint();
    String bundle =
        new String(
            Bundle.write(
                contents(state, spec, sitting, present, issued, box, result, checkpoint), nodeKey),
            StandardCharsets.UTF_8);
    ledger.record(new LedgerEvent.BundleSealed(state.id(), bundle));
    maps.results().putIfAbsent(state.id(), result.toString());
    String earlier = maps.bundles().putIfAbsent(state.id(), bundle);
    Countersignatures.seal(maps, state.id(), earlier == null ? bundle : earlier);
    return maps.results().get(state.id());
  }

  private List<String> differences(
      BallotState state, List<StoredCast> box, Set<String> present, List<String> accounts) {
    Map<String, SealCheck.Issue> issued = new HashMap<>();
    maps.issued(state.id())
        .records()
        .forEach(
            (deputy, e) -> issued.put(deputy, new SealCheck.Issue(e.value(), e.record().node())));
    List<SealCheck.Cast> counted =
        box.stream().map(c -> new SealCheck.Cast(c.receipt(), c.acceptance().node())).toList();
    return SealCheck.differences(state.id(), counted, issued, present, accounts);
  }

  private List<String> issued(BallotState state, BallotSpec spec, List<StoredCast> box) {
    if (spec.header().secret()) {
      return List.copyOf(new TreeSet<>(maps.issued(state.id()).keys()));
    }
    // A recorded ballot is issued to every deputy present while it was open (and every voter was).
    TreeSet<String> enabled = new TreeSet<>(maps.present(state.id()).keys());
    box.forEach(c -> enabled.add(c.voter()));
    return List.copyOf(enabled);
  }

  private Bundle.Contents contents(
      BallotState state,
      BallotSpec spec,
      SittingState sitting,
      int present,
      List<String> issued,
      List<StoredCast> box,
      ObjectNode result,
      Checkpoint checkpoint) {
    List<VerifyingKey> nodes =
        signer.trustedKeys().stream()
            .sorted(java.util.Comparator.comparing(VerifyingKey::fingerprint))
            .toList();
    boolean secret = spec.header().secret();
    Map<String, VerifyingKey> terminals = new HashMap<>();
    if (!secret) {
      maps.terminals(sitting.id())
          .entries()
          .forEach((id, key) -> terminals.put(id, VerifyingKey.fromBase64(key)));
    }
    return new Bundle.Contents(
        (ObjectNode) read(state.spec()),
        new Bundle.Attendance(sitting.members(), present),
        issued,
        secret ? List.of() : box.stream().map(Sealing::recorded).toList(),
        terminals,
        secret ? box.stream().map(Sealing::boxEntry).toList() : List.of(),
        state.blindKeys().stream().map(BlindPublicKey::fromBase64).toList(),
        nodes,
        result,
        checkpoint,
        Optional.ofNullable(state.panel()).map(p -> Countersigning.panelOf(read(p))));
  }

  private static BoxEntry boxEntry(StoredCast c) {
    ObjectNode content = (ObjectNode) read(c.content());
    String token = content.remove("token").asText();
    String signature = content.remove("blindSignature").asText();
    return new BoxEntry(token, signature, content, c.acceptance());
  }

  private static RecordedCast recorded(StoredCast c) {
    ObjectNode content = (ObjectNode) read(c.content());
    String deputy = content.remove("deputy").asText();
    String terminal = content.remove("terminal").asText();
    String nonce = content.remove("nonce").asText();
    String signature = content.remove("signature").asText();
    return new RecordedCast(deputy, terminal, nonce, content, signature, c.acceptance());
  }

  private static Map<String, Long> multiset(List<StoredCast> box) {
    Map<String, Long> counts = new HashMap<>();
    box.forEach(c -> counts.merge(c.marks(), 1L, Long::sum));
    return counts;
  }

  private static List<Marks> expand(BallotSpec spec, Map<String, Long> tally) {
    List<Marks> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : tally.entrySet()) {
      Marks marks;
      try {
        marks = MarksJson.parse(spec, e.getKey());
      } catch (MalformedException ex) {
        throw new IllegalStateException("A kept cast no longer reads: " + ex.getMessage(), ex);
      }
      for (long i = 0; i < e.getValue(); i++) {
        out.add(marks);
      }
    }
    return out;
  }

  static com.fasterxml.jackson.databind.JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Stored JSON no longer reads: " + e.getMessage(), e);
    }
  }

  /** Waits on a Vert.x future from a worker thread. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The cluster did not answer: " + e.getMessage(), e);
    }
  }
}
