package org.votehall.hall;

/** What a hall action gave: its value, or a refusal that changed nothing. */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Refused {
  record Done<T>(T value) implements Outcome<T> {}

  record Refused<T>(Refusal refusal) implements Outcome<T> {
    /** The same refusal as the outcome of another action, which it equally prevents. */
    public <U> Outcome<U> as() {
      return new Refused<>(refusal);
    }
  }

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  /** The value changed by {@code f} if done; the same refusal otherwise. */
  default <U> Outcome<U> map(java.util.function.Function<T, U> f) {
    return this instanceof Done<T> done
        ? new Done<>(f.apply(done.value()))
        : ((Refused<T>) this).as();
  }
}
