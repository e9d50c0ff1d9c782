package org.votehall.hall;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.votehall.cluster.SignedMap;
import org.votehall.crypto.PinHasher;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.LedgerEvent;
import org.votehall.rules.Quorum;

/**
 * Sittings and attendance: the roster, the terminals registered for the sitting, check-in at a
 * terminal with deputy number and PIN (which binds the deputy to that terminal), the clerk's 补签到
 * (present, bound to no terminal: clerks never cast) and 中途退场. A deputy is locked after {@link
 * #PIN_ATTEMPTS} wrong PINs until the clerk unlocks them. Calls block on the cluster and on Argon2:
 * run them on a worker thread.
 */
public final class Sittings {
  /** The attendance of a deputy the clerk checked in by hand: present, at no terminal yet. */
  public static final String NO_TERMINAL = "";

  /**
   * The pseudo-terminal that hand check-ins were once bound to. Ledgers written before may still
   * name it; it is replayed as {@link #NO_TERMINAL} and no terminal may take its id.
   */
  static final String LEGACY_CLERK = LedgerEvent.CheckedIn.LEGACY_CLERK_TERMINAL;

  /** Wrong PINs before a deputy is locked. */
  public static final int PIN_ATTEMPTS = 5;

  private final HallMaps maps;
  private final HallLedger ledger;

  private final PinHasher pins;
  private final Acknowledgements acks;

  Sittings(HallMaps maps, HallLedger ledger, PinHasher pins, Acknowledgements acks) {
    this.maps = maps;
    this.ledger = ledger;
    this.pins = pins;
    this.acks = acks;
  }

  public Outcome<SittingState> create(String id, String title, List<Deputy> roster, Quorum quorum) {
    Map<String, Deputy> byId =
        roster.stream().collect(Collectors.toMap(Deputy::id, Function.identity(), (x, y) -> x));
    if (roster.isEmpty() || byId.size() != roster.size()) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED, "roster: needs at least one deputy and no deputy twice");
    }
    // An unknown deputy number is checked against a real hash (and refused anyway), so that it
    // takes as long as a known one: the first deputy's, made with the roster's parameters.
    String decoy = new TreeMap<>(byId).firstEntry().getValue().pinHash();
    SittingState state =
        new SittingState(
            id,
            title,
            roster.size(),
            quorum.fraction().numerator(),
            quorum.fraction().denominator(),
            quorum.strict(),
            decoy);
    SittingState existing = maps.sittings().putIfAbsent(id, state);
    if (existing != null) {
      return existing.members() == state.members() && maps.roster(id).keys().equals(byId.keySet())
          ? Outcome.done(existing)
          : Refusal.refuse(Refusal.Code.CONFLICT, "sitting " + id + " exists with another roster");
    }
    maps.roster(id).putAll(byId);
    ledger.record(created(state, roster));
    return Outcome.done(state);
  }

  public Outcome<SittingState> registerTerminal(String sitting, String terminal, VerifyingKey key) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    if (terminal.equals(LEGACY_CLERK)) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "terminal id \"" + LEGACY_CLERK + "\" is reserved: give the terminal another id");
    }
    String old = maps.terminals(sitting).putIfAbsent(terminal, key.base64());
    if (old != null) {
      return old.equals(key.base64())
          ? Outcome.done(state)
          : Refusal.refuse(
              Refusal.Code.CONFLICT, "terminal " + terminal + " is registered with another key");
    }
    ledger.record(new LedgerEvent.TerminalRegistered(sitting, terminal, key.base64()));
    return Outcome.done(state);
  }

  /**
   * Check-in at a terminal: the PIN must match; the deputy is then bound to that terminal. The
   * answer never tells a right PIN from a wrong one except by letting the deputy in: a deputy bound
   * elsewhere or locked is refused before the PIN is looked at, and an unknown number takes as long
   * as a known one.
   */
  public Outcome<Attendance> checkIn(String sitting, String deputy, String pin, String terminal) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || !maps.terminals(sitting).containsKey(terminal)) {
      return Refusal.refuse(
          Refusal.Code.UNKNOWN,
          state == null ? "no sitting " + sitting : "terminal " + terminal + " is not registered");
    }
    // An unknown number takes the same steps as a known one (the same reads, a hash against a real
    // one of the roster), so that neither the answer nor its time tells them apart.
    Deputy d = maps.roster(sitting).get(deputy);
    Optional<Refusal> refused =
        boundElsewhere(sitting, deputy, terminal)
            .or(() -> d == null ? noAttemptTaken(sitting, deputy) : reserve(state, deputy));
    if (refused.isPresent()) {
      return new Outcome.Refused<>(refused.get());
    }
    boolean right = pins.matches(pin, d == null ? state.decoyPinHash() : d.pinHash());
    if (d == null || !right) {
      if (maps.pinAttempts(sitting).getOrDefault(deputy, 0) >= PIN_ATTEMPTS && d != null) {
        ledger.record(new LedgerEvent.DeputyLocked(sitting, deputy));
      }
      return wrongPin();
    }
    maps.pinAttempts(sitting).remove(deputy);
    return bind(state, deputy, terminal);
  }

  /** The clerk lifts a PIN lock; the deputy may try again. */
  public Outcome<Attendance> unlock(String sitting, String deputy) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || !maps.roster(sitting).containsKey(deputy)) {
      return unknownDeputy(state, sitting, deputy);
    }
    if (maps.pinAttempts(sitting).remove(deputy) != null) {
      ledger.record(new LedgerEvent.DeputyUnlocked(sitting, deputy));
    }
    return Outcome.done(attendance(state));
  }

  /** 补签到: the clerk marks a deputy present, bound to no terminal (clerks never cast). */
  public Outcome<Attendance> clerkCheckIn(String sitting, String deputy) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || !maps.roster(sitting).containsKey(deputy)) {
      return unknownDeputy(state, sitting, deputy);
    }
    if (maps.attendance(sitting).putIfAbsent(deputy, NO_TERMINAL) == null) {
      List<String> joined = joinOpenBallots(sitting, deputy);
      ledger.record(new LedgerEvent.CheckedIn(sitting, deputy, Optional.empty(), joined));
    }
    return Outcome.done(attendance(state));
  }

  /** 中途退场: the deputy leaves; they no longer count as present nor can vote from a terminal. */
  public Outcome<Attendance> leave(String sitting, String deputy) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || maps.attendance(sitting).remove(deputy) == null) {
      return Refusal.refuse(Refusal.Code.NOT_CHECKED_IN, "deputy " + deputy + " is not checked in");
    }
    ledger.record(new LedgerEvent.Left(sitting, deputy));
    return Outcome.done(attendance(state));
  }

  public Outcome<Attendance> attendance(String sitting) {
    SittingState state = maps.sittings().get(sitting);
    return state == null
        ? Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting)
        : Outcome.done(checkedAttendance(state));
  }

  /** One deputy of the roster as the clerk sees them: present where, locked or not. */
  public record RosterEntry(
      String id, String name, boolean present, String terminal, boolean locked) {}

  /** Every sitting, in id order. */
  public List<SittingState> all() {
    return new TreeMap<>(maps.sittings().entries()).values().stream().toList();
  }

  /** A deputy's name as the roster gives it, or null for a number not on it. */
  public String name(String sitting, String deputy) {
    Deputy d = maps.roster(sitting).get(deputy);
    return d == null ? null : d.name();
  }

  /** The deputy checked in at {@code terminal} now, if any (a hand check-in is at none). */
  public Optional<String> seated(String sitting, String terminal) {
    return maps.attendance(sitting).entries().entrySet().stream()
        .filter(e -> e.getValue().equals(terminal))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The sitting's title (its id, if it has none). */
  public String title(String sitting) {
    SittingState state = maps.sittings().get(sitting);
    return state == null || state.title() == null ? sitting : state.title();
  }

  /** A terminal of the sitting: its key, and the deputy checked in there now, if any. */
  public record Terminal(String id, String key, Optional<String> deputy) {}

  /** The sitting's terminals in id order. */
  public Outcome<List<Terminal>> terminals(String sitting) {
    if (!maps.sittings().containsKey(sitting)) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    Map<String, String> seated = new java.util.HashMap<>();
    maps.attendance(sitting).entries().forEach((deputy, terminal) -> seated.put(terminal, deputy));
    return Outcome.done(
        new TreeMap<>(maps.terminals(sitting).entries())
            .entrySet().stream()
                .map(
                    t ->
                        new Terminal(
                            t.getKey(), t.getValue(), Optional.ofNullable(seated.get(t.getKey()))))
                .toList());
  }

  /** The roster with attendance, in deputy order: for the clerk's attendance list. */
  public Outcome<List<RosterEntry>> roster(String sitting) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    Map<String, String> present = maps.attendance(sitting).entries();
    Map<String, Integer> attempts = maps.pinAttempts(sitting).entries();
    return Outcome.done(
        new TreeMap<>(maps.roster(sitting).entries())
            .values().stream()
                .map(
                    d ->
                        new RosterEntry(
                            d.id(),
                            d.name(),
                            present.containsKey(d.id()),
                            present.getOrDefault(d.id(), NO_TERMINAL),
                            attempts.getOrDefault(d.id(), 0) >= PIN_ATTEMPTS))
                .toList());
  }

  /**
   * The key of a terminal registered for the sitting. An unknown sitting has none, and no map is
   * opened for it: a map per id a request names would let anyone fill the cluster's memory.
   */
  public Optional<VerifyingKey> terminalKey(String sitting, String terminal) {
    if (!maps.sittings().containsKey(sitting)) {
      return Optional.empty();
    }
    return Optional.ofNullable(maps.terminals(sitting).get(terminal)).map(VerifyingKey::fromBase64);
  }

  /**
   * True the first time a terminal uses a nonce; kept for {@code keep} (longer than a request may
   * be stale) in the cluster, so it outlives a node's restart.
   */
  public boolean firstUse(String terminal, String nonce, java.time.Duration keep) {
    return maps.nonces()
            .putIfAbsent(terminal + " " + nonce, "used", keep.toMillis(), TimeUnit.MILLISECONDS)
        == null;
  }

  /**
   * Marks a deputy present at {@code terminal} in {@code attendance}: a seat's binding takes the
   * place of a hand check-in, never of another seat's. Returns where the deputy is now.
   */
  static String present(SignedMap<String> attendance, String deputy, String terminal) {
    String before = attendance.putIfAbsent(deputy, terminal);
    if (before == null) {
      return terminal;
    }
    if (before.equals(NO_TERMINAL) && !terminal.equals(NO_TERMINAL)) {
      Optional<SignedMap.Entry<String>> byHand =
          attendance.read(deputy).filter(e -> e.value().equals(NO_TERMINAL));
      if (byHand.isPresent() && attendance.replace(deputy, byHand.get(), terminal)) {
        return terminal;
      }
    }
    return attendance.getOrDefault(deputy, before);
  }

  /**
   * Counts a deputy who arrives as present (实到) in every ballot of the sitting open now; returns
   * those ballots. Leaving later takes no one out.
   */
  private List<String> joinOpenBallots(String sitting, String deputy) {
    List<String> joined =
        maps.ballots().entries().values().stream()
            .filter(b -> b.sitting().equals(sitting) && b.status() == BallotState.Status.OPEN)
            .map(BallotState::id)
            .sorted()
            .toList();
    joined.forEach(
        b -> {
          maps.present(b).putIfAbsent(deputy, "");
          acks.present(b, deputy);
        });
    return joined;
  }

  private Optional<Refusal> boundElsewhere(String sitting, String deputy, String terminal) {
    String at = maps.attendance(sitting).get(deputy);
    return at == null || at.equals(NO_TERMINAL) || at.equals(terminal)
        ? Optional.empty()
        : Optional.of(
            new Refusal(
                Refusal.Code.CONFLICT,
                "deputy "
                    + deputy
                    + " is checked in at another terminal; the clerk can release them"));
  }

  /**
   * Takes one of the deputy's PIN attempts before the PIN is checked, so that parallel guesses
   * cannot slip past the lock; a right PIN gives them all back.
   */
  private Optional<Refusal> reserve(SittingState state, String deputy) {
    int attempts = maps.pinAttempts(state.id()).merge(deputy, 1, Integer::sum);
    if (attempts > PIN_ATTEMPTS) {
      maps.pinAttempts(state.id()).put(deputy, PIN_ATTEMPTS);
      return Optional.of(
          new Refusal(
              Refusal.Code.LOCKED,
              "deputy "
                  + deputy
                  + " is locked after "
                  + PIN_ATTEMPTS
                  + " wrong PINs: the clerk can unlock them"));
    }
    return Optional.empty();
  }

  /** The read {@link #reserve} makes, for a number not on the roster (which has no attempts). */
  private Optional<Refusal> noAttemptTaken(String sitting, String deputy) {
    maps.pinAttempts(sitting).get(deputy);
    return Optional.empty();
  }

  private static <T> Outcome<T> wrongPin() {
    return Refusal.refuse(
        Refusal.Code.WRONG_PIN,
        "deputy number or PIN is wrong; after "
            + PIN_ATTEMPTS
            + " wrong PINs a deputy is locked until the clerk unlocks them");
  }

  private static <T> Outcome<T> unknownDeputy(SittingState state, String sitting, String deputy) {
    return Refusal.refuse(
        Refusal.Code.UNKNOWN,
        state == null ? "no sitting " + sitting : "deputy " + deputy + " is not on the roster");
  }

  /**
   * The event that records a whole sitting, so that it can be rebuilt: roster with PIN hashes,
   * quorum.
   */
  private static LedgerEvent.SittingCreated created(SittingState s, List<Deputy> roster) {
    return new LedgerEvent.SittingCreated(
        s.id(),
        s.title(),
        s.members(),
        new LedgerEvent.SittingCreated.Quorum(
            s.quorumNumerator(), s.quorumDenominator(), s.quorumStrict()),
        roster.stream()
            .map(d -> new LedgerEvent.SittingCreated.Deputy(d.id(), d.name(), d.pinHash()))
            .toList());
  }

  private Outcome<Attendance> bind(SittingState state, String deputy, String terminal) {
    if (terminal.equals(maps.attendance(state.id()).get(deputy))) {
      return Outcome.done(attendance(state)); // checked in here already: a retry
    }
    String at = present(maps.attendance(state.id()), deputy, terminal);
    if (!at.equals(terminal)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "deputy " + deputy + " is checked in at another terminal; the clerk can release them");
    }
    List<String> joined = joinOpenBallots(state.id(), deputy);
    ledger.record(new LedgerEvent.CheckedIn(state.id(), deputy, Optional.of(terminal), joined));
    return Outcome.done(attendance(state));
  }

  /**
   * Attendance as a live figure (for the answer to a check-in and the status): the records the
   * attendance map holds, counted by the cluster at once. A decision counts trusted records ({@link
   * #checkedAttendance}).
   */
  Attendance attendance(SittingState state) {
    return attendance(state, maps.attendance(state.id()).count());
  }

  /** Attendance counting only records a trusted node signed: for the quorum a ballot opens with. */
  Attendance checkedAttendance(SittingState state) {
    return attendance(state, maps.attendance(state.id()).size());
  }

  private static Attendance attendance(SittingState state, int present) {
    Quorum q = state.quorum();
    return new Attendance(
        state.id(),
        state.members(),
        present,
        q.required(state.members()),
        q.isMet(present, state.members()));
  }
}
