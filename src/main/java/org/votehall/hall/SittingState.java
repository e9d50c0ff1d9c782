package org.votehall.hall;

import java.io.Serializable;
import java.util.Map;
import org.votehall.rules.Fraction;
import org.votehall.rules.Quorum;

/**
 * A sitting as the cluster keeps it: its roster (its size is 应到) and the quorum it needs, as plain
 * serializable values, and the terminals registered for it (id → Ed25519 key, base64 SPKI).
 */
public record SittingState(
    String id,
    String title,
    Map<String, Deputy> roster,
    int quorumNumerator,
    int quorumDenominator,
    boolean quorumStrict,
    Map<String, String> terminals)
    implements Serializable {

  public SittingState {
    roster = Map.copyOf(roster);
    terminals = Map.copyOf(terminals);
  }

  public int members() {
    return roster.size();
  }

  public Quorum quorum() {
    return new Quorum(new Fraction(quorumNumerator, quorumDenominator), quorumStrict);
  }

  SittingState withTerminal(String terminal, String key) {
    Map<String, String> more = new java.util.HashMap<>(terminals);
    more.put(terminal, key);
    return new SittingState(
        id, title, roster, quorumNumerator, quorumDenominator, quorumStrict, more);
  }
}
