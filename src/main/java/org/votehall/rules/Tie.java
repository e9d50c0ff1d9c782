package org.votehall.rules;

import java.util.List;

/** A boundary tie: the tied persons or projects, ranked, and the places they go on to contest. */
public record Tie(List<String> persons, int seats) {
  public Tie {
    persons = List.copyOf(persons);
  }
}
