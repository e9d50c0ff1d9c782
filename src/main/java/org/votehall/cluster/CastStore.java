package org.votehall.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.votehall.crypto.VerifyingKey;

/**
 * The box of every ballot, in Hazelcast: one map per ballot, keyed by voter. {@code putIfAbsent} is
 * the uniqueness check on any node; an identical retry finds its own value and is kept again. Every
 * cast carries the accepting node's signed acceptance; one that no trusted node accepted is
 * reported, never counted, and a cast put over it takes its place. Calls block on Hazelcast: run
 * them on a worker thread, never on an event loop.
 */
public final class CastStore {
  private static final int TALLY_ATTEMPTS = 20;
  private static final long SAFE_WAIT_NANOS = 30_000_000_000L;

  private final HazelcastInstance hazelcast;
  private final RecordSigner signer;

  public CastStore(HazelcastInstance hazelcast, RecordSigner signer) {
    this.hazelcast = hazelcast;
    this.signer = signer;
  }

  /**
   * Accepts the cast of {@code content} (canonical JSON naming its token or deputy) if it is new.
   */
  public CastOutcome put(String ballot, String content) {
    StoredCast cast = StoredCast.accept(ballot, content, signer);
    IMap<String, Object> box = box(ballot);
    while (true) {
      Object existing;
      try {
        existing = box.putIfAbsent(cast.voter(), cast);
      } catch (HazelcastSerializationException e) {
        signer
            .incidents()
            .report("the box of " + ballot + " holds something that does not read: replaced");
        box.delete(cast.voter()); // no node wrote it: it goes
        continue;
      }
      if (existing == null) {
        return new CastOutcome.Kept(cast.receipt(), false);
      }
      if (accepted(ballot, cast.voter(), existing)) {
        StoredCast kept = (StoredCast) existing;
        return kept.content().equals(cast.content())
            ? new CastOutcome.Kept(kept.receipt(), true)
            : new CastOutcome.AlreadyVoted(cast.voter());
      }
      if (box.replace(cast.voter(), existing, cast)) {
        return new CastOutcome.Kept(cast.receipt(), false);
      }
    }
  }

  /**
   * The ballot's accepted casts counted by marks, across every member. An aggregation that runs
   * while a member's partitions are being taken over can miss them, so this waits for a safe
   * cluster (no migration under way) and checks the counted total against the box's size, trying
   * again if they differ; it refuses rather than return a partial tally. Casts no trusted node
   * accepted are reported and left out.
   */
  public Map<String, Long> tally(String ballot) {
    MarksTally.Counted counted =
        consistent(
            ballot,
            box -> box.aggregate(new MarksTally(ballot, trustedKeys())),
            MarksTally.Counted::total);
    if (counted.refused() > 0) {
      signer
          .incidents()
          .report(
              "the box of "
                  + ballot
                  + " holds "
                  + counted.refused()
                  + " casts no trusted node accepted: not counted");
    }
    return counted.byMarks();
  }

  /** Every accepted cast in the box, for the bundle; as complete as {@link #tally}. */
  public List<StoredCast> all(String ballot) {
    List<Map.Entry<String, Object>> entries =
        consistent(ballot, box -> List.copyOf(box.entrySet()), e -> (long) e.size());
    List<StoredCast> accepted = new ArrayList<>(entries.size());
    for (Map.Entry<String, Object> e : entries) {
      if (accepted(ballot, e.getKey(), e.getValue())) {
        accepted.add((StoredCast) e.getValue());
      }
    }
    return accepted;
  }

  private <T> T consistent(
      String ballot, Function<IMap<String, Object>, T> read, ToLongFunction<T> total) {
    IMap<String, Object> box = box(ballot);
    for (int attempt = 0; attempt < TALLY_ATTEMPTS; attempt++) {
      awaitSafeCluster();
      T value = read.apply(box);
      if (total.applyAsLong(value) == box.size()
          && hazelcast.getPartitionService().isClusterSafe()) {
        return value;
      }
    }
    throw new IllegalStateException(
        "No consistent count of "
            + ballot
            + " after "
            + TALLY_ATTEMPTS
            + " attempts: the cluster keeps changing");
  }

  /**
   * How many casts a trusted node accepted are in the box ("voted so far"), across every member; a
   * live figure, not the tally.
   */
  public long returned(String ballot) {
    return box(ballot).aggregate(new MarksTally(ballot, trustedKeys())).byMarks().values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** The voter keys of the accepted casts (deputies, for a recorded ballot); a live figure. */
  public Set<String> voters(String ballot) {
    Set<String> voters = new java.util.HashSet<>();
    box(ballot)
        .entrySet()
        .forEach(
            e -> {
              if (e.getValue() instanceof StoredCast c
                  && c.accepted(ballot, e.getKey(), signer.trustedKeys())) {
                voters.add(e.getKey());
              }
            });
    return voters;
  }

  private boolean accepted(String ballot, String key, Object value) {
    if (value instanceof StoredCast cast && cast.accepted(ballot, key, signer.trustedKeys())) {
      return true;
    }
    signer
        .incidents()
        .reportOnce(
            "the box of "
                + ballot
                + " holds cast "
                + key
                + ", which no trusted node accepted: ignored");
    return false;
  }

  private List<String> trustedKeys() {
    return signer.trustedKeys().stream().map(VerifyingKey::base64).toList();
  }

  private void awaitSafeCluster() {
    long deadline = System.nanoTime() + SAFE_WAIT_NANOS;
    while (!hazelcast.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a safe cluster", e);
      }
    }
  }

  private IMap<String, Object> box(String ballot) {
    return hazelcast.getMap(HazelcastConfigs.VOTING_MAPS + "casts." + ballot);
  }
}
