package org.votehall.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A person or project competing for places, with its {@code for} votes. */
record Contender(String id, int votes) {

  /**
   * Ranks by {@code for}, most first. The sort is stable, so contenders given in listed order keep
   * it among equals (RULES.md §2: listed candidates, then write-ins by code point).
   */
  static List<Contender> ranked(List<Contender> listedOrder) {
    List<Contender> ranked = new ArrayList<>(listedOrder);
    ranked.sort(Comparator.comparingInt(Contender::votes).reversed());
    return List.copyOf(ranked);
  }

  static List<String> ids(List<Contender> contenders) {
    return contenders.stream().map(Contender::id).toList();
  }
}
