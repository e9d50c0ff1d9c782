package org.votehall.hall;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.votehall.cluster.SignedMap;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.VerifyingKey;

/**
 * Enrolling a seat's tablet: the clerk asks for a one-time code for a terminal id, and the tablet,
 * which made its own key, registers the public half with the code. A code is eight digits (typed on
 * a keypad), good once and for {@link #VALID} seconds. The cluster keeps only its SHA-256, so a
 * copy of the maps does not enrol anything; the code itself is shown once, to the clerk.
 */
public final class Enrolments {
  /** How long a code may wait for its tablet. */
  public static final long VALID = 15 * 60;

  private static final int DIGITS = 8;

  private final HallMaps maps;
  private final Sittings sittings;
  private final SecureRandom random = new SecureRandom();

  Enrolments(HallMaps maps, Sittings sittings) {
    this.maps = maps;
    this.sittings = sittings;
  }

  /** A code waiting for its tablet, as the cluster keeps it (under the code's digest). */
  public record Pending(String sitting, String terminal, long expiresAt) implements Serializable {}

  /** A code as the clerk is shown it, once. */
  public record Code(String sitting, String terminal, String code, long expiresAt) {}

  /**
   * What the tablet learns when its code is taken: where it sits, as which terminal, and how the
   * roster writes deputy numbers (if it writes them all one way) for its digits-only keypad.
   */
  public record Enrolled(
      String sitting, String terminal, String title, Optional<DeputyNumbers> numbers) {}

  /** A new code for {@code terminal}, or for the first free id {@code tNNN} when none is given. */
  public Outcome<Code> issue(String sitting, String terminal, Instant now) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    if (Sittings.LEGACY_CLERK.equals(terminal)) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "terminal id \"" + Sittings.LEGACY_CLERK + "\" is reserved: give the tablet another id");
    }
    Set<String> taken = taken(sitting);
    String id = terminal == null ? firstFree(taken) : terminal;
    // The id is claimed in the cluster, once: two clerks asking at once get one code between them.
    if (taken.contains(id)
        || maps.enrolmentClaims()
                .putIfAbsent(sitting + " " + id, "claimed", VALID, TimeUnit.SECONDS)
            != null) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "terminal " + id + " is registered or has a code waiting: give the tablet another id");
    }
    long expiresAt = now.getEpochSecond() + VALID;
    Pending pending = new Pending(sitting, id, expiresAt);
    while (true) { // a code already waiting (one in 10^8 per waiting code) is drawn again
      String code = code();
      if (maps.enrolments().putIfAbsent(digest(code), pending, VALID, TimeUnit.SECONDS) == null) {
        return Outcome.done(new Code(sitting, id, code, expiresAt));
      }
    }
  }

  /**
   * Takes a code: registers {@code key} as its terminal, once. A wrong, used or expired code is
   * refused the same way, so a guesser learns nothing from which it was.
   */
  public Outcome<Enrolled> enrol(String code, VerifyingKey key, Instant now) {
    String digest = digest(code);
    Optional<SignedMap.Entry<Pending>> pending = maps.enrolments().read(digest);
    if (pending.isEmpty()
        || pending.get().value().expiresAt() < now.getEpochSecond()
        || !maps.enrolments().remove(digest, pending.get())) {
      return Refusal.refuse(
          Refusal.Code.BAD_CODE, "the enrolment code is wrong, used or expired: ask for a new one");
    }
    Pending p = pending.get().value();
    Outcome<SittingState> registered = sittings.registerTerminal(p.sitting(), p.terminal(), key);
    if (!(registered instanceof Outcome.Done<SittingState> done)) {
      return ((Outcome.Refused<?>) registered).as();
    }
    return Outcome.done(
        new Enrolled(
            p.sitting(),
            p.terminal(),
            done.value().title(),
            DeputyNumbers.of(maps.roster(p.sitting()).keys())));
  }

  /** The codes of a sitting still waiting for their tablets, soonest to expire first. */
  public List<Pending> pending(String sitting, Instant now) {
    return maps.enrolments().entries().values().stream()
        .filter(p -> p.sitting().equals(sitting) && p.expiresAt() >= now.getEpochSecond())
        .sorted(Comparator.comparingLong(Pending::expiresAt))
        .toList();
  }

  /** How a code is kept in the cluster: its SHA-256, never the code. */
  static String digest(String code) {
    return Sha256.hex(code.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private Set<String> taken(String sitting) {
    Set<String> taken = new HashSet<>(maps.terminals(sitting).keys());
    maps.enrolments().entries().values().stream()
        .filter(p -> p.sitting().equals(sitting))
        .forEach(p -> taken.add(p.terminal()));
    return taken;
  }

  private static String firstFree(Set<String> taken) {
    int n = 1;
    while (taken.contains(String.format("t%03d", n))) {
      n++;
    }
    return String.format("t%03d", n);
  }

  private String code() {
    return code(random);
  }

  /** A new one-time code: eight random digits. */
  static String code(SecureRandom random) {
    StringBuilder code = new StringBuilder(DIGITS);
    for (int i = 0; i < DIGITS; i++) {
      code.append(random.nextInt(10));
    }
    return code.toString();
  }
}
