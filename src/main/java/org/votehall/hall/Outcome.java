package org.votehall.hall;

/** What a hall action gave: its value, or a refusal that changed nothing. */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Refused {
  record Done<T>(T value) implements Outcome<T> {}

  record Refused<T>(Refusal refusal) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }
}
