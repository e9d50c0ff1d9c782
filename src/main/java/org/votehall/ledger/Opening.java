package org.votehall.ledger;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opening a ledger: checks what was read against its head file (docs/architecture.md, "The
 * ledger"), and finds the spooled casts that are in the ledger already (moved before a crash cut
 * the spool's rewrite), while every entry is handed on to the replay.
 */
final class Opening {
  private final Optional<LedgerHead> expected;
  private final Consumer<LedgerEntry> replay;
  private final Set<String> spooled = new HashSet<>();
  private final Set<String> spooledTypes = new HashSet<>();
  final Set<String> present = new HashSet<>();
  private String hashAtHead = LedgerEntry.GENESIS;

  Opening(Optional<LedgerHead> expected, Spool spool, Consumer<LedgerEntry> replay) {
    this.expected = expected;
    this.replay = replay;
    spool.casts().forEach(c -> spooled.add(c.content()));
    spool.casts().forEach(c -> spooledTypes.add(c.type()));
  }

  void accept(LedgerEntry e) {
    replay.accept(e);
    if (expected.isPresent() && e.seq() == expected.get().seq()) {
      hashAtHead = e.hash();
    }
    if (spooledTypes.contains(e.type())) {
      String content = Spool.Cast.content(e.type(), e.payload());
      if (spooled.contains(content)) {
        present.add(content);
      }
    }
  }

  void check(Path file, LedgerReader.Scan scan, long size) throws LedgerException {
    Path headFile = LedgerHead.of(file);
    if (expected.isEmpty()) {
      if (size > 0) {
        throw LedgerException.notWhole(
            0,
            "the ledger "
                + file
                + " holds "
                + scan.entries()
                + " entries but there is no head file "
                + headFile
                + ", so a cut cannot be ruled out: if the ledger is whole (check it against a"
                + " backup and the peers' ledgers with votehall verify --ledger), write "
                + new LedgerHead(scan.entries(), scan.head()).json()
                + " to "
                + headFile);
      }
      return;
    }
    LedgerHead h = expected.get();
    if (scan.entries() < h.seq()) {
      throw LedgerException.notWhole(
          scan.entries() + 1,
          "the ledger "
              + file
              + " ends at entry "
              + scan.entries()
              + (scan.tornBytes() > 0
                  ? " (then " + scan.tornBytes() + " bytes of a torn line)"
                  : "")
              + " but its head file "
              + headFile
              + " names entry "
              + h.seq()
              + ": it was cut after entry "
              + scan.entries());
    }
    if (!hashAtHead.equals(h.hash())) {
      throw LedgerException.notWhole(
          h.seq(),
          "entry "
              + h.seq()
              + " of the ledger "
              + file
              + " has hash "
              + hashAtHead
              + " but its head file "
              + headFile
              + " names "
              + h.hash()
              + ": the ledger was rewritten at or before entry "
              + h.seq());
    }
  }
}
