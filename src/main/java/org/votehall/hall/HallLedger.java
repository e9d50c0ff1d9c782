package org.votehall.hall;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerEvent;
import org.votehall.ledger.LedgerEvents;

/** The node's ledger as the hall uses it: each call returns once its event is durable. */
final class HallLedger {
  private final Ledger ledger;

  HallLedger(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records an event. A secret cast goes through {@link #recordSecret} and a checkpoint through
   * {@link #checkpoint}: anything else would lose the order that hides arrivals, or the signature.
   */
  LedgerEntry record(LedgerEvent event) {
    if (event instanceof LedgerEvent.SecretCastKept
        || event instanceof LedgerEvent.CheckpointWritten) {
      throw new IllegalArgumentException(
          "A " + event.getClass().getSimpleName() + " is not recorded as any other event");
    }
    LedgerEvents.Encoded e = LedgerEvents.encode(event);
    return join(ledger.append(e.type(), e.payload()));
  }

  /**
   * A secret cast: durable in the ledger's mixing spool when this returns, then moved into the
   * ledger with its ballot's window in token order, so the ledger keeps no arrival order.
   */
  LedgerEntry recordSecret(LedgerEvent.SecretCastKept cast) {
    LedgerEvents.Encoded e = LedgerEvents.encode(cast);
    return join(ledger.appendSecret(e.type(), e.payload(), cast.cast().token()));
  }

  /** Writes a signed checkpoint (peers witness it: {@link Witnesses}). */
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
