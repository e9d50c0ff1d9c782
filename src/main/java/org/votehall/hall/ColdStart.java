package org.votehall.hall;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.votehall.crypto.VerifyingKey;

/**
 * The cluster's memory after every node stopped (a power loss): the maps are empty and each node
 * rebuilds them from its own ledger. Until every node that had acknowledged anything has replayed,
 * the maps lack its casts, check-ins and registrations: a deputy whose cast only that ledger holds
 * could vote again, and a close would seal a partial box. So writes wait for them. A node "had
 * acknowledged something" if a peer's ledger witnessed a checkpoint of it; a node that never did (a
 * fresh cluster) is not waited for. The maps keep who replayed since the memory was lost; a single
 * node that restarts in a running cluster finds itself there and waits for no one.
 */
final class ColdStart {
  private final HallMaps maps;
  private final String self;
  private final Set<String> trusted = new TreeSet<>();

  ColdStart(HallMaps maps, String self, Collection<VerifyingKey> trustedKeys) {
    this.maps = maps;
    this.self = self;
    trustedKeys.forEach(k -> trusted.add(k.fingerprint()));
  }

  /** This node's ledger is in the maps (called once its replay and witnesses are published). */
  void replayed() {
    maps.replays().put(self, "replayed");
  }

  /**
   * The trusted nodes (key fingerprints) whose ledgers a peer witnessed but which have not replayed
   * into this memory yet: empty when writes may go on.
   */
  List<String> awaited() {
    Set<String> replayed = maps.replays().keys();
    Set<String> awaited = new TreeSet<>();
    for (String subjectAndWitness : maps.witnessed().keys()) {
      String subject = subjectAndWitness.split(" ", 2)[0];
      if (trusted.contains(subject) && !replayed.contains(subject)) {
        awaited.add(subject);
      }
    }
    return List.copyOf(awaited);
  }
}
