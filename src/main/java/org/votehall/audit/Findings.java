package org.votehall.audit;

import java.util.ArrayList;
import java.util.List;

/** The failures and notes gathered while checking one bundle. */
final class Findings {
  private final List<String> failures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void fail(String failure) {
    failures.add(failure);
  }

  /** Records {@code failure} unless {@code holds}; returns {@code holds}. */
  boolean check(boolean holds, String failure) {
    if (!holds) {
      failures.add(failure);
    }
    return holds;
  }

  void note(String note) {
    notes.add(note);
  }

  boolean clean() {
    return failures.isEmpty();
  }

  Verification verdict(String summary) {
    return failures.isEmpty()
        ? new Verification.Holds(summary, notes)
        : new Verification.Fails(failures, notes);
  }
}
