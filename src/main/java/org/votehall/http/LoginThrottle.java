package org.votehall.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: at most {@link #PER_ADDRESS} login attempts a minute from one client
 * address, at most {@link #FAILURES_PER_ACCOUNT_AND_ADDRESS} failed logins a minute for one account
 * from one address, and at most {@link #FAILURES_PER_ACCOUNT} a minute for one account from all
 * addresses together. Past any of them, a login is refused before any password is hashed, with the
 * time to wait. One guesser cannot lock the clerk out: their failures count against their own
 * address; only guessing from many addresses at once slows the account for everyone. The clock is
 * passed in. Memory is bounded: the least recently seen keys are forgotten first.
 */
final class LoginThrottle {
  static final int PER_ADDRESS = 10;
  static final int FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
  static final int FAILURES_PER_ACCOUNT = 30;
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int REMEMBERED = 10_000;

  private final Map<String, Deque<Instant>> attempts = new Lru();
  private final Map<String, Deque<Instant>> failures = new Lru();

  /** Admits a login attempt now (and counts it against the address), or says how long to wait. */
  synchronized Optional<Duration> admit(String account, String address, Instant now) {
    Optional<Duration> wait =
        waitFor(failures, pair(account, address), FAILURES_PER_ACCOUNT_AND_ADDRESS, now)
            .or(() -> waitFor(failures, account, FAILURES_PER_ACCOUNT, now))
            .or(() -> waitFor(attempts, address, PER_ADDRESS, now));
    if (wait.isEmpty()) {
      attempts.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
    }
    return wait;
  }

  synchronized void failed(String account, String address, Instant now) {
    failures.computeIfAbsent(pair(account, address), a -> new ArrayDeque<>()).addLast(now);
    failures.computeIfAbsent(account, a -> new ArrayDeque<>()).addLast(now);
  }

  synchronized void succeeded(String account, String address) {
    failures.remove(pair(account, address));
  }

  /** Account names and addresses never hold a NUL, so the pair cannot be any account's name. */
  private static String pair(String account, String address) {
    return account + '\u0000' + address;
  }

  private static Optional<Duration> waitFor(
      Map<String, Deque<Instant>> counted, String key, int limit, Instant now) {
    Deque<Instant> times = counted.get(key);
    if (times == null) {
      return Optional.empty();
    }
    Instant since = now.minus(WINDOW);
    for (Iterator<Instant> it = times.iterator(); it.hasNext(); ) {
      if (!it.next().isAfter(since)) {
        it.remove();
      }
    }
    if (times.size() < limit) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
    return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
  }

  /** Forgets the least recently used keys past {@link #REMEMBERED}. */
  private static final class Lru extends LinkedHashMap<String, Deque<Instant>> {
    private static final long serialVersionUID = 1L;

    Lru() {
      super(64, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
      return size() > REMEMBERED;
    }
  }
}
