package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.LedgerEvent;

/**
 * Ledgers that witness each other (docs/architecture.md). Each node publishes its latest signed
 * checkpoint; each node records its peers' newer checkpoints in its own ledger ({@code witnessed})
 * and publishes what it witnessed. A node whose own ledger does not hold a checkpoint of its own
 * that a peer witnessed lost acknowledged entries (cut, or rewritten): it refuses to start, and a
 * running node that finds it reports an incident and takes no more writes.
 */
final class Witnesses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HallMaps maps;
  private final String self;
  private final Collection<VerifyingKey> trusted;
  private final Map<Long, String> own = new ConcurrentHashMap<>();
  private final Map<String, Checkpoint> latestWitnessed = new ConcurrentHashMap<>();
  private volatile Checkpoint latestOwn;
  private volatile boolean cut;

  Witnesses(HallMaps maps, String self, Collection<VerifyingKey> trusted) {
    this.maps = maps;
    this.self = self;
    this.trusted = List.copyOf(trusted);
  }

  /**
   * Each node's latest checkpoint as it published it (signed; read only where a trusted node
   * signed).
   */
  Map<String, String> published() {
    return new java.util.TreeMap<>(maps.checkpoints().entries());
  }

  /** A checkpoint of this node's own ledger (replayed, or just written). */
  void own(Checkpoint c) {
    if (c.node().equals(self)) {
      own.put(c.seq(), c.head());
      if (latestOwn == null || c.seq() > latestOwn.seq()) {
        latestOwn = c;
      }
    }
  }

  /** A peer's checkpoint this node's ledger recorded. */
  void witnessed(Checkpoint c) {
    latestWitnessed.merge(c.node(), c, (a, b) -> b.seq() > a.seq() ? b : a);
  }

  /** Publishes this node's latest checkpoint and what it witnessed of each peer. */
  void publish() {
    Checkpoint mine = latestOwn;
    if (mine != null) {
      maps.checkpoints().put(self, mine.toJson().toString());
    }
    latestWitnessed.forEach(
        (peer, c) -> maps.witnessed().put(peer + " " + self, c.toJson().toString()));
  }

  /**
   * Records in this node's ledger every peer checkpoint newer than the last it witnessed (a valid
   * signature by a trusted key required), then publishes.
   */
  void witness(java.util.function.Consumer<LedgerEvent> ledger) {
    maps.checkpoints()
        .entries()
        .forEach(
            (node, text) ->
                checkpoint(text)
                    .filter(c -> !node.equals(self) && c.node().equals(node))
                    .filter(c -> c.verify(trusted))
                    .filter(c -> isNewer(c))
                    .ifPresent(
                        c -> {
                          ledger.accept(new LedgerEvent.Witnessed(c));
                          witnessed(c);
                        }));
    publish();
  }

  /**
   * What peers witnessed of this node that its own ledger does not hold: each a sentence; empty if
   * the ledger holds every witnessed checkpoint.
   */
  List<String> cuts() {
    List<String> found = new ArrayList<>();
    maps.witnessed()
        .entries()
        .forEach(
            (key, text) -> {
              String[] subjectWitness = key.split(" ", 2);
              if (subjectWitness.length == 2 && subjectWitness[0].equals(self)) {
                checkpoint(text)
                    .filter(c -> c.node().equals(self) && c.verify(trusted))
                    .filter(c -> !c.head().equals(own.get(c.seq())))
                    .ifPresent(c -> found.add(cutSentence(c, subjectWitness[1])));
              }
            });
    if (!found.isEmpty()) {
      cut = true;
    }
    return found;
  }

  /** True once a witnessed checkpoint was found missing from this node's ledger. */
  boolean ledgerCut() {
    return cut;
  }

  private boolean isNewer(Checkpoint c) {
    Checkpoint before = latestWitnessed.get(c.node());
    return before == null || c.seq() > before.seq();
  }

  private String cutSentence(Checkpoint c, String witness) {
    long last = own.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    return "this node's ledger does not hold its checkpoint at entry "
        + c.seq()
        + " (head "
        + c.head()
        + ") that node "
        + witness
        + " witnessed"
        + (c.seq() > last ? "; it ends before it: entries were cut" : "; it was rewritten");
  }

  private static Optional<Checkpoint> checkpoint(String text) {
    try {
      JsonNode json = JSON.readTree(text);
      return Optional.of(Checkpoint.fromJson(json));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
