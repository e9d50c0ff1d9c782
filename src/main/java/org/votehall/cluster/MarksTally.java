package org.votehall.cluster;

import com.hazelcast.aggregation.Aggregator;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.votehall.crypto.VerifyingKey;

/**
 * Counts the casts of one ballot by their marks, in memory on every member over the partitions it
 * owns; the members' partial counts are then combined. Only casts a trusted node accepted are
 * counted; the others are only counted as refused. The result is a multiset {marks → how many},
 * which the pure rules turn into the tally. No side effects: it may run more than once.
 */
public final class MarksTally implements Aggregator<Map.Entry<String, Object>, MarksTally.Counted> {
  private static final long serialVersionUID = 2L;

  private final String ballot;
  private final List<String> trusted;
  private final HashMap<String, Long> counts = new HashMap<>();
  private long refused;
  private transient List<VerifyingKey> keys;

  /** The counts by marks of the accepted casts, and how many casts were not accepted. */
  public record Counted(HashMap<String, Long> byMarks, long refused) implements Serializable {
    long total() {
      return byMarks.values().stream().mapToLong(Long::longValue).sum() + refused;
    }
  }

  MarksTally(String ballot, List<String> trustedKeys) {
    this.ballot = ballot;
    this.trusted = List.copyOf(trustedKeys);
  }

  @Override
  public void accumulate(Map.Entry<String, Object> entry) {
    if (keys == null) {
      keys = trusted.stream().map(VerifyingKey::fromBase64).toList();
    }
    if (entry.getValue() instanceof StoredCast cast
        && cast.accepted(ballot, entry.getKey(), keys)) {
      counts.merge(cast.marks(), 1L, Long::sum);
    } else {
      refused++;
    }
  }

  @Override
  public void combine(Aggregator aggregator) {
    MarksTally other = (MarksTally) aggregator;
    other.counts.forEach((marks, n) -> counts.merge(marks, n, Long::sum));
    refused += other.refused;
  }

  @Override
  public Counted aggregate() {
    return new Counted(counts, refused);
  }
}
