package org.votehall.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order a batch is written in (docs/architecture.md, "The ledger"): secret casts take the
 * places that secret casts arrived in, but among themselves go in token order, so the ledger keeps
 * no arrival order of secret casts. Other entries keep their places. A mixing window moved from the
 * spool is all secret casts, so it is written wholly in token order.
 */
final class BatchOrder {
  private BatchOrder() {}

  static <T> List<T> inTokenOrder(List<T> batch, Function<T, Optional<String>> token) {
    List<T> secret =
        batch.stream()
            .filter(p -> token.apply(p).isPresent())
            .sorted(Comparator.comparing(p -> token.apply(p).get()))
            .toList();
    if (secret.isEmpty()) {
      return batch;
    }
    List<T> out = new ArrayList<>(batch.size());
    int next = 0;
    for (T p : batch) {
      out.add(token.apply(p).isPresent() ? secret.get(next++) : p);
    }
    return out;
  }
}
