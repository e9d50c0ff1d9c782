package org.votehall.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Checkpoint;
import org.votehall.ledger.Ledger;
import org.votehall.ledger.LedgerFiles;

/**
 * Two nodes' ledgers, written with the development keys: node 1 appends 25 events with a checkpoint
 * after the 10th (entry 11, over entry 10) and the 20th (entry 22, over entry 21); node 2 records
 * each as {@code witnessed} (its entries 1 and 2), then its own checkpoint (entry 3).
 */
public final class WitnessedLedgers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WitnessedLedgers() {}

  public record Written(Path node1, Path node2, Checkpoint first, Checkpoint second) {}

  public static SigningKey key(int node) throws Exception {
    return KeyFiles.readPrivate(Path.of("keys", "dev", "node-" + node + ".key"));
  }

  public static Written write(Path dir) throws Exception {
    Path node1 = dir.resolve("node-1.ledger");
    Path node2 = dir.resolve("node-2.ledger");
    Checkpoint first;
    Checkpoint second;
    try (Ledger one = Ledger.open(node1, key(1), null, e -> {});
        Ledger two = Ledger.open(node2, key(2), null, e -> {})) {
      events(one, 0, 10);
      first = one.checkpoint().get();
      two.append("witnessed", witnessed(first)).get();
      events(one, 10, 10);
      second = one.checkpoint().get();
      two.append("witnessed", witnessed(second)).get();
      events(one, 20, 5);
      two.checkpoint().get();
    }
    return new Written(node1, node2, first, second);
  }

  /**
   * Rewrites node 1's ledger as its operator could, with its key: the same first ten events and
   * checkpoint, then other events, to the same length.
   */
  public static void rewriteNode1(Path node1) throws Exception {
    Path forged = node1.resolveSibling("forged.ledger");
    Files.deleteIfExists(forged);
    Files.deleteIfExists(Ledger.headFile(forged));
    try (Ledger one = Ledger.open(forged, key(1), null, e -> {})) {
      events(one, 0, 10);
      one.checkpoint().get();
      events(one, 100, 10);
      one.checkpoint().get();
      events(one, 120, 5);
    }
    LedgerFiles.copyIntact(forged, node1);
  }

  /** Node 1's ledger cut after entry {@code keep}, with its head file gone (as a cutter would). */
  public static void cutNode1(Path node1, long keep) throws Exception {
    List<String> lines = Files.readAllLines(node1);
    Files.write(node1, lines.subList(0, (int) keep));
    Files.deleteIfExists(Ledger.headFile(node1));
  }

  private static void events(Ledger ledger, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      ledger.append("event", JSON.createObjectNode().put("n", i)).get();
    }
  }

  static ObjectNode witnessed(Checkpoint c) {
    ObjectNode payload = JSON.createObjectNode();
    payload.set("checkpoint", c.toJson());
    return payload;
  }
}
