package org.votehall.cluster;

import com.hazelcast.aggregation.Aggregator;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the casts of one ballot by their marks, in memory on every member over the partitions it
 * owns; the members' partial counts are then combined. The result is a multiset {marks → how many},
 * which the pure rules turn into the tally. No side effects: it may run more than once.
 */
public final class MarksTally
    implements Aggregator<Map.Entry<String, StoredCast>, HashMap<String, Long>> {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, Long> counts = new HashMap<>();

  @Override
  public void accumulate(Map.Entry<String, StoredCast> entry) {
    counts.merge(entry.getValue().marks(), 1L, Long::sum);
  }

  @Override
  public void combine(Aggregator aggregator) {
    ((MarksTally) aggregator).counts.forEach((marks, n) -> counts.merge(marks, n, Long::sum));
  }

  @Override
  public HashMap<String, Long> aggregate() {
    return counts;
  }
}
