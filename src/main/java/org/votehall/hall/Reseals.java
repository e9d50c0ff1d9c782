package org.votehall.hall;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.votehall.crypto.Sha256;
import org.votehall.ledger.Countersigning.Sealed;

/**
 * A ballot sealed twice: a node wrote its bundle to its ledger and died before the map had it, and
 * another node sealed the ballot again from the same box. Live, the map keeps the bundle it got
 * first and the scrutineers sign that one. A replay of every ledger may meet the two bundles in
 * either order, so it keeps the other one aside and settles on the bundle most of the ballot's
 * countersignatures and refusals hold for; a tie keeps the one in the map.
 */
final class Reseals {
  private Reseals() {}

  /** A replayed bundle: the ballot's first, or one kept aside when the map has another. */
  static void offer(HallMaps maps, String ballot, String bundle) {
    String kept = maps.bundles().putIfAbsent(ballot, bundle);
    if (kept == null) {
      Countersignatures.seal(maps, ballot, bundle);
    } else if (!kept.equals(bundle)) {
      maps.resealed(ballot).putIfAbsent(digest(bundle), bundle);
      settle(maps, ballot);
    }
  }

  /** Puts in the map the bundle the ballot's stored countersignatures hold for, if another. */
  static void settle(HallMaps maps, String ballot) {
    Map<String, String> aside = maps.resealed(ballot).entries();
    String current = maps.bundles().get(ballot);
    if (aside.isEmpty() || current == null) {
      return;
    }
    Map<String, String> signed = maps.countersignatures(ballot).entries();
    String best = current;
    long most = holding(current, signed);
    for (String other : aside.values()) {
      long n = holding(other, signed);
      if (n > most) {
        best = other;
        most = n;
      }
    }
    if (!best.equals(current)) {
      maps.resealed(ballot).put(digest(current), current);
      maps.bundles().put(ballot, best);
      Countersignatures.seal(maps, ballot, best);
      maps.resealed(ballot).remove(digest(best));
    }
  }

  private static long holding(String bundle, Map<String, String> signed) {
    Sealed s = Sealed.ofSealedText(bundle, Sealing.read(bundle));
    if (s.panel().isEmpty()) {
      return 0;
    }
    return signed.values().stream()
        .map(Sealing::read)
        .filter(node -> Countersignatures.holds(s, s.panel().get(), node))
        .count();
  }

  private static String digest(String bundle) {
    return Sha256.hex(bundle.getBytes(StandardCharsets.UTF_8));
  }
}
