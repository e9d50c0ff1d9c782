package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * The scrutineers' countersignatures of sealed results (docs/scrutineers.md). Who countersigned or
 * refused is kept in the ballot's own record (so announcing and countersigning are ordered by one
 * compare-and-set); what they signed is kept beside it and checked against the panel sealed into
 * the bundle whenever it is taken and whenever it is read back, since the cluster is not trusted.
 * Calls block: run them on a worker.
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

  /**
   * A ballot's countersigning: what the API answers and the status shows. {@code refusers} are the
   * scrutineers the ballot's record says refused, whether or not their signed refusal can still be
   * read ({@code refused}): one refusal is enough to stop the announcement.
   */
  public record View(
      String ballot,
      String sitting,
      BallotState.Status status,
      String bundleDigest,
      int required,
      List<Countersigning.Member> panel,
      List<Signed> signed,
      List<Refused> refused,
      List<String> refusers) {

    public State state() {
      if (required == 0) {
        return State.NOT_REQUIRED;
      }
      if (!refusers.isEmpty()) {
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
          .forEach(
              (scrutineer, json) -> {
                boolean listed =
                    state.countersigned().contains(scrutineer)
                        || state.refused().contains(scrutineer);
                if (listed) { // one not listed yet is being taken: it counts once it is
                  read(state.id(), s, panel, json, signed, refused);
                }
              });
    }
    signed.sort(Comparator.comparing(x -> x.countersignature().scrutineer()));
    refused.sort(Comparator.comparing(x -> x.refusal().scrutineer()));
    return new View(
        state.id(),
        state.sitting(),
        state.status(),
        s.digest(),
        s.panel().map(Countersigning.Panel::required).orElse(0),
        s.panel().map(Countersigning.Panel::members).orElse(List.of()),
        signed,
        refused,
        state.refused());
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
    if (!holds(s, panel, node)) {
      incidents.reportOnce(
          "a countersignature of ballot "
              + ballot
              + " in the cluster does not hold for scrutineer "
              + scrutineer
              + " and the bundle the cluster holds: it is not counted");
      return;
    }
    String name = panel.member(scrutineer).orElseThrow().name();
    if (node.has("reason")) {
      refused.add(new Refused(Countersigning.refusals(wrap("refusals", node)).get(0), name));
    } else {
      signed.add(
          new Signed(
              Countersigning.countersignatures(wrap("countersignatures", node)).get(0), name));
    }
  }

  /**
   * Whether a stored countersignature or refusal ({@code node}) is one of the sealed result {@code
   * s}, by the key its scrutineer has on {@code panel}.
   */
  static boolean holds(Sealed s, Countersigning.Panel panel, JsonNode node) {
    Optional<VerifyingKey> key =
        panel.member(node.path("scrutineer").asText()).flatMap(Countersigning.Member::key);
    if (key.isEmpty()) {
      return false;
    }
    if (node.has("reason")) {
      return s.holds(Countersigning.refusals(wrap("refusals", node)).get(0), key.get());
    }
    return s.holds(
        Countersigning.countersignatures(wrap("countersignatures", node)).get(0), key.get());
  }

  private static JsonNode wrap(String name, JsonNode item) {
    ObjectNode o = JSON.createObjectNode();
    o.putArray(name).add(item);
    return o;
  }

  /** Takes a scrutineer's countersignature of a sealed ballot. */
  public Outcome<View> countersign(String ballot, Countersignature c, Instant now) {
    return take(
        new Taking(
            ballot,
            c.scrutineer(),
            c.signedAt(),
            false,
            c.toJson().toString(),
            (s, key) -> s.holds(c, key),
            new LedgerEvent.Countersigned(ballot, c)),
        now);
  }

  /** Takes a scrutineer's signed refusal to countersign a sealed ballot. */
  public Outcome<View> refuse(String ballot, Countersigning.Refusal r, Instant now) {
    if (!Countersigning.validReason(r.reason())) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "reason: say why, in 1 to " + Countersigning.REASON_MAX + " characters");
    }
    return take(
        new Taking(
            ballot,
            r.scrutineer(),
            r.signedAt(),
            true,
            r.toJson().toString(),
            (s, key) -> s.holds(r, key),
            new LedgerEvent.CountersignRefused(ballot, r)),
        now);
  }

  /** A countersignature or refusal being taken. */
  private record Taking(
      String ballot,
      String scrutineer,
      String signedAt,
      boolean refusal,
      String json,
      java.util.function.BiPredicate<Sealed, VerifyingKey> holds,
      LedgerEvent event) {}

  private Outcome<View> take(Taking t, Instant now) {
    Optional<Refusal> problem = problem(t, now);
    if (problem.isPresent()) {
      return new Outcome.Refused<>(problem.get());
    }
    BallotState before = maps.ballots().get(t.ballot());
    String earlier = maps.countersignatures(t.ballot()).putIfAbsent(t.scrutineer(), t.json());
    if (earlier != null && !earlier.equals(t.json())) {
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "scrutineer "
              + t.scrutineer()
              + " already "
              + (Sealing.read(earlier).has("reason") ? "refused" : "countersigned")
              + " ballot "
              + t.ballot());
    }
    // Through the ballot's own record: an announcement racing this one sees it, or this one fails.
    Optional<BallotState> after =
        Ballots.transition(
            maps,
            t.ballot(),
            BallotState.Status.CLOSED,
            s -> s.signedBy(t.scrutineer(), t.refusal()));
    if (after.isEmpty()) {
      if (earlier == null) {
        maps.countersignatures(t.ballot()).remove(t.scrutineer());
      }
      return Refusal.refuse(
          Refusal.Code.CONFLICT,
          "ballot " + t.ballot() + " was announced or cancelled meanwhile: not countersigned");
    }
    boolean known =
        before.countersigned().contains(t.scrutineer())
            || before.refused().contains(t.scrutineer());
    if (earlier == null || !known) {
      ledger.record(t.event()); // again if a node died between the map and the ledger
    }
    return Outcome.done(view(after.get(), sealed(t.ballot()).orElseThrow()));
  }

  /** Why a countersignature or refusal is not taken, if it is not. */
  private Optional<Refusal> problem(Taking t, Instant now) {
    if (!Countersigning.validSignedAt(t.signedAt())) {
      return Optional.of(
          new Refusal(
              Refusal.Code.MALFORMED, "signedAt: UTC to the second, as 2026-12-01T09:30:00Z"));
    }
    if (Instant.parse(t.signedAt()).isAfter(now.plus(AHEAD))) {
      return Optional.of(
          new Refusal(
              Refusal.Code.MALFORMED,
              "signedAt: "
                  + t.signedAt()
                  + " is ahead of the node's clock ("
                  + now
                  + "): check the clock"));
    }
    BallotState state = maps.ballots().get(t.ballot());
    if (state == null) {
      return Optional.of(new Refusal(Refusal.Code.UNKNOWN, "no ballot " + t.ballot()));
    }
    Optional<Sealed> s = sealed(t.ballot());
    if (state.status() != BallotState.Status.CLOSED || s.isEmpty()) {
      return Optional.of(
          new Refusal(
              Refusal.Code.CONFLICT,
              "ballot "
                  + t.ballot()
                  + " is "
                  + state.status().name().toLowerCase(java.util.Locale.ROOT)
                  + ": only a sealed result not yet announced is countersigned"));
    }
    Optional<VerifyingKey> key = s.get().key(t.scrutineer());
    if (key.isEmpty() || !t.holds().test(s.get(), key.get())) {
      return Optional.of(
          new Refusal(
              Refusal.Code.BAD_SIGNATURE,
              key.isEmpty()
                  ? "ballot "
                      + t.ballot()
                      + " was sealed without a key of scrutineer "
                      + t.scrutineer()
                  : "the signature is not scrutineer "
                      + t.scrutineer()
                      + "'s over this ballot's sealed result"));
    }
    return Optional.empty();
  }

  /**
   * Why a closed ballot, in {@code state} (the record the announcement will compare against), may
   * not be announced yet, if it may not.
   */
  Optional<Refusal> announceGate(BallotState state) {
    Optional<Sealed> s = sealed(state.id());
    if (s.isEmpty()) {
      // Without its seal nobody can tell what was counted, nor check a countersignature.
      return Optional.of(
          new Refusal(
              Refusal.Code.CONFLICT,
              "ballot "
                  + state.id()
                  + " is closed but its seal is not written yet: close it again, then announce"));
    }
    if (state.panel() == null && s.get().panel().isEmpty()) {
      return Optional.empty();
    }
    View v = view(state, s.get());
    return switch (v.state()) {
      case NOT_REQUIRED, COUNTERSIGNED -> Optional.empty();
      case REFUSED -> Optional.of(refused(v));
      case AWAITING -> Optional.of(awaiting(v));
    };
  }

  private static Refusal refused(View v) {
    String who =
        v.refused().isEmpty()
            ? String.join(", ", v.refusers())
            : v.refused().stream()
                .map(r -> r.name() + " (" + r.refusal().scrutineer() + "): " + r.refusal().reason())
                .collect(Collectors.joining("; "));
    return new Refusal(
        Refusal.Code.COUNTERSIGN_REFUSED,
        "a scrutineer refused to countersign the result of "
            + v.ballot()
            + " — "
            + who
            + "; it can only be cancelled or revoted");
  }

  private static Refusal awaiting(View v) {
    return new Refusal(
        Refusal.Code.AWAITING_COUNTERSIGNATURES,
        v.required()
            + " scrutineers must countersign the result of "
            + v.ballot()
            + " before it is announced; "
            + (v.signed().isEmpty()
                ? "none has yet"
                : v.signed().size()
                    + " has: "
                    + v.signed().stream().map(Signed::name).collect(Collectors.joining(", "))));
  }

  /** A closed ballot with scrutineers may be cancelled while it awaits them, or after a refusal. */
  boolean cancellable(BallotState state) {
    Optional<Sealed> s = sealed(state.id());
    if (state.panel() == null || s.isEmpty()) {
      return false;
    }
    return view(state, s.get()).state() != State.COUNTERSIGNED;
  }

  /** Whether a closed ballot's result stands: announced, or needing no (more) countersignatures. */
  boolean settled(BallotState state) {
    if (state.status() == BallotState.Status.ANNOUNCED || state.panel() == null) {
      return true;
    }
    Optional<Sealed> s = sealed(state.id());
    return s.isPresent()
        && state.status() == BallotState.Status.CLOSED
        && view(state, s.get()).state() == State.COUNTERSIGNED;
  }

  /** The bundle as served: sealed, with the countersignatures and refusals that hold. */
  public Optional<String> served(String ballot) {
    Optional<String> text = Optional.ofNullable(maps.bundles().get(ballot));
    BallotState state = maps.ballots().get(ballot);
    Optional<Sealed> s = sealed(ballot);
    if (text.isEmpty() || state == null || s.isEmpty() || s.get().panel().isEmpty()) {
      return text;
    }
    View v = view(state, s.get());
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
