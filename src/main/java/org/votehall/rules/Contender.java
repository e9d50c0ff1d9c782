package org.votehall.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/** A person or project competing for places, with its {@code for} votes. */
record Contender(String id, int votes) {

  /**
   * Ranks by {@code for}, most first. The sort is stable, so contenders given in listed order keep
   * it among equals (docs/voting-rules.md §2: listed candidates, then write-ins by code point).
   */
  static List<Contender> ranked(List<Contender> listedOrder) {
    List<Contender> ranked = new ArrayList<>(listedOrder);
    ranked.sort(Comparator.comparingInt(Contender::votes).reversed());
    return List.copyOf(ranked);
  }

  static List<String> ids(List<Contender> contenders) {
    return contenders.stream().map(Contender::id).toList();
  }

  /**
   * Q: the persons who met the threshold; in a tie round there is no threshold, so all
   * (docs/voting-rules.md §2, §3).
   */
  static List<Contender> eligible(List<Contender> ranked, OptionalInt required) {
    if (required.isEmpty()) {
      return ranked;
    }
    return ranked.stream().filter(c -> c.votes() >= required.getAsInt()).toList();
  }
}
