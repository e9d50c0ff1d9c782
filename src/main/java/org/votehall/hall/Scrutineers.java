package org.votehall.hall;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.votehall.cluster.SignedMap;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.LedgerEvent;

/**
 * The scrutineers of a sitting (docs/scrutineers.md): the clerk names them and how many must
 * countersign; each enrols a key of their own with a one-time code, as a seat's tablet does. The
 * servers hold only the public halves. Calls block on the cluster: run them on a worker.
 */
public final class Scrutineers {
  private static final int NAME_MAX = 64;

  private final HallMaps maps;
  private final HallLedger ledger;
  private final SecureRandom random = new SecureRandom();

  Scrutineers(HallMaps maps, HallLedger ledger) {
    this.maps = maps;
    this.ledger = ledger;
  }

  /** A scrutineer as the clerk names them; {@code deputy} null for one not on the roster. */
  public record Scrutineer(String id, String name, String deputy) implements Serializable {}

  /** The panel as the cluster keeps it: the last naming of the sitting, counted by version. */
  public record Named(String sitting, int version, int required, List<Scrutineer> scrutineers)
      implements Serializable {
    public Named {
      scrutineers = List.copyOf(scrutineers);
    }
  }

  /**
   * The key a scrutineer enrolled, the name they enrolled under, and when (epoch ms, the enrolling
   * node's clock): after a restart of every node the latest enrolment stays, whatever the order the
   * ledgers replay in.
   */
  public record EnrolledKey(String name, String key, long at) implements Serializable {}

  /** An enrolment code waiting for its scrutineer, kept under the code's digest. */
  public record Pending(String sitting, String scrutineer, String name, long expiresAt)
      implements Serializable {}

  /** A code as the clerk is shown it, once. */
  public record Code(String sitting, String scrutineer, String code, long expiresAt) {}

  /** What a scrutineer's page learns when its code is taken. */
  public record Enrolled(
      String sitting, String title, String scrutineer, String name, String fingerprint) {}

  /** A scrutineer of the panel now, with the key they enrolled if they have. */
  public record Seat(Scrutineer scrutineer, Optional<VerifyingKey> key) {}

  /** The panel of a sitting as it stands. */
  public record Panel(String sitting, int required, List<Seat> seats) {
    public long enrolled() {
      return seats.stream().filter(s -> s.key().isPresent()).count();
    }
  }

  /**
   * Names the panel; refused while a ballot of the sitting is open or closing, so that a ballot
   * closes with the panel it opened with.
   */
  public Outcome<Panel> name(String sitting, int required, List<Scrutineer> scrutineers) {
    if (maps.sittings().get(sitting) == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    Optional<String> problem = problem(sitting, required, scrutineers);
    if (problem.isPresent()) {
      return Refusal.refuse(Refusal.Code.MALFORMED, problem.get());
    }
    Optional<BallotState> running =
        maps.ballots().entries().values().stream()
            .filter(b -> b.sitting().equals(sitting))
            .filter(
                b ->
                    b.status() == BallotState.Status.OPEN
                        || b.status() == BallotState.Status.CLOSING)
            .findFirst();
    if (running.isPresent()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot "
              + running.get().id()
              + " is "
              + running.get().status().name().toLowerCase(java.util.Locale.ROOT)
              + ": name the scrutineers before it opens or after it closes");
    }
    Named last = maps.scrutineers().get(sitting);
    Named named = new Named(sitting, last == null ? 1 : last.version() + 1, required, scrutineers);
    maps.scrutineers().put(sitting, named);
    ledger.record(event(named));
    return panel(sitting);
  }

  private Optional<String> problem(String sitting, int required, List<Scrutineer> scrutineers) {
    Set<String> ids = new HashSet<>();
    for (Scrutineer s : scrutineers) {
      if (!Countersigning.validId(s.id())) {
        return Optional.of("scrutineers: id " + s.id() + " is not 1 to 32 of A-Z a-z 0-9 _ -");
      }
      if (!ids.add(s.id())) {
        return Optional.of("scrutineers: id " + s.id() + " is named twice");
      }
      if (s.name() == null
          || s.name().isBlank()
          || s.name().codePointCount(0, s.name().length()) > NAME_MAX) {
        return Optional.of("scrutineers: " + s.id() + " needs a name of 1 to 64 characters");
      }
      if (s.deputy() != null && !maps.roster(sitting).containsKey(s.deputy())) {
        return Optional.of(
            "scrutineers: " + s.id() + ": no deputy " + s.deputy() + " on the roster");
      }
    }
    boolean none = scrutineers.isEmpty() && required == 0;
    if (!none && (required < 1 || required > scrutineers.size())) {
      return Optional.of(
          "required: "
              + required
              + ", but it must be from 1 to the "
              + scrutineers.size()
              + " named (or 0 with none named)");
    }
    return Optional.empty();
  }

  /** The panel of a sitting as it stands now: empty with 0 required if none was named. */
  public Outcome<Panel> panel(String sitting) {
    if (maps.sittings().get(sitting) == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    Named named = maps.scrutineers().get(sitting);
    if (named == null) {
      return Outcome.done(new Panel(sitting, 0, List.of()));
    }
    Map<String, EnrolledKey> keys = maps.scrutineerKeys(sitting).entries();
    List<Seat> seats = new ArrayList<>();
    for (Scrutineer s : named.scrutineers()) {
      EnrolledKey k = keys.get(s.id());
      seats.add(
          new Seat(
              s,
              k != null && k.name().equals(s.name())
                  ? Optional.of(VerifyingKey.fromBase64(k.key()))
                  : Optional.empty()));
    }
    return Outcome.done(new Panel(sitting, named.required(), seats));
  }

  /** The panel a ballot closing now seals into its bundle; none if nobody must countersign. */
  Optional<Countersigning.Panel> sealable(String sitting) {
    if (!(panel(sitting) instanceof Outcome.Done<Panel> done) || done.value().required() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Countersigning.Panel(
            done.value().required(),
            done.value().seats().stream()
                .map(
                    s ->
                        new Countersigning.Member(
                            s.scrutineer().id(), s.scrutineer().name(), s.key()))
                .toList()));
  }

  /** Why a ballot of the sitting may not open: fewer keys enrolled than must countersign. */
  Optional<String> notReady(String sitting) {
    if (!(panel(sitting) instanceof Outcome.Done<Panel> done)) {
      return Optional.empty();
    }
    Panel p = done.value();
    long keys = p.seats().stream().flatMap(seat -> seat.key().stream()).distinct().count();
    if (keys < p.enrolled()) {
      return Optional.of("two scrutineers enrolled the same key: enrol one of them again");
    }
    return p.enrolled() >= p.required()
        ? Optional.empty()
        : Optional.of(
            p.required()
                + " scrutineers must countersign each result, but only "
                + p.enrolled()
                + " of the "
                + p.seats().size()
                + " named have enrolled a key: enrol them first");
  }

  /** The key a scrutineer of the sitting enrolled, for their page's signed requests. */
  public Optional<VerifyingKey> key(String sitting, String scrutineer) {
    if (!(panel(sitting) instanceof Outcome.Done<Panel> done)) {
      return Optional.empty();
    }
    return done.value().seats().stream()
        .filter(s -> s.scrutineer().id().equals(scrutineer))
        .findFirst()
        .flatMap(Seat::key);
  }

  /** A one-time code that enrols {@code scrutineer}'s key; a new one replaces their key. */
  public Outcome<Code> code(String sitting, String scrutineer, Instant now) {
    if (!(panel(sitting) instanceof Outcome.Done<Panel> done)) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    Optional<Scrutineer> named =
        done.value().seats().stream()
            .map(Seat::scrutineer)
            .filter(s -> s.id().equals(scrutineer))
            .findFirst();
    if (named.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.UNKNOWN, "no scrutineer " + scrutineer + " in sitting " + sitting);
    }
    long expiresAt = now.getEpochSecond() + Enrolments.VALID;
    Pending pending = new Pending(sitting, scrutineer, named.get().name(), expiresAt);
    while (true) { // a code already waiting is drawn again
      String code = Enrolments.code(random);
      if (maps.scrutineerCodes()
              .putIfAbsent(Enrolments.digest(code), pending, Enrolments.VALID, TimeUnit.SECONDS)
          == null) {
        return Outcome.done(new Code(sitting, scrutineer, code, expiresAt));
      }
    }
  }

  /**
   * Takes a code: enrols {@code key} as its scrutineer's, once. A wrong, used or expired code is
   * refused the same way; so is one whose scrutineer was named again differently meanwhile.
   */
  public Outcome<Enrolled> enrol(String code, VerifyingKey key, Instant now) {
    String digest = Enrolments.digest(code);
    Optional<SignedMap.Entry<Pending>> pending = maps.scrutineerCodes().read(digest);
    if (pending.isEmpty()
        || pending.get().value().expiresAt() < now.getEpochSecond()
        || !maps.scrutineerCodes().remove(digest, pending.get())) {
      return Refusal.refuse(
          Refusal.Code.BAD_CODE, "the enrolment code is wrong, used or expired: ask for a new one");
    }
    Pending p = pending.get().value();
    Optional<String> other = holder(p.sitting(), key, p.scrutineer());
    if (other.isPresent()) {
      // One person, one countersignature: a key counts for one scrutineer of the sitting only.
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "this key is already enrolled for scrutineer "
              + other.get()
              + ": each scrutineer enrols a key of their own (the code is used up: ask for a new"
              + " one)");
    }
    Named named = maps.scrutineers().get(p.sitting());
    boolean stillNamed =
        named != null
            && named.scrutineers().stream()
                .anyMatch(s -> s.id().equals(p.scrutineer()) && s.name().equals(p.name()));
    if (!stillNamed) {
      return Refusal.refuse(
          Refusal.Code.BAD_CODE,
          "scrutineer " + p.scrutineer() + " was named again since this code: ask for a new one");
    }
    long at = now.toEpochMilli();
    maps.scrutineerKeys(p.sitting())
        .put(p.scrutineer(), new EnrolledKey(p.name(), key.base64(), at));
    ledger.record(
        new LedgerEvent.ScrutineerEnrolled(
            p.sitting(), p.scrutineer(), p.name(), key.base64(), at));
    SittingState sitting = maps.sittings().get(p.sitting());
    return Outcome.done(
        new Enrolled(
            p.sitting(),
            sitting == null ? p.sitting() : sitting.title(),
            p.scrutineer(),
            p.name(),
            key.fingerprint()));
  }

  /** Another scrutineer of the sitting who enrolled {@code key}, if one did. */
  private Optional<String> holder(String sitting, VerifyingKey key, String scrutineer) {
    return maps.scrutineerKeys(sitting).entries().entrySet().stream()
        .filter(e -> !e.getKey().equals(scrutineer) && e.getValue().key().equals(key.base64()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static LedgerEvent event(Named named) {
    return new LedgerEvent.ScrutineersNamed(
        named.sitting(),
        named.version(),
        named.required(),
        named.scrutineers().stream()
            .map(
                s ->
                    new LedgerEvent.ScrutineersNamed.Named(
                        s.id(), s.name(), Optional.ofNullable(s.deputy())))
            .toList());
  }

  /** Replays a naming: the one with the highest version stays, whatever order ledgers come in. */
  static void replay(HallMaps maps, LedgerEvent.ScrutineersNamed e) {
    Named named =
        new Named(
            e.sitting(),
            e.version(),
            e.required(),
            e.scrutineers().stream()
                .map(n -> new Scrutineer(n.id(), n.name(), n.deputy().orElse(null)))
                .toList());
    maps.scrutineers().merge(e.sitting(), named, Scrutineers::later);
  }

  /** The later of two namings: the higher version; of two with one version, one chosen alike. */
  private static Named later(Named a, Named b) {
    if (a.version() != b.version()) {
      return a.version() > b.version() ? a : b;
    }
    return a.toString().compareTo(b.toString()) >= 0 ? a : b;
  }

  static void replay(HallMaps maps, LedgerEvent.ScrutineerEnrolled e) {
    EnrolledKey key = new EnrolledKey(e.name(), e.key(), e.at());
    maps.scrutineerKeys(e.sitting())
        .merge(e.scrutineer(), key, (old, next) -> next.at() > old.at() ? next : old);
  }
}
