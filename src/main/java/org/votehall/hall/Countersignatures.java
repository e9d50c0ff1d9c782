package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.votehall.cluster.Incidents;
import org.votehall.crypto.VerifyingKey;
import org.votehall.ledger.Countersigning;
import org.votehall.ledger.Countersigning.Countersignature;
import org.votehall.ledger.Countersigning.Sealed;
import org.votehall.ledger.LedgerEvent;

/**
 * The scrutineers' countersignatures of sealed results (docs/scrutineers.md). Each is checked
 * against the panel the node sealed into the ballot's bundle, whenever it is taken and whenever it
 * is read back from the cluster, which is not trusted. Calls block: run them on a worker.
 */
public final class Countersignatures {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How far ahead of this node's clock a {@code signedAt} may be. */
  private static final Duration AHEAD = Duration.ofMinutes(10);

  private final HallMaps maps;
  private final HallLedger ledger;
  private final Incidents incidents;

  Countersignatures(HallMaps maps, HallLedger ledger, Incidents incidents) {
    this.maps = maps;
    this.ledger = ledger;
    this.incidents = incidents;
  }

  /** Where a ballot's countersigning stands. */
  public enum State {
    NOT_REQUIRED,
    AWAITING,
    COUNTERSIGNED,
    REFUSED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** A countersignature or refusal that holds, with the scrutineer's name from the panel. */
  public record Signed(Countersignature countersignature, String name) {}

  public record Refused(Countersigning.Refusal refusal, String name) {}

  /** A ballot's countersigning: what the API answers and the status shows. */
  public record View(
      String ballot,
      String sitting,
      BallotState.Status status,
      String bundleDigest,
      int required,
      List<Countersigning.Member> panel,
      List<Signed> signed,
      List<Refused> refused) {

    public State state() {
      if (required == 0) {
        return State.NOT_REQUIRED;
      }
      if (!refused.isEmpty()) {
        return State.REFUSED;
      }
      return signed.size() >= required ? State.COUNTERSIGNED : State.AWAITING;
    }
  }

  /** The countersigning of a sealed ballot; refused until it is sealed. */
  public Outcome<View> view(String ballot) {
    BallotState state = maps.ballots().get(ballot);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    Optional<Sealed> s = sealed(ballot);
    if (s.isEmpty()) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "ballot " + ballot + " is not sealed yet");
    }
    return Outcome.done(view(state, s.get()));
  }

  private View view(BallotState state, Sealed s) {
    List<Signed> signed = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    if (s.panel().isPresent()) {
      Countersigning.Panel panel = s.panel().get();
      maps.countersignatures(state.id())
          .entries()
          .forEach((scrutineer, json) -> read(state.id(), s, panel, json, signed, refused));
    }
    signed.sort(java.util.Comparator.comparing(x -> x.countersignature().scrutineer()));
    refused.sort(java.util.Comparator.comparing(x -> x.refusal().scrutineer()));
    return new View(
        state.id(),
        state.sitting(),
        state.status(),
        s.digest(),
        s.panel().map(Countersigning.Panel::required).orElse(0),
        s.panel().map(Countersigning.Panel::members).orElse(List.of()),
        signed,
        refused);
  }

  /** Reads one stored countersignature or refusal; one that does not hold is an incident. */
  private void read(
      String ballot,
      Sealed s,
      Countersigning.Panel panel,
      String json,
      List<Signed> signed,
      List<Refused> refused) {
    JsonNode node = Sealing.read(json);
    String scrutineer = node.path("scrutineer").asText();
    Optional<Countersigning.Member> member = panel.member(scrutineer);
    Optional<VerifyingKey> key = member.flatMap(Countersigning.Member::key);
    boolean holds;
    if (node.has("reason")) {
      Countersigning.Refusal r = Countersigning.refusals(wrap("refusals", node)).get(0);
      holds = key.isPresent() && s.holds(r, key.get());
      if (holds) {
        refused.add(new Refused(r, member.get().name()));
      }
    } else {
      Countersignature c = Countersigning.countersignatures(wrap("countersignatures", node)).get(0);
      holds = key.isPresent() && s.holds(c, key.get());
      if (holds) {
        signed.add(new Signed(c, member.get().name()));
      }
    }
    if (!holds) {
      incidents.report(
          "a countersignature of ballot "
              + ballot
              + " in the cluster does not hold for scrutineer "
              + scrutineer
              + ": it is not counted");
    }
  }

  private static JsonNode wrap(String name, JsonNode item) {
    ObjectNode o = JSON.createObjectNode();
    o.putArray(name).add(item);
    return o;
  }

  /** Takes a scrutineer's countersignature of a sealed ballot. */
  public Outcome<View> countersign(String ballot, Countersignature c, Instant now) {
    return take(
        ballot,
        c.scrutineer(),
        c.signedAt(),
        now,
        c.toJson().toString(),
        (s, key) -> s.holds(c, key),
        new LedgerEvent.Countersigned(ballot, c));
  }

  /** Takes a scrutineer's signed refusal to countersign a sealed ballot. */
  public Outcome<View> refuse(String ballot, Countersigning.Refusal r, Instant now) {
    if (!Countersigning.validReason(r.reason())) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "reason: say why, in 1 to " + Countersigning.REASON_MAX + " characters");
    }
    return take(
        ballot,
        r.scrutineer(),
        r.signedAt(),
        now,
        r.toJson().toString(),
        (s, key) -> s.holds(r, key),
        new LedgerEvent.CountersignRefused(ballot, r));
  }

  private Outcome<View> take(
      String ballot,
      String scrutineer,
      String signedAt,
      Instant now,
      String json,
      java.util.function.BiPredicate<Sealed, VerifyingKey> holds,
      LedgerEvent event) {
    if (!Countersigning.validSignedAt(signedAt)) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED, "signedAt: UTC to the second, as 2026-12-01T09:30:00Z");
    }
    if (Instant.parse(signedAt).isAfter(now.plus(AHEAD))) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "signedAt: " + signedAt + " is ahead of the node's clock (" + now + "): check the clock");
    }
    BallotState state = maps.ballots().get(ballot);
    if (state == null) {
      return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + ballot);
    }
    Optional<Sealed> s = sealed(ballot);
    if (state.status() != BallotState.Status.CLOSED || s.isEmpty()) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot "
              + ballot
              + " is "
              + state.status().name().toLowerCase(java.util.Locale.ROOT)
              + ": only a sealed result not yet announced is countersigned");
    }
    Optional<VerifyingKey> key =
        s.get().panel().flatMap(p -> p.member(scrutineer)).flatMap(Countersigning.Member::key);
    if (key.isEmpty() || !holds.test(s.get(), key.get())) {
      return Refusal.refuse(
          Refusal.Code.BAD_SIGNATURE,
          key.isEmpty()
              ? "ballot " + ballot + " was sealed without a key of scrutineer " + scrutineer
              : "the signature is not scrutineer "
                  + scrutineer
                  + "'s over this ballot's sealed result");
    }
    String earlier = maps.countersignatures(ballot).putIfAbsent(scrutineer, json);
    if (earlier == null) {
      ledger.record(event);
    } else if (!earlier.equals(json)) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "scrutineer "
              + scrutineer
              + " already "
              + (Sealing.read(earlier).has("reason") ? "refused" : "countersigned")
              + " ballot "
              + ballot);
    }
    return Outcome.done(view(maps.ballots().get(ballot), s.get()));
  }

  /** Why the ballot may not be announced yet, if it may not. */
  Optional<Refusal> announceGate(String ballot) {
    Optional<Sealed> s = sealed(ballot);
    BallotState state = maps.ballots().get(ballot);
    if (s.isEmpty() && state != null && state.status() == BallotState.Status.CLOSED) {
      // Without its bundle nobody can tell whether scrutineers must countersign it first.
      return Optional.of(
          new Refusal(
              Refusal.Code.CONFLICT,
              "ballot " + ballot + " is closed but not sealed yet: close it again, then announce"));
    }
    if (s.isEmpty() || state == null || s.get().panel().isEmpty()) {
      return Optional.empty();
    }
    View v = view(state, s.get());
    return switch (v.state()) {
      case NOT_REQUIRED, COUNTERSIGNED -> Optional.empty();
      case REFUSED ->
          Optional.of(
              new Refusal(
                  Refusal.Code.COUNTERSIGN_REFUSED,
                  v.refused().stream()
                          .map(r -> r.name() + " (" + r.refusal().scrutineer() + ")")
                          .collect(Collectors.joining(", "))
                      + " refused to countersign the result of "
                      + ballot
                      + ": "
                      + v.refused().get(0).refusal().reason()
                      + "; it can only be cancelled or revoted"));
      case AWAITING ->
          Optional.of(
              new Refusal(
                  Refusal.Code.AWAITING_COUNTERSIGNATURES,
                  v.required()
                      + " scrutineers must countersign the result of "
                      + ballot
                      + " before it is announced; "
                      + (v.signed().isEmpty()
                          ? "none has yet"
                          : v.signed().size()
                              + " has: "
                              + v.signed().stream()
                                  .map(x -> x.name())
                                  .collect(Collectors.joining(", ")))));
    };
  }

  /** Whether the ballot was sealed with a panel (a closed one may then be cancelled). */
  boolean scrutinised(String ballot) {
    return sealed(ballot).flatMap(Sealed::panel).isPresent();
  }

  /** The bundle as served: sealed, with the countersignatures and refusals that hold. */
  public Optional<String> served(String ballot) {
    Optional<String> text = Optional.ofNullable(maps.bundles().get(ballot));
    BallotState state = maps.ballots().get(ballot);
    if (text.isEmpty() || state == null || !scrutinised(ballot)) {
      return text;
    }
    View v = view(state, sealed(ballot).orElseThrow());
    return Optional.of(
        Countersigning.served(
            text.get(),
            v.signed().stream().map(Signed::countersignature).toList(),
            v.refused().stream().map(Refused::refusal).toList()));
  }

  /**
   * What the ballot's countersignatures are checked against: its seal, worked out from the bundle
   * in the map (once, or again when the bundle there is not the one the seal was made from).
   */
  private Optional<Sealed> sealed(String ballot) {
    if (!maps.results().containsKey(ballot)) {
      return Optional.empty(); // not sealed yet, or its seal was lost: it is sealed again first
    }
    String kept = maps.seals().get(ballot);
    if (kept != null) {
      return Optional.of(Sealed.fromJson(Sealing.read(kept)));
    }
    return Optional.ofNullable(maps.bundles().get(ballot)).map(text -> seal(maps, ballot, text));
  }

  /** Keeps the seal of the bundle the map holds for the ballot now: what it was made from. */
  static Sealed seal(HallMaps maps, String ballot, String bundle) {
    // The map and the ledger keep a bundle as sealed: canonical JSON text (BundleSealed).
    Sealed s = Sealed.ofSealedText(bundle, Sealing.read(bundle));
    maps.seals().put(ballot, s.toJson().toString());
    return s;
  }

  /** Replays a countersignature or refusal: the first for each scrutineer stays. */
  static void replay(HallMaps maps, String ballot, String scrutineer, String json) {
    maps.countersignatures(ballot).putIfAbsent(scrutineer, json);
  }
}
