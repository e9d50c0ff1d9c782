package org.votehall.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.LedgerEntry;
import org.votehall.ledger.LedgerException;
import org.votehall.ledger.LedgerHead;
import org.votehall.ledger.LedgerReader;

/**
 * What one node's ledger holds that the checks need, read once: the chain's verdict, its own
 * checkpoints (which name its node), the peers' checkpoints it witnessed, and the casts of one
 * ballot. A ledger whose chain breaks keeps what was read before the break.
 */
final class LedgerFacts {
  static final String WITNESSED = "witnessed";
  static final String SECRET_CAST = "secret-cast";
  static final String RECORDED_CAST = "recorded-cast";

  final Path file;
  final Findings findings = new Findings();
  final List<Checkpoint> checkpoints = new ArrayList<>();
  final List<Witnessed> witnessed = new ArrayList<>();
  final List<Cast> casts = new ArrayList<>();
  long entries;
  Optional<IOException> unreadable = Optional.empty();
  private final Optional<LedgerHead> head;
  private String hashAtHead = LedgerEntry.GENESIS;

  /** A peer's signed checkpoint, as this ledger recorded it at entry {@code entry}. */
  record Witnessed(Checkpoint checkpoint, long entry, LedgerFacts by) {}

  /**
   * A cast this ledger acknowledged: {@code voter} is the token (secret) or the deputy (recorded),
   * {@code content} the payload without {@code ballot}, as the bundle keeps it.
   */
  record Cast(String type, String voter, ObjectNode content, long entry) {}

  private LedgerFacts(Path file, Optional<LedgerHead> head) {
    this.file = file;
    this.head = head;
  }

  /** Reads {@code file}; {@code ballot}, if given, is the ballot whose casts to keep. */
  static LedgerFacts read(Path file, Collection<VerifyingKey> trusted, Optional<String> ballot) {
    Optional<LedgerHead> head = Optional.empty();
    Optional<String> headProblem = Optional.empty();
    try {
      head = LedgerHead.read(file);
    } catch (IOException | LedgerException e) {
      headProblem = Optional.of(e.getMessage());
    }
    LedgerFacts facts = new LedgerFacts(file, head);
    headProblem.ifPresent(problem -> facts.findings.fail(file + ": " + problem));
    try {
      LedgerReader.readWhole(file, trusted, e -> facts.add(e, ballot));
      facts.checkHead();
    } catch (IOException e) {
      facts.unreadable = Optional.of(e);
    } catch (LedgerException e) {
      facts.findings.fail(file + ": " + e.getMessage());
    }
    return facts;
  }

  private void add(LedgerEntry e, Optional<String> ballot) {
    entries = e.seq();
    if (head.isPresent() && head.get().seq() == e.seq()) {
      hashAtHead = e.hash();
    }
    ObjectNode p = e.payload();
    switch (e.type()) {
      case "checkpoint" -> checkpoints.add(Checkpoint.fromJson(p)); // the reader checked it
      case WITNESSED -> witnessed(p, e.seq());
      case SECRET_CAST, RECORDED_CAST -> {
        if (ballot.isPresent() && ballot.get().equals(p.path("ballot").asText(null))) {
          String key = e.type().equals(SECRET_CAST) ? "token" : "deputy";
          p.remove("ballot");
          casts.add(new Cast(e.type(), p.path(key).asText(), p, e.seq()));
        }
      }
      default -> {}
    }
  }

  private void witnessed(ObjectNode payload, long entry) {
    try {
      witnessed.add(new Witnessed(Checkpoint.fromJson(payload.get("checkpoint")), entry, this));
    } catch (IllegalArgumentException ex) {
      findings.fail(file + ": entry " + entry + ": a witnessed checkpoint that does not read");
    }
  }

  /** The head file beside the ledger, when there is one, must not name an entry it lacks. */
  private void checkHead() {
    if (head.isEmpty()) {
      return;
    }
    LedgerHead h = head.get();
    if (entries < h.seq()) {
      findings.fail(
          file
              + ": ends at entry "
              + entries
              + " but its head file names entry "
              + h.seq()
              + ": it was cut after entry "
              + entries);
    } else if (!hashAtHead.equals(h.hash())) {
      findings.fail(
          file
              + ": entry "
              + h.seq()
              + " is not the one its head file names: rewritten at or before entry "
              + h.seq());
    }
  }

  /** The nodes whose checkpoints this ledger holds as its own: normally one, its node. */
  Set<String> nodes() {
    Set<String> nodes = new TreeSet<>();
    checkpoints.forEach(c -> nodes.add(c.node()));
    return nodes;
  }

  /** True if this ledger holds a checkpoint of {@code c}'s node for the same entry and head. */
  boolean holds(Checkpoint c) {
    return checkpoints.stream()
        .anyMatch(
            own ->
                own.node().equals(c.node()) && own.seq() == c.seq() && own.head().equals(c.head()));
  }

  boolean readable() {
    return unreadable.isEmpty();
  }
}
