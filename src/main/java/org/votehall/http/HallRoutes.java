package org.votehall.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.votehall.crypto.VerifyingKey;
import org.votehall.hall.Attendance;
import org.votehall.hall.BallotState;
import org.votehall.hall.Countersignatures;
import org.votehall.hall.Deputy;
import org.votehall.hall.Hall;
import org.votehall.hall.Outcome;
import org.votehall.hall.Refusal;
import org.votehall.hall.RosterCsv;
import org.votehall.hall.Scrutineers;
import org.votehall.hall.Sittings;
import org.votehall.ledger.Countersigning;
import org.votehall.rules.Quorum;

/** One small handler per operation of openapi.yaml: read the request, call the hall, answer. */
final class HallRoutes {
  private final Vertx vertx;
  private final Hall hall;
  private final TerminalCheck terminals;
  private final SecureRandom random;
  private final HashingPool.Lane pins;
  private final HallMetrics metrics;
  private final StatusCache statuses = new StatusCache(this::status);
  private final LoginThrottle enrolThrottle = new LoginThrottle();

  /** The throttle's "account" for enrolment codes: every wrong code counts against it. */
  private static final String ENROLMENT = "enrolment-code";

  /** Check-ins that may wait for the hashing pool at once: a whole hall checking in together. */
  private static final int CHECK_INS_WAITING = 4096;

  HallRoutes(
      Vertx vertx,
      Hall hall,
      TerminalCheck terminals,
      SecureRandom random,
      HashingPool hashing,
      HallMetrics metrics) {
    this.vertx = vertx;
    this.hall = hall;
    this.terminals = terminals;
    this.random = random;
    this.pins = hashing.lane(CHECK_INS_WAITING);
    this.metrics = metrics;
  }

  void createSitting(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Quorum quorum =
        "committee".equals(body.getString("quorum")) ? Quorum.STANDING_COMMITTEE : Quorum.CONGRESS;
    respond(
        rc,
        () -> {
          Outcome<List<RosterCsv.Row>> rows = rows(body);
          if (!(rows instanceof Outcome.Done<List<RosterCsv.Row>> done)) {
            return ((Outcome.Refused<?>) rows).as();
          }
          // Argon2id is slow on purpose (~25 ms a PIN): hash a congress's roster on every core.
          List<Deputy> roster =
              done.value().parallelStream()
                  .map(r -> new Deputy(r.id(), r.name(), hall.pins().hash(r.pin())))
                  .toList();
          Outcome<org.votehall.hall.SittingState> created =
              hall.sittings().create(body.getString("id"), body.getString("title"), roster, quorum);
          return created instanceof Outcome.Done<?>
              ? hall.sittings().attendance(body.getString("id"))
              : ((Outcome.Refused<?>) created).as();
        },
        HallRoutes::attendance);
  }

  /** The roster from JSON or from a spreadsheet's CSV, whichever the request gives. */
  private static Outcome<List<RosterCsv.Row>> rows(JsonObject body) {
    if (body.containsKey("rosterCsv") == body.containsKey("roster")) {
      return Refusal.refuse(
          Refusal.Code.MALFORMED,
          "give the roster either as roster (JSON) or as rosterCsv, not both or neither");
    }
    if (body.containsKey("rosterCsv")) {
      return RosterCsv.parse(body.getString("rosterCsv"));
    }
    return Outcome.done(
        body.getJsonArray("roster").stream()
            .map(JsonObject.class::cast)
            .map(d -> new RosterCsv.Row(d.getString("id"), d.getString("name"), d.getString("pin")))
            .toList());
  }

  void registerTerminal(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    respond(
        rc,
        () ->
            terminalKey(body)
                .map(
                    key ->
                        hall.sittings()
                            .registerTerminal(rc.pathParam("sitting"), body.getString("id"), key))
                .orElseGet(HallRoutes::malformedKey),
        s -> new JsonObject().put("sitting", s.id()).put("terminal", body.getString("id")));
  }

  /** A terminal's Ed25519 key as a request gives it (base64 SubjectPublicKeyInfo), if it is one. */
  private static Optional<VerifyingKey> terminalKey(JsonObject body) {
    try {
      return Optional.of(VerifyingKey.fromBase64(body.getString("key")));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static <T> Outcome<T> malformedKey() {
    return Refusal.refuse(
        Refusal.Code.MALFORMED, "key: not an Ed25519 public key (base64 SubjectPublicKeyInfo)");
  }

  void clerkCheckIn(RoutingContext rc) {
    respond(
        rc,
        () -> hall.sittings().clerkCheckIn(rc.pathParam("sitting"), rc.pathParam("deputy")),
        HallRoutes::attendance);
  }

  void leave(RoutingContext rc) {
    respond(
        rc,
        () -> hall.sittings().leave(rc.pathParam("sitting"), rc.pathParam("deputy")),
        HallRoutes::attendance);
  }

  /**
   * The terminal's signature is checked on a worker; only a request it lets through takes a place
   * in the hashing pool, where the PIN check (an Argon2id hash) runs apart from the casts' workers.
   */
  void checkIn(RoutingContext rc) {
    String sitting = rc.pathParam("sitting");
    JsonObject body = rc.body().asJsonObject();
    vertx
        .executeBlocking(() -> terminals.terminal(rc, sitting), false)
        .onSuccess(
            terminal -> {
              if (!(terminal instanceof Outcome.Done<String> signed)) {
                answer(
                    rc,
                    ((Outcome.Refused<String>) terminal).<CheckedIn>as(),
                    CheckedIn::json,
                    metrics::checkIn);
                return;
              }
              String deputy = body.getString("deputy");
              pins.run(
                      () ->
                          hall.sittings()
                              .checkIn(sitting, deputy, body.getString("pin"), signed.value())
                              .map(
                                  a ->
                                      new CheckedIn(
                                          a, deputy, hall.sittings().name(sitting, deputy))))
                  .onSuccess(outcome -> answer(rc, outcome, CheckedIn::json, metrics::checkIn))
                  .onFailure(e -> hashingFailed(rc, e));
            })
        .onFailure(rc::fail);
  }

  /** The answer to a check-in: the attendance, and whom the terminal may greet by name. */
  private record CheckedIn(Attendance attendance, String deputy, String name) {
    JsonObject json() {
      return HallRoutes.attendance(attendance)
          .put("deputy", new JsonObject().put("id", deputy).put("name", name));
    }
  }

  /** Who is checked in at the signing terminal now (null: nobody), so it learns of a 退场. */
  void seat(RoutingContext rc) {
    String sitting = rc.pathParam("sitting");
    respond(
        rc,
        () ->
            signed(
                rc,
                sitting,
                terminal ->
                    Outcome.done(
                        new JsonObject()
                            .put("sitting", sitting)
                            .put("terminal", terminal)
                            .put(
                                "deputy",
                                hall.sittings()
                                    .seated(sitting, terminal)
                                    .map(
                                        d ->
                                            new JsonObject()
                                                .put("id", d)
                                                .put("name", hall.sittings().name(sitting, d)))
                                    .orElse(null)))),
        body -> body);
  }

  /** A one-time code that enrols a seat's tablet (shown to the clerk once). */
  void enrolmentCode(RoutingContext rc) {
    JsonObject body = rc.body().length() > 0 ? rc.body().asJsonObject() : new JsonObject();
    respond(
        rc,
        () ->
            hall.enrolments()
                .issue(rc.pathParam("sitting"), body.getString("terminal"), Instant.now()),
        code ->
            new JsonObject()
                .put("sitting", code.sitting())
                .put("terminal", code.terminal())
                .put("code", code.code())
                .put("expiresAt", code.expiresAt()));
  }

  /**
   * A tablet registers its key with a code. Wrong codes are throttled per client address before any
   * is looked up, as logins are: eight digits must not be guessable at the network's speed.
   */
  void enrol(RoutingContext rc) {
    enrolWithCode(
        rc,
        (code, key) -> hall.enrolments().enrol(code, key, Instant.now()),
        e ->
            new JsonObject()
                .put("sitting", e.sitting())
                .put("terminal", e.terminal())
                .put("title", e.title())
                .put(
                    "deputyNumbers",
                    e.numbers()
                        .map(
                            n ->
                                new JsonObject()
                                    .put("prefix", n.prefix())
                                    .put("digits", n.digits()))
                        .orElse(null)));
  }

  /** Takes a one-time code and a key, throttling wrong codes per client address. */
  private <T> void enrolWithCode(
      RoutingContext rc,
      java.util.function.BiFunction<String, VerifyingKey, Outcome<T>> enrol,
      Function<T, Object> json) {
    JsonObject body = rc.body().asJsonObject();
    String address = Authentication.client(rc);
    Optional<java.time.Duration> wait = enrolThrottle.admit(ENROLMENT, address, Instant.now());
    if (wait.isPresent()) {
      ApiError.tooMany(rc, wait.get(), "too many enrolment attempts");
      return;
    }
    respond(
        rc,
        () -> {
          Optional<VerifyingKey> key = terminalKey(body);
          if (key.isEmpty()) {
            return malformedKey();
          }
          Outcome<T> enrolled = enrol.apply(body.getString("code"), key.get());
          if (enrolled instanceof Outcome.Refused<?> refused
              && refused.refusal().code() == Refusal.Code.BAD_CODE) {
            enrolThrottle.failed(ENROLMENT, address, Instant.now());
          }
          return enrolled;
        },
        json);
  }

  /** The sitting's terminals, who sits at each, and the codes still waiting for a tablet. */
  void sittingTerminals(RoutingContext rc) {
    String sitting = rc.pathParam("sitting");
    respond(
        rc,
        () -> {
          var terminals = hall.sittings().terminals(sitting);
          if (!(terminals instanceof Outcome.Done<List<Sittings.Terminal>> done)) {
            return ((Outcome.Refused<?>) terminals).<JsonObject>as();
          }
          JsonArray list = new JsonArray();
          done.value()
              .forEach(
                  t ->
                      list.add(
                          new JsonObject()
                              .put("id", t.id())
                              .put("key", t.key())
                              .put("deputy", t.deputy().orElse(null))));
          JsonArray codes = new JsonArray();
          hall.enrolments()
              .pending(sitting, Instant.now())
              .forEach(
                  p ->
                      codes.add(
                          new JsonObject()
                              .put("terminal", p.terminal())
                              .put("expiresAt", p.expiresAt())));
          return Outcome.done(
              new JsonObject().put("sitting", sitting).put("terminals", list).put("codes", codes));
        },
        body -> body);
  }

  /** The clerk names the sitting's scrutineers and how many must countersign. */
  void nameScrutineers(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    List<Scrutineers.Scrutineer> named =
        body.getJsonArray("scrutineers").stream()
            .map(JsonObject.class::cast)
            .map(
                s ->
                    new Scrutineers.Scrutineer(
                        s.getString("id"), s.getString("name"), s.getString("deputy")))
            .toList();
    respond(
        rc,
        () -> hall.scrutineers().name(rc.pathParam("sitting"), body.getInteger("required"), named),
        HallRoutes::panel);
  }

  void sittingScrutineers(RoutingContext rc) {
    respond(rc, () -> hall.scrutineers().panel(rc.pathParam("sitting")), HallRoutes::panel);
  }

  private static JsonObject panel(Scrutineers.Panel p) {
    JsonArray list = new JsonArray();
    p.seats()
        .forEach(
            s ->
                list.add(
                    new JsonObject()
                        .put("id", s.scrutineer().id())
                        .put("name", s.scrutineer().name())
                        .put("deputy", s.scrutineer().deputy())
                        .put("key", s.key().map(VerifyingKey::base64).orElse(null))
                        .put("fingerprint", s.key().map(VerifyingKey::fingerprint).orElse(null))));
    return new JsonObject()
        .put("sitting", p.sitting())
        .put("required", p.required())
        .put("scrutineers", list);
  }

  /** A one-time code that enrols a scrutineer's own key (shown to the clerk once). */
  void scrutineerCode(RoutingContext rc) {
    respond(
        rc,
        () ->
            hall.scrutineers()
                .code(rc.pathParam("sitting"), rc.pathParam("scrutineer"), Instant.now()),
        code ->
            new JsonObject()
                .put("sitting", code.sitting())
                .put("scrutineer", code.scrutineer())
                .put("code", code.code())
                .put("expiresAt", code.expiresAt()));
  }

  /** A scrutineer enrols their key with a code; wrong codes are throttled as a tablet's are. */
  void enrolScrutineer(RoutingContext rc) {
    enrolWithCode(
        rc,
        (code, key) -> hall.scrutineers().enrol(code, key, Instant.now()),
        e ->
            new JsonObject()
                .put("sitting", e.sitting())
                .put("title", e.title())
                .put("scrutineer", e.scrutineer())
                .put("name", e.name())
                .put("fingerprint", e.fingerprint()));
  }

  void countersigning(RoutingContext rc) {
    respond(
        rc,
        () -> hall.countersignatures().view(rc.pathParam("ballot")),
        HallRoutes::countersigning);
  }

  /** A countersignature: its signature is its only credential. */
  void countersign(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Countersigning.Countersignature c =
        new Countersigning.Countersignature(
            body.getString("scrutineer"), body.getString("signedAt"), body.getString("signature"));
    respond(
        rc,
        () -> hall.countersignatures().countersign(rc.pathParam("ballot"), c, Instant.now()),
        HallRoutes::countersigning);
  }

  void refuseCountersign(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Countersigning.Refusal r =
        new Countersigning.Refusal(
            body.getString("scrutineer"),
            body.getString("signedAt"),
            body.getString("reason"),
            body.getString("signature"));
    respond(
        rc,
        () -> hall.countersignatures().refuse(rc.pathParam("ballot"), r, Instant.now()),
        HallRoutes::countersigning);
  }

  /** The bundle for a scrutineer of the ballot's sitting, whose key signed the request. */
  void scrutineerBundle(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    respond(
        rc,
        () -> {
          String sitting = hall.ballots().get(ballot).map(BallotState::sitting).orElse("");
          Outcome<String> scrutineer =
              terminals.scrutineer(rc, sitting, id -> hall.scrutineers().key(sitting, id));
          return scrutineer instanceof Outcome.Done<String>
              ? stored(hall.countersignatures().served(ballot), "bundle", ballot)
              : ((Outcome.Refused<?>) scrutineer).as();
        },
        stored -> stored);
  }

  private static JsonObject countersigning(Countersignatures.View v) {
    JsonArray panel = new JsonArray();
    v.panel()
        .forEach(
            m ->
                panel.add(
                    new JsonObject()
                        .put("id", m.id())
                        .put("name", m.name())
                        .put("fingerprint", m.key().map(VerifyingKey::fingerprint).orElse(null))));
    JsonArray signed = new JsonArray();
    v.signed()
        .forEach(
            s ->
                signed.add(
                    new JsonObject(s.countersignature().toJson().toString())
                        .put("name", s.name())
                        .put(
                            "fingerprint",
                            Countersigning.fingerprint(s.countersignature().signature()))));
    JsonArray refused = new JsonArray();
    v.refused()
        .forEach(
            r ->
                refused.add(new JsonObject(r.refusal().toJson().toString()).put("name", r.name())));
    return new JsonObject()
        .put("ballot", v.ballot())
        .put("sitting", v.sitting())
        .put("status", v.status().name().toLowerCase(java.util.Locale.ROOT))
        .put("bundleDigest", v.bundleDigest())
        .put("required", v.required())
        .put("state", v.state().wire())
        .put("panel", panel)
        .put("countersignatures", signed)
        .put("refusals", refused);
  }

  /** The short form the sitting's status carries for each sealed ballot with scrutineers. */
  private static JsonObject countersignSummary(Countersignatures.View v) {
    JsonArray signed = new JsonArray();
    v.signed()
        .forEach(
            s ->
                signed.add(
                    new JsonObject()
                        .put("scrutineer", s.countersignature().scrutineer())
                        .put("name", s.name())
                        .put("signedAt", s.countersignature().signedAt())
                        .put(
                            "fingerprint",
                            Countersigning.fingerprint(s.countersignature().signature()))));
    JsonArray refused = new JsonArray();
    v.refused()
        .forEach(
            r ->
                refused.add(
                    new JsonObject()
                        .put("scrutineer", r.refusal().scrutineer())
                        .put("name", r.name())
                        .put("signedAt", r.refusal().signedAt())
                        .put("reason", r.refusal().reason())));
    return new JsonObject()
        .put("required", v.required())
        .put("state", v.state().wire())
        .put("signed", signed)
        .put("refused", refused);
  }

  /** Every sitting, for the pages' chooser: id, title and 应到. */
  void listSittings(RoutingContext rc) {
    respond(
        rc,
        () -> {
          JsonArray list = new JsonArray();
          hall.sittings()
              .all()
              .forEach(
                  s ->
                      list.add(
                          new JsonObject()
                              .put("id", s.id())
                              .put("title", s.title())
                              .put("members", s.members())));
          return Outcome.done(new JsonObject().put("sittings", list));
        },
        body -> body);
  }

  /** Each node's latest signed checkpoint, for auditors. */
  void checkpoints(RoutingContext rc) {
    respond(
        rc,
        () -> {
          JsonArray list = new JsonArray();
          hall.checkpoints()
              .forEach(
                  (node, checkpoint) ->
                      list.add(
                          new JsonObject()
                              .put("node", node)
                              .put("checkpoint", new JsonObject(checkpoint))));
          return Outcome.done(new JsonObject().put("checkpoints", list));
        },
        body -> body);
  }

  /** Is this receipt in the published box of an announced ballot? Never says with which marks. */
  void lookUpReceipt(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    respond(
        rc,
        () -> hall.ballots().receipt(ballot, rc.pathParam("receipt")),
        found ->
            new JsonObject()
                .put("ballot", ballot)
                .put("found", found.isPresent())
                .put("receipt", found.orElse(null)));
  }

  private void hashingFailed(RoutingContext rc, Throwable e) {
    if (e instanceof HashingPool.Busy) {
      metrics.checkIn("busy");
      ApiError.tooMany(rc, java.time.Duration.ofSeconds(1), "too many check-ins at once");
    } else {
      rc.fail(e);
    }
  }

  /** The clerk lifts a deputy's PIN lock. */
  void unlockDeputy(RoutingContext rc) {
    respond(
        rc,
        () -> hall.sittings().unlock(rc.pathParam("sitting"), rc.pathParam("deputy")),
        HallRoutes::attendance);
  }

  /** The roster with attendance (present, at which terminal, locked), for the clerk. */
  void sittingRoster(RoutingContext rc) {
    respond(
        rc,
        () -> hall.sittings().roster(rc.pathParam("sitting")),
        entries -> {
          JsonArray deputies = new JsonArray();
          entries.forEach(
              d ->
                  deputies.add(
                      new JsonObject()
                          .put("id", d.id())
                          .put("name", d.name())
                          .put("present", d.present())
                          .put("terminal", d.terminal().isEmpty() ? null : d.terminal())
                          .put("locked", d.locked())));
          return new JsonObject().put("sitting", rc.pathParam("sitting")).put("deputies", deputies);
        });
  }

  void defineBallot(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    respond(
        rc,
        () ->
            hall.ballots()
                .define(
                    rc.pathParam("sitting"),
                    body.getJsonObject("spec").encode(),
                    body.getBoolean("confirmWarnings", false)),
        this::ballot);
  }

  void getBallot(RoutingContext rc) {
    respond(
        rc,
        () ->
            hall.ballots()
                .get(rc.pathParam("ballot"))
                .<Outcome<BallotState>>map(Outcome::done)
                .orElseGet(() -> unknown(rc)),
        this::ballot);
  }

  void openBallot(RoutingContext rc) {
    JsonObject body = rc.body().length() > 0 ? rc.body().asJsonObject() : new JsonObject();
    int seconds = body.getInteger("countdownSeconds", 0);
    long closesAt = seconds > 0 ? java.time.Instant.now().getEpochSecond() + seconds : 0;
    respond(rc, () -> hall.ballots().open(rc.pathParam("ballot"), closesAt), this::ballot);
  }

  void closeBallot(RoutingContext rc) {
    respond(rc, () -> hall.ballots().close(rc.pathParam("ballot")), stored -> stored);
  }

  void announceBallot(RoutingContext rc) {
    respond(rc, () -> hall.ballots().announce(rc.pathParam("ballot")), this::ballot);
  }

  void cancelBallot(RoutingContext rc) {
    String reason = rc.body().asJsonObject().getString("reason");
    respond(rc, () -> hall.ballots().cancel(rc.pathParam("ballot"), reason), this::ballot);
  }

  void followUp(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    org.votehall.hall.Ballots.FollowUp kind =
        org.votehall.hall.Ballots.FollowUp.valueOf(
            body.getString("kind").toUpperCase(java.util.Locale.ROOT));
    respond(
        rc,
        () ->
            hall.ballots()
                .followUp(
                    rc.pathParam("ballot"),
                    kind,
                    body.getString("id"),
                    body.getBoolean("confirmWarnings", false)),
        this::ballot);
  }

  void getResult(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    respond(rc, () -> stored(hall.ballots().result(ballot), "result", ballot), stored -> stored);
  }

  /**
   * What this node found wrong in what the cluster holds or sends (records no trusted node signed,
   * a box that differs from the ledgers, a ledger cut): the newest first.
   */
  void incidents(RoutingContext rc) {
    var incidents = hall.incidents();
    JsonArray list = new JsonArray();
    var recent = incidents.recent();
    for (int n = recent.size() - 1; n >= 0; n--) {
      list.add(
          new JsonObject()
              .put("at", recent.get(n).at().toString())
              .put("what", recent.get(n).what()));
    }
    respond(
        rc,
        () -> Outcome.done(new JsonObject().put("total", incidents.total()).put("incidents", list)),
        body -> body);
  }

  /**
   * Served byte for byte as sealed, with the scrutineers' countersignatures beside it if it has a
   * panel (canonical again): re-encoding could change a canonical bundle.
   */
  void getBundle(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    respond(
        rc,
        () -> stored(hall.countersignatures().served(ballot), "bundle", ballot),
        stored -> stored);
  }

  private static Outcome<String> stored(
      java.util.Optional<String> value, String what, String ballot) {
    return value
        .<Outcome<String>>map(Outcome::done)
        .orElseGet(
            () -> Refusal.refuse(Refusal.Code.UNKNOWN, "no " + what + " for " + ballot + " yet"));
  }

  void blindKey(RoutingContext rc) {
    respond(
        rc,
        () -> hall.casting().blindKey(rc.pathParam("ballot")),
        key -> new JsonObject().put("blindKey", key));
  }

  void issueBallot(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    JsonObject body = rc.body().asJsonObject();
    respond(
        rc,
        () -> {
          byte[] blinded;
          try {
            blinded = Base64.getDecoder().decode(body.getString("blindedMessage"));
          } catch (IllegalArgumentException e) {
            return Refusal.refuse(Refusal.Code.MALFORMED, "blindedMessage: not base64");
          }
          return signedForBallot(
              rc,
              ballot,
              terminal ->
                  hall.casting()
                      .issue(
                          ballot,
                          body.getString("deputy"),
                          terminal,
                          body.getString("blindKey"),
                          blinded));
        },
        issue ->
            new JsonObject()
                .put("blindSignature", issue.blindSignature())
                .put("blindKey", issue.blindKey()),
        metrics::issue);
  }

  /**
   * An anonymous cast: no terminal, no deputy, no signature header; nothing to link it to anyone.
   */
  void castSecret(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    JsonObject marks = new JsonObject().put("marks", body.getJsonObject("marks"));
    if (body.containsKey("writeIns")) {
      marks.put("writeIns", body.getValue("writeIns"));
    }
    respond(
        rc,
        () ->
            hall.casting()
                .castSecret(
                    rc.pathParam("ballot"),
                    body.getString("token"),
                    body.getString("blindSignature"),
                    marks.encode()),
        HallRoutes::receipt,
        result -> metrics.cast("secret", result));
  }

  void castRecorded(RoutingContext rc) {
    String ballot = rc.pathParam("ballot");
    JsonObject body = rc.body().asJsonObject();
    JsonObject marks = new JsonObject().put("marks", body.getJsonObject("marks"));
    respond(
        rc,
        () -> {
          return signedForBallot(
              rc,
              ballot,
              terminal ->
                  hall.casting()
                      .castRecorded(
                          ballot,
                          body.getString("deputy"),
                          terminal,
                          body.getString("nonce"),
                          marks.encode(),
                          body.getString("signature")));
        },
        HallRoutes::receipt,
        result -> metrics.cast("recorded", result));
  }

  void sittingStatus(RoutingContext rc) {
    respond(rc, () -> statuses.status(rc.pathParam("sitting")), json -> json);
  }

  /** The status of a sitting, at most a second old (the live feed reads the same). */
  Outcome<JsonObject> cachedStatus(String sitting) {
    return statuses.status(sitting);
  }

  /** 应到 / 实到 / quorum and every ballot with its live figures; never who voted what. */
  Outcome<JsonObject> status(String sitting) {
    Outcome<Attendance> attendance = hall.sittings().attendance(sitting);
    if (!(attendance instanceof Outcome.Done<Attendance> done)) {
      return ((Outcome.Refused<?>) attendance).as();
    }
    JsonArray ballots = new JsonArray();
    List<BallotState> ofSitting = hall.ballots().ofSitting(sitting);
    for (BallotState b : ofSitting) {
      JsonObject spec = new JsonObject(b.spec());
      Optional<String> result = hall.ballots().result(b.id());
      JsonObject json =
          ballot(b, b.status() == BallotState.Status.CLOSED && result.isEmpty())
              .put("spec", (Object) null)
              .put("kind", spec.getString("kind"))
              .put("secret", spec.getBoolean("secret", !"motion".equals(spec.getString("kind"))))
              .put("title", spec.getString("title"))
              .put("round", spec.getString("round", "first"))
              .put("follows", spec.getString("follows"));
      if (b.status() == BallotState.Status.OPEN || b.status() == BallotState.Status.CLOSING) {
        var progress = hall.ballots().progress(b.id());
        json.put("issued", progress.issued()).put("returned", progress.returned());
      }
      result.ifPresent(r -> json.put("result", new JsonObject(r)));
      // Only a ballot that opened with scrutineers has countersigning to show: the live feed
      // reads this every second, and the others need no read of their seal.
      if (result.isPresent()
          && b.panel() != null
          && hall.countersignatures().view(b.id()) instanceof Outcome.Done<Countersignatures.View> v
          && v.value().required() > 0) {
        json.put("countersign", countersignSummary(v.value()));
      }
      ballots.add(json);
    }
    return Outcome.done(
        attendance(done.value())
            .put("title", hall.sittings().title(sitting))
            .put("ballots", ballots)
            .put("current", hall.ballots().onScreen(sitting, ofSitting).orElse(null)));
  }

  /**
   * As {@link #signed}, for a request about a ballot: the terminal must be registered for its
   * sitting.
   */
  private <T> Outcome<T> signedForBallot(
      RoutingContext rc, String ballot, Function<String, Outcome<T>> asTerminal) {
    String sitting = hall.ballots().get(ballot).map(BallotState::sitting).orElse("");
    return signed(rc, sitting, asTerminal);
  }

  private <T> Outcome<T> signed(
      RoutingContext rc, String sitting, Function<String, Outcome<T>> asTerminal) {
    Outcome<String> terminal = terminals.terminal(rc, sitting);
    return terminal instanceof Outcome.Done<String> t
        ? asTerminal.apply(t.value())
        : ((Outcome.Refused<?>) terminal).as();
  }

  private <T> void respond(
      RoutingContext rc, Callable<Outcome<T>> action, Function<T, Object> json) {
    respond(rc, action, json, result -> {});
  }

  /** Runs the action on a worker, answers, and tells {@code result} how it went. */
  private <T> void respond(
      RoutingContext rc,
      Callable<Outcome<T>> action,
      Function<T, Object> json,
      java.util.function.Consumer<String> result) {
    vertx
        .executeBlocking(
            action, false) // unordered: requests are independent, the cluster maps coordinate them
        .onSuccess(outcome -> answer(rc, outcome, json, result))
        .onFailure(rc::fail);
  }

  private static <T> void answer(
      RoutingContext rc,
      Outcome<T> outcome,
      Function<T, Object> json,
      java.util.function.Consumer<String> result) {
    if (outcome instanceof Outcome.Done<T> done) {
      result.accept("accepted");
      Object body = json.apply(done.value());
      rc.response()
          .putHeader("content-type", "application/json; charset=utf-8")
          .end(body instanceof String s ? s : body.toString());
    } else {
      Refusal refusal = ((Outcome.Refused<T>) outcome).refusal();
      result.accept(refusal.code().wire());
      ApiError.refuse(rc, refusal);
    }
  }

  private static <T> Outcome<T> unknown(RoutingContext rc) {
    return Refusal.refuse(Refusal.Code.UNKNOWN, "no ballot " + rc.pathParam("ballot"));
  }

  private static JsonObject attendance(Attendance a) {
    return new JsonObject()
        .put("sitting", a.sitting())
        .put("members", a.members())
        .put("present", a.present())
        .put("quorumRequired", a.quorumRequired())
        .put("quorumMet", a.quorumMet());
  }

  /** A ballot as the API shows it; {@code closed} only once its result can be read. */
  private JsonObject ballot(BallotState b) {
    return ballot(
        b, b.status() == BallotState.Status.CLOSED && hall.ballots().result(b.id()).isEmpty());
  }

  /**
   * A ballot committed closed whose seal is still being written (or whose sealing node died: it is
   * closed again) reads {@code closing}, so that whoever sees {@code closed} can read the result.
   */
  private static JsonObject ballot(BallotState b, boolean sealing) {
    BallotState.Status shown = sealing ? BallotState.Status.CLOSING : b.status();
    return new JsonObject()
        .put("id", b.id())
        .put("sitting", b.sitting())
        .put("status", shown.name().toLowerCase(java.util.Locale.ROOT))
        .put("spec", new JsonObject(b.spec()))
        .put("blindKeys", new JsonArray(b.blindKeys()))
        .put("note", b.note())
        .put("closesAt", b.closesAt());
  }

  private static JsonObject receipt(org.votehall.hall.Casting.Receipt r) {
    return new JsonObject().put("receipt", r.receipt()).put("retry", r.retry());
  }
}
