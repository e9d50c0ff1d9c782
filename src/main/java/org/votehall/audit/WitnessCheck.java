package org.votehall.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;

/**
 * Witnessed checkpoints (docs/bundle.md, "Several ledgers together"): a node records in its own
 * ledger the signed checkpoints it saw from its peers. For every one that verifies under the
 * trusted keys, the ledger of that node, if it is among those given, must hold that very checkpoint
 * (same entry, same head); if it does not, it was cut or rewritten after the last entry its peers
 * saw it agree on.
 */
final class WitnessCheck {
  private WitnessCheck() {}

  /** Returns how many witnessed checkpoints were found held by their node's ledger. */
  static int check(Findings f, List<LedgerFacts> ledgers, Collection<VerifyingKey> trusted) {
    List<LedgerFacts.Witnessed> signed = new ArrayList<>();
    for (LedgerFacts l : ledgers) {
      for (LedgerFacts.Witnessed w : l.witnessed) {
        if (w.checkpoint().verify(trusted)) {
          signed.add(w);
        } else {
          f.note(
              l.file
                  + ": entry "
                  + w.entry()
                  + " witnessed a checkpoint of node "
                  + w.checkpoint().node()
                  + " that no trusted key signed; it was not checked");
        }
      }
    }
    signed.sort(Comparator.comparingLong(w -> w.checkpoint().seq()));
    int held = 0;
    for (LedgerFacts target : ledgers) {
      held += against(f, target, ledgers, signed);
    }
    return held;
  }

  /**
   * Checks {@code target} against the witnessed checkpoints of its node (or, if it holds no
   * checkpoint to name its node, of any node no ledger given is known to be); one failure names the
   * first it does not hold.
   */
  private static int against(
      Findings f,
      LedgerFacts target,
      List<LedgerFacts> ledgers,
      List<LedgerFacts.Witnessed> signed) {
    if (!target.readable()) {
      return 0;
    }
    boolean named = !target.nodes().isEmpty();
    List<LedgerFacts.Witnessed> mine =
        signed.stream()
            .filter(
                w ->
                    named
                        ? target.nodes().contains(w.checkpoint().node())
                        : ledgers.stream()
                            .noneMatch(l -> l.nodes().contains(w.checkpoint().node())))
            .toList();
    List<LedgerFacts.Witnessed> missing =
        mine.stream().filter(w -> !target.holds(w.checkpoint())).toList();
    if (missing.isEmpty()) {
      return mine.size();
    }
    LedgerFacts.Witnessed first = missing.get(0);
    Checkpoint c = first.checkpoint();
    long after = target.entries < c.seq() ? target.entries : agreedBefore(target, mine, c.seq());
    String seen =
        "the checkpoint of entry "
            + c.seq()
            + " (head "
            + c.head()
            + ") of node "
            + c.node()
            + " that "
            + first.by().file
            + " witnessed at its entry "
            + first.entry();
    f.fail(
        target.file
            + ": cut or rewritten after entry "
            + after
            + (named
                ? ": it does not hold " + seen
                : ", if it is the ledger of node "
                    + c.node()
                    + ": it holds no checkpoint to name its node, nor "
                    + seen)
            + (target.entries < c.seq() ? "; it ends at entry " + target.entries : "")
            + (missing.size() > 1
                ? " (nor " + (missing.size() - 1) + " later witnessed checkpoints)"
                : ""));
    return mine.size() - missing.size();
  }

  /** The last entry before {@code seq} at which a peer saw {@code target} agree: 0 if none. */
  private static long agreedBefore(LedgerFacts target, List<LedgerFacts.Witnessed> mine, long seq) {
    return mine.stream()
        .map(LedgerFacts.Witnessed::checkpoint)
        .filter(c -> c.seq() < seq && target.holds(c))
        .mapToLong(Checkpoint::seq)
        .max()
        .orElse(0);
  }
}
