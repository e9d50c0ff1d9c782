package org.votehall.simulate;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running figures the progress line shows, written by the simulation and read once a second by
 * the command that prints them. The line's format is a contract (docs/simulate.md, "Progress"):
 * {@code simulate: phase=P done=D/T acked=A retries=R refused=F casts/s=C elapsed=S}, each a {@code
 * key=value} word, the phase one of setup, checkin, issue, cast, close, verify, done.
 */
public final class Progress {
  /** The phases, in the order a run goes through them. */
  public enum Phase {
    SETUP,
    CHECKIN,
    ISSUE,
    CAST,
    CLOSE,
    VERIFY,
    DONE;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final long started;
  private volatile Phase phase = Phase.SETUP;
  private volatile int total;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger acked = new AtomicInteger();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile long firstCast;
  private volatile long lastCast;

  public Progress(long startedNanos) {
    this.started = startedNanos;
  }

  /** A new phase of {@code total} steps begins. */
  public void phase(Phase phase, int total) {
    this.done.set(0);
    this.total = total;
    this.phase = phase;
  }

  public Phase phase() {
    return phase;
  }

  public void stepDone() {
    done.incrementAndGet();
  }

  public void retried() {
    retries.incrementAndGet();
  }

  public void refused() {
    refused.incrementAndGet();
  }

  /** The first cast is sent now (only the first call counts). */
  public void castSent(long now) {
    if (firstCast == 0) {
      firstCast = now;
    }
  }

  /** A cast was acknowledged now. */
  public void castAcked(long now) {
    acked.incrementAndGet();
    lastCast = now;
  }

  public long retries() {
    return retries.get();
  }

  /** The progress line at {@code now}. */
  public String line(long now) {
    return line(
        phase,
        done.get(),
        total,
        acked.get(),
        retries.get(),
        refused.get(),
        castRate(now),
        (now - started) / 1e9);
  }

  /** Casts acknowledged per second since the first was sent (to the last, once the phase ended). */
  private double castRate(long now) {
    long first = firstCast;
    if (first == 0) {
      return 0;
    }
    long end = phase == Phase.CAST ? now : lastCast;
    return end > first ? acked.get() / ((end - first) / 1e9) : 0;
  }

  static String line(
      Phase phase,
      int done,
      int total,
      int acked,
      long retries,
      int refused,
      double castsPerSecond,
      double elapsedSeconds) {
    return String.format(
        Locale.ROOT,
        "simulate: phase=%s done=%d/%d acked=%d retries=%d refused=%d casts/s=%.1f elapsed=%.1f",
        phase.word(),
        done,
        total,
        acked,
        retries,
        refused,
        castsPerSecond,
        elapsedSeconds);
  }
}
