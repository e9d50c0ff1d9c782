package org.votehall.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.LedgerException;
import org.votehall.ledger.LedgerReader;

/**
 * Checks a node's ledger file for an auditor: the whole chain and every checkpoint under the
 * trusted node keys, and, given a bundle's checkpoint, that the ledger holds that very checkpoint.
 */
public final class LedgerAudit {
  private LedgerAudit() {}

  public static Verification check(
      Path ledger, Collection<VerifyingKey> trusted, Optional<Checkpoint> bundleCheckpoint) {
    LedgerReader.Scan scan;
    try {
      scan = LedgerReader.readWhole(ledger, trusted, e -> {});
    } catch (IOException e) {
      return Verification.Unreadable.of(ledger, e);
    } catch (LedgerException e) {
      return new Verification.Fails(List.of(ledger + ": " + e.getMessage()), List.of());
    }
    List<String> failures = new ArrayList<>();
    bundleCheckpoint
        .filter(c -> scan.checkpoints().stream().noneMatch(c::equals))
        .ifPresent(
            c ->
                failures.add(
                    ledger
                        + ": holds no checkpoint {node "
                        + c.node()
                        + ", seq "
                        + c.seq()
                        + ", head "
                        + c.head()
                        + "} as the bundle names"));
    String summary =
        "ledger "
            + ledger
            + ": "
            + scan.entries()
            + " entries, "
            + scan.checkpoints().size()
            + " checkpoints; the chain holds";
    return failures.isEmpty()
        ? new Verification.Holds(summary, List.of())
        : new Verification.Fails(failures, List.of());
  }
}
