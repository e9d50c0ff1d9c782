package org.votehall.hall;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.votehall.crypto.SecretHash;
import org.votehall.crypto.VerifyingKey;
import org.votehall.rules.Quorum;

/**
 * Sittings and attendance: the roster, the terminals registered for the sitting, check-in at a
 * terminal with deputy number and PIN (which binds the deputy to that terminal), the clerk's 补签到
 * and 中途退场. Calls block on the cluster and on Argon2: run them on a worker thread.
 */
public final class Sittings {
  /** The terminal name of a deputy the clerk checked in by hand (补签到). */
  public static final String CLERK = "clerk";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HallMaps maps;
  private final HallLedger ledger;

  Sittings(HallMaps maps, HallLedger ledger) {
    this.maps = maps;
    this.ledger = ledger;
  }

  public Outcome<SittingState> create(String id, String title, List<Deputy> roster, Quorum quorum) {
    Map<String, Deputy> byId =
        roster.stream().collect(Collectors.toMap(Deputy::id, Function.identity(), (x, y) -> x));
    if (roster.isEmpty() || byId.size() != roster.size()) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED, "roster: needs at least one deputy and no deputy twice");
    }
    SittingState state =
        new SittingState(
            id,
            title,
            roster.size(),
            quorum.fraction().numerator(),
            quorum.fraction().denominator(),
            quorum.strict());
    SittingState existing = maps.sittings().putIfAbsent(id, state);
    if (existing != null) {
      return existing.members() == state.members() && maps.roster(id).keySet().equals(byId.keySet())
          ? Outcome.done(existing)
          : Refusal.refuse(Refusal.Code.CONFLICT, "sitting " + id + " exists with another roster");
    }
    maps.roster(id).putAll(byId);
    ledger.record("sitting-created", Replay.sittingEvent(state, roster));
    return Outcome.done(state);
  }

  public Outcome<SittingState> registerTerminal(String sitting, String terminal, VerifyingKey key) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting);
    }
    String old = maps.terminals(sitting).putIfAbsent(terminal, key.base64());
    if (old != null) {
      return old.equals(key.base64())
          ? Outcome.done(state)
          : Refusal.refuse(
              Refusal.Code.CONFLICT, "terminal " + terminal + " is registered with another key");
    }
    ledger.record(
        "terminal-registered",
        JSON.createObjectNode()
            .put("sitting", sitting)
            .put("terminal", terminal)
            .put("key", key.base64()));
    return Outcome.done(state);
  }

  /** Check-in at a terminal: the PIN must match; the deputy is then bound to that terminal. */
  public Outcome<Attendance> checkIn(String sitting, String deputy, String pin, String terminal) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || !maps.terminals(sitting).containsKey(terminal)) {
      return Refusal.refuse(
          Refusal.Code.UNKNOWN,
          state == null ? "no sitting " + sitting : "terminal " + terminal + " is not registered");
    }
    Deputy d = maps.roster(sitting).get(deputy);
    if (d == null || !SecretHash.matches(pin, d.pinHash())) {
      return Refusal.refuse(Refusal.Code.WRONG_PIN, "deputy number or PIN is wrong");
    }
    return bind(state, deputy, terminal);
  }

  /** 补签到: the clerk checks a deputy in by hand. */
  public Outcome<Attendance> clerkCheckIn(String sitting, String deputy) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || !maps.roster(sitting).containsKey(deputy)) {
      return Refusal.refuse(
          Refusal.Code.UNKNOWN,
          state == null ? "no sitting " + sitting : "deputy " + deputy + " is not on the roster");
    }
    return bind(state, deputy, CLERK);
  }

  /** 中途退场: the deputy leaves; they no longer count as present nor can vote from a terminal. */
  public Outcome<Attendance> leave(String sitting, String deputy) {
    SittingState state = maps.sittings().get(sitting);
    if (state == null || maps.attendance(sitting).remove(deputy) == null) {
      return Refusal.refuse(Refusal.Code.NOT_CHECKED_IN, "deputy " + deputy + " is not checked in");
    }
    ledger.record("left", JSON.createObjectNode().put("sitting", sitting).put("deputy", deputy));
    return Outcome.done(attendance(state));
  }

  public Outcome<Attendance> attendance(String sitting) {
    SittingState state = maps.sittings().get(sitting);
    return state == null
        ? Refusal.refuse(Refusal.Code.UNKNOWN, "no sitting " + sitting)
        : Outcome.done(attendance(state));
  }

  /** The key of a terminal registered for the sitting. */
  public Optional<VerifyingKey> terminalKey(String sitting, String terminal) {
    return Optional.ofNullable(maps.terminals(sitting).get(terminal)).map(VerifyingKey::fromBase64);
  }

  /**
   * True the first time a terminal uses a nonce; kept for ten minutes, longer than a request may be
   * stale.
   */
  public boolean firstUse(String terminal, String nonce) {
    return maps.nonces().putIfAbsent(terminal + " " + nonce, Boolean.TRUE, 10, TimeUnit.MINUTES)
        == null;
  }

  private Outcome<Attendance> bind(SittingState state, String deputy, String terminal) {
    String bound = maps.attendance(state.id()).putIfAbsent(deputy, terminal);
    if (bound != null && !bound.equals(terminal)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "deputy " + deputy + " is checked in at another terminal; the clerk can release them");
    }
    if (bound == null) {
      ledger.record(
          "checked-in",
          JSON.createObjectNode()
              .put("sitting", state.id())
              .put("deputy", deputy)
              .put("terminal", terminal));
    }
    return Outcome.done(attendance(state));
  }

  Attendance attendance(SittingState state) {
    int present = maps.attendance(state.id()).size();
    Quorum q = state.quorum();
    return new Attendance(
        state.id(),
        state.members(),
        present,
        q.required(state.members()),
        q.isMet(present, state.members()));
  }
}
