package org.votehall.hall;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;

/** The node's ledger as the hall uses it: each call returns once its event is durable. */
final class HallLedger {
  private final Ledger ledger;

  HallLedger(Ledger ledger) {
    this.ledger = ledger;
  }

  LedgerEntry record(String type, ObjectNode payload) {
    return join(ledger.append(type, payload));
  }

  /** A secret cast: written in token order within its batch, with no arrival order. */
  LedgerEntry recordSecret(ObjectNode payload, String token) {
    return join(ledger.appendSecret("secret-cast", payload, token));
  }

  Checkpoint checkpoint() {
    return join(ledger.checkpoint());
  }

  private static <T> T join(CompletableFuture<T> durable) {
    try {
      return durable.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted before the ledger was durable", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "The ledger could not write: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
