package org.votehall.hall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.votehall.cluster.CastOutcome;
import org.votehall.cluster.CastStore;
import org.votehall.cluster.StoredCast;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;
import org.votehall.ledger.LedgerEntry;

/**
 * Rebuilds the cluster's maps from a node's ledger (docs/architecture.md: a restarted node, or a
 * whole cluster after a power loss). Every step is idempotent, a ballot's status only moves
 * forward, and two different casts for one voter key are an incident to report, never resolved
 * silently.
 */
public final class Replay {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<BallotState.Status> ORDER =
      List.of(
          BallotState.Status.DRAFT,
          BallotState.Status.OPEN,
          BallotState.Status.CLOSING,
          BallotState.Status.CLOSED,
          BallotState.Status.ANNOUNCED,
          BallotState.Status.CANCELLED);

  private final HallMaps maps;
  private final CastStore casts;
  private final List<String> incidents = new ArrayList<>();

  Replay(HallMaps maps, CastStore casts) {
    this.maps = maps;
    this.casts = casts;
  }

  /** What a replay did: the entries it applied and the incidents it found. */
  public record Report(int entries, List<String> incidents) {
    public Report {
      incidents = List.copyOf(incidents);
    }
  }

  Report apply(List<LedgerEntry> entries) {
    entries.forEach(this::apply);
    return new Report(entries.size(), incidents);
  }

  private void apply(LedgerEntry e) {
    ObjectNode p = e.payload();
    switch (e.type()) {
      case "sitting-created" -> {
        maps.sittings().putIfAbsent(p.get("sitting").asText(), sitting(p));
        p.path("roster")
            .forEach(
                d ->
                    maps.roster(p.get("sitting").asText())
                        .putIfAbsent(
                            d.get("id").asText(),
                            new Deputy(
                                d.get("id").asText(),
                                d.get("name").asText(),
                                d.get("pinHash").asText())));
      }
      case "terminal-registered" ->
          maps.terminals(p.get("sitting").asText())
              .putIfAbsent(p.get("terminal").asText(), p.get("key").asText());
      case "checked-in" ->
          Sittings.present(
              maps.attendance(p.get("sitting").asText()),
              p.get("deputy").asText(),
              terminal(p.path("terminal").asText(Sittings.NO_TERMINAL)));
      case "deputy-locked" ->
          maps.pinAttempts(p.get("sitting").asText())
              .put(p.get("deputy").asText(), Sittings.PIN_ATTEMPTS);
      case "deputy-unlocked" ->
          maps.pinAttempts(p.get("sitting").asText()).remove(p.get("deputy").asText());
      case "left" -> maps.attendance(p.get("sitting").asText()).remove(p.get("deputy").asText());
      case "ballot-defined" ->
          maps.ballots()
              .putIfAbsent(
                  p.get("ballot").asText(),
                  new BallotState(
                      p.get("sitting").asText(),
                      p.get("ballot").asText(),
                      p.get("spec").asText(),
                      BallotState.Status.DRAFT,
                      List.of(),
                      null,
                      0));
      case "ballot-opened" -> {
        advance(p.get("ballot").asText(), BallotState.Status.OPEN, null);
        countdown(p.get("ballot").asText(), p.path("closesAt").asLong(0));
        p.path("blindKeys").forEach(k -> addBlindKey(p.get("ballot").asText(), k.asText()));
      }
      case "blind-key-published" -> addBlindKey(p.get("ballot").asText(), p.get("key").asText());
      case "issued" ->
          maps.issued(p.get("ballot").asText())
              .putIfAbsent(p.get("deputy").asText(), p.path("digest").asText());
      case "secret-cast" -> cast(e.seq(), p, p.get("token").asText());
      case "recorded-cast" -> cast(e.seq(), p, p.get("deputy").asText());
      case "ballot-closed" -> {
        advance(p.get("ballot").asText(), BallotState.Status.CLOSED, null);
        maps.results().putIfAbsent(p.get("ballot").asText(), p.get("result").toString());
      }
      case "ballot-announced" ->
          advance(p.get("ballot").asText(), BallotState.Status.ANNOUNCED, null);
      case "ballot-cancelled" ->
          advance(
              p.get("ballot").asText(),
              BallotState.Status.CANCELLED,
              p.path("reason").asText(null));
      default -> {} // checkpoints, and events that change no map
    }
  }

  /** A hand check-in of an older ledger was bound to the pseudo-terminal "clerk": none now. */
  private static String terminal(String recorded) {
    return recorded.equals(Sittings.LEGACY_CLERK) ? Sittings.NO_TERMINAL : recorded;
  }

  private void cast(long seq, ObjectNode payload, String voter) {
    String ballot = payload.remove("ballot").asText();
    ObjectNode marks = JSON.createObjectNode();
    marks.set("marks", payload.get("marks"));
    if (payload.has("writeIns")) {
      marks.set("writeIns", payload.get("writeIns"));
    }
    String content = CanonicalJson.text(payload.toString());
    StoredCast cast =
        new StoredCast(
            voter,
            CanonicalJson.text(marks.toString()),
            content,
            Sha256.hex(content.getBytes(StandardCharsets.UTF_8)));
    if (casts.put(ballot, cast) instanceof CastOutcome.AlreadyVoted) {
      incidents.add(
          "ledger entry "
              + seq
              + ": a different cast for voter "
              + voter
              + " of ballot "
              + ballot
              + " is already in the box; both are kept in the ledgers, the box keeps the first");
    }
  }

  private void advance(String ballot, BallotState.Status to, String note) {
    BallotState current = maps.ballots().get(ballot);
    if (current == null || ORDER.indexOf(current.status()) >= ORDER.indexOf(to)) {
      return;
    }
    BallotState next =
        to == BallotState.Status.CANCELLED ? current.cancelled(note) : current.to(to);
    if (!maps.ballots().replace(ballot, current, next)) {
      advance(ballot, to, note);
    }
  }

  private void countdown(String ballot, long closesAt) {
    BallotState current = maps.ballots().get(ballot);
    if (current != null
        && closesAt > 0
        && current.closesAt() != closesAt
        && !maps.ballots().replace(ballot, current, current.closingAt(closesAt))) {
      countdown(ballot, closesAt);
    }
  }

  private void addBlindKey(String ballot, String key) {
    BallotState current = maps.ballots().get(ballot);
    if (current != null
        && !current.blindKeys().contains(key)
        && !maps.ballots().replace(ballot, current, current.withBlindKey(key))) {
      addBlindKey(ballot, key);
    }
  }

  /**
   * The event that records a whole sitting, so that it can be rebuilt: roster with PIN hashes,
   * quorum.
   */
  static ObjectNode sittingEvent(SittingState s, List<Deputy> deputies) {
    ObjectNode e =
        JSON.createObjectNode()
            .put("sitting", s.id())
            .put("title", s.title())
            .put("members", s.members());
    e.putObject("quorum")
        .put("numerator", s.quorumNumerator())
        .put("denominator", s.quorumDenominator())
        .put("strict", s.quorumStrict());
    var roster = e.putArray("roster");
    deputies.stream()
        .sorted(java.util.Comparator.comparing(Deputy::id))
        .forEach(
            d ->
                roster
                    .addObject()
                    .put("id", d.id())
                    .put("name", d.name())
                    .put("pinHash", d.pinHash()));
    return e;
  }

  private static SittingState sitting(JsonNode e) {
    JsonNode q = e.path("quorum");
    return new SittingState(
        e.get("sitting").asText(),
        e.path("title").asText(),
        e.path("members").asInt(),
        q.path("numerator").asInt(2),
        q.path("denominator").asInt(3),
        q.path("strict").asBoolean(false),
        e.path("roster").path(0).path("pinHash").asText(""));
  }
}
