package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.votehall.cli.ApiClient.assertError;
import static org.votehall.cli.ApiClient.ok;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.votehall.crypto.SigningKey;

/**
 * What the pages need of the API beyond the voting itself: enrolling a tablet with a one-time code,
 * the terminal list, the deputy's name at check-in, the hall screen's current ballot, the receipt
 * lookup, the nodes' checkpoints, and refusals that list every bad line or warning.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesApiIT {
  private static DemoCommand.Demo demo;
  private static ApiClient api;
  private static String clerk;
  private static final SigningKey TABLET = SigningKey.generate(new SecureRandom());
  private static String terminal;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoCommand.start(0);
    api = ApiClient.http(demo.server().port());
    clerk = api.login("clerk", "clerk-demo");
  }

  @AfterAll
  static void stopDemo() throws Exception {
    api.close();
    demo.stop();
  }

  @Test
  @Order(1)
  void aTabletEnrolsOnceWithItsCodeAndChecksInByName() throws Exception {
    JsonObject code = ok(post("/api/sittings/demo/enrolment-codes", clerk, new JsonObject()));
    assertEquals("t005", code.getString("terminal"), "the first free id after t001 … t004");
    assertTrue(code.getString("code").matches("[0-9]{8}"), code.encode());
    JsonObject pending = ok(api.call(HttpMethod.GET, "/api/sittings/demo/terminals", clerk, null));
    assertEquals("t005", pending.getJsonArray("codes").getJsonObject(0).getString("terminal"));
    assertFalse(pending.encode().contains(code.getString("code")), "the code is shown once");

    JsonObject enrol =
        new JsonObject()
            .put("code", code.getString("code"))
            .put("key", TABLET.verifyingKey().base64());
    JsonObject enrolled = ok(post("/api/enrol", null, enrol));
    terminal = enrolled.getString("terminal");
    assertEquals("t005", terminal);
    assertEquals("demo", enrolled.getString("sitting"));
    assertEquals("市人大第一次全体会议（演示）", enrolled.getString("title"));
    assertEquals(
        new JsonObject().put("prefix", "d").put("digits", 3),
        enrolled.getJsonObject("deputyNumbers"));
    assertError(403, "bad-code", post("/api/enrol", null, enrol));

    JsonObject checkedIn =
        ok(
            api.signed(
                TABLET,
                terminal,
                "/api/sittings/demo/check-in",
                new JsonObject().put("deputy", "d001").put("pin", "000001")));
    assertEquals(
        new JsonObject().put("id", "d001").put("name", "代表1"), checkedIn.getJsonObject("deputy"));
    JsonObject terminals =
        ok(api.call(HttpMethod.GET, "/api/sittings/demo/terminals", clerk, null));
    JsonObject t005 = terminals.getJsonArray("terminals").getJsonObject(4);
    assertEquals("t005", t005.getString("id"));
    assertEquals("d001", t005.getString("deputy"));
    assertEquals(TABLET.verifyingKey().base64(), t005.getString("key"));
    assertEquals(0, terminals.getJsonArray("codes").size());
    JsonObject seat = ok(api.signed(TABLET, terminal, "/api/sittings/demo/seat", null));
    assertEquals(
        new JsonObject().put("id", "d001").put("name", "代表1"), seat.getJsonObject("deputy"));
    ok(api.call(HttpMethod.DELETE, "/api/sittings/demo/attendance/d001", clerk, null));
    assertNull(
        ok(api.signed(TABLET, terminal, "/api/sittings/demo/seat", null)).getValue("deputy"),
        "checked out by the clerk: nobody at the seat");
    ok(
        api.signed(
            TABLET,
            terminal,
            "/api/sittings/demo/check-in",
            new JsonObject().put("deputy", "d001").put("pin", "000001")));
    assertError(401, "bad-signature", api.get("/api/sittings/demo/seat"));
  }

  @Test
  @Order(2)
  void wrongCodesAreRefusedAlikeAndThenThrottled() throws Exception {
    try (ApiClient guesser = ApiClient.http(demo.server().port(), "127.0.0.3")) {
      JsonObject guess =
          new JsonObject().put("code", "00000000").put("key", TABLET.verifyingKey().base64());
      for (int i = 0; i < 5; i++) {
        assertError(403, "bad-code", guesser.call(HttpMethod.POST, "/api/enrol", null, guess));
      }
      assertError(
          429, "too-many-requests", guesser.call(HttpMethod.POST, "/api/enrol", null, guess));
    }
    assertError(
        409,
        "conflict",
        post(
            "/api/sittings/demo/enrolment-codes", clerk, new JsonObject().put("terminal", "t001")));
    assertError(
        401, "unauthenticated", post("/api/sittings/demo/enrolment-codes", null, new JsonObject()));
    assertError(
        404, "unknown", post("/api/sittings/nowhere/enrolment-codes", clerk, new JsonObject()));
    JsonObject seat = new JsonObject().put("terminal", "seat-77");
    ok(post("/api/sittings/demo/enrolment-codes", clerk, seat));
    assertError(409, "conflict", post("/api/sittings/demo/enrolment-codes", clerk, seat));
    assertError(
        400,
        "malformed",
        post(
            "/api/sittings/demo/enrolment-codes",
            clerk,
            new JsonObject().put("terminal", "clerk")));
  }

  @Test
  @Order(3)
  void theScreenShowsTheOpenBallotThenTheAnnouncedOneAndReceiptsAreFoundOnlyAfter()
      throws Exception {
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "demo")
                    .put("title", "市人大第一次全体会议（演示）")
                    .put("members", 60)),
        ok(api.get("/api/sittings")).getJsonArray("sittings"));
    JsonObject status = ok(api.get("/api/sittings/demo/status"));
    assertEquals("市人大第一次全体会议（演示）", status.getString("title"));
    assertNull(status.getValue("current"), "drafts are never on the screen");
    assertEquals("first", status.getJsonArray("ballots").getJsonObject(0).getString("round"));
    for (int d = 2; d <= 45; d++) {
      ok(
          api.call(
              HttpMethod.PUT,
              String.format("/api/sittings/demo/attendance/d%03d", d),
              clerk,
              null));
    }
    ok(post("/api/ballots/budget-2027/open", clerk, null));
    awaitCurrent("budget-2027");
    String receipt =
        ok(recorded(TABLET, terminal, "d001", new JsonObject().put("budget", "for")))
            .getString("receipt");
    ok(post("/api/ballots/budget-2027/close", clerk, null));
    assertError(409, "not-announced", api.get("/api/ballots/budget-2027/receipts/" + receipt));
    Thread.sleep(1100); // the status is at most a second old
    assertEquals(
        "budget-2027",
        ok(api.get("/api/sittings/demo/status")).getString("current"),
        "closed, awaiting its announcement, it stays on the screen");
    ok(post("/api/ballots/budget-2027/announce", clerk, null));
    awaitCurrent("budget-2027");

    var log = AbuseIT.capture("votehall.access", "org.votehall.http.ApiError");
    JsonObject found = ok(api.get("/api/ballots/budget-2027/receipts/" + receipt.substring(0, 8)));
    assertEquals(
        new JsonObject().put("ballot", "budget-2027").put("found", true).put("receipt", receipt),
        found);
    String other = receipt.startsWith("0") ? "11111111" : "00000000";
    assertEquals(
        false, ok(api.get("/api/ballots/budget-2027/receipts/" + other)).getBoolean("found"));
    assertError(400, "invalid-request", api.get("/api/ballots/budget-2027/receipts/XYZ"));
    assertError(404, "unknown", api.get("/api/ballots/nope/receipts/" + receipt));
    ok(api.get("/api/sittings/demo/status"));
    List<String> lines = new ArrayList<>();
    for (int wait = 0; wait < 40 && lines.stream().noneMatch(l -> l.contains("/status")); wait++) {
      Thread.sleep(50); // the access log writes its line once the response has gone out
      lines.clear();
      new ArrayList<>(log.list).forEach(e -> lines.add(e.getFormattedMessage()));
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("/status")), lines.toString());
    assertTrue(
        lines.stream()
            .noneMatch(l -> l.contains("receipts") || l.contains(receipt.substring(0, 8))),
        "a receipt lookup ties a box entry to the asker's address: never logged " + lines);
  }

  @Test
  @Order(4)
  void auditorsReadEachNodesCheckpoint() throws Exception {
    String auditor = api.login("auditor", "auditor-demo");
    // The close wrote a checkpoint (the bundle holds it); nodes publish theirs every 5 s.
    JsonArray checkpoints = new JsonArray();
    for (int tries = 0; tries < 100 && checkpoints.isEmpty(); tries++) {
      Thread.sleep(100);
      checkpoints =
          ok(api.call(HttpMethod.GET, "/api/checkpoints", auditor, null))
              .getJsonArray("checkpoints");
    }
    assertEquals(1, checkpoints.size(), checkpoints.encode());
    JsonObject checkpoint = checkpoints.getJsonObject(0).getJsonObject("checkpoint");
    assertEquals(checkpoints.getJsonObject(0).getString("node"), checkpoint.getString("node"));
    assertTrue(checkpoint.getLong("seq") > 0 && checkpoint.getString("signature").length() > 40);
    assertError(403, "wrong-role", api.call(HttpMethod.GET, "/api/checkpoints", clerk, null));
  }

  @Test
  @Order(5)
  void aRosterWithBadLinesListsEveryOne() throws Exception {
    JsonObject sitting =
        new JsonObject()
            .put("id", "s-bad")
            .put("title", "t")
            .put("rosterCsv", "代表证号,姓名,密码\nd1,甲,1234\nd2,乙\nd3,,1234\nd1,丙,5678\n");
    var refused = post("/api/sittings", clerk, sitting);
    assertError(400, "malformed", refused);
    assertEquals(
        new JsonArray()
            .add(new JsonObject().put("line", 3).put("problem", "too-few-columns"))
            .add(new JsonObject().put("line", 4).put("problem", "no-name"))
            .add(new JsonObject().put("line", 5).put("problem", "duplicate-id")),
        refused.bodyAsJsonObject().getJsonArray("problems"));
    assertError(404, "unknown", api.get("/api/sittings/s-bad/status"));
  }

  @Test
  @Order(6)
  void candidateCountWarningsAreListed() throws Exception {
    JsonObject spec =
        new JsonObject(
            "{\"id\":\"e-warn\",\"kind\":\"election\",\"title\":\"等额\",\"members\":60,"
                + "\"sections\":[{\"id\":\"s\",\"title\":\"副主任\",\"post\":\"vice\",\"seats\":1,"
                + "\"candidates\":[{\"id\":\"c1\",\"name\":\"甲\"}]}]}");
    var refused = post("/api/sittings/demo/ballots", clerk, new JsonObject().put("spec", spec));
    assertEquals(409, refused.statusCode(), refused.bodyAsString());
    JsonArray warnings = refused.bodyAsJsonObject().getJsonArray("warnings");
    assertTrue(warnings != null && !warnings.isEmpty(), refused.bodyAsString());
    ok(
        post(
            "/api/sittings/demo/ballots",
            clerk,
            new JsonObject().put("spec", spec).put("confirmWarnings", true)));
  }

  /** The status is computed at most once a second: wait for it to name the ballot. */
  private static void awaitCurrent(String ballot) throws Exception {
    String current = null;
    for (int tries = 0; tries < 30 && !ballot.equals(current); tries++) {
      Thread.sleep(100);
      current = ok(api.get("/api/sittings/demo/status")).getString("current");
    }
    assertEquals(ballot, current);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> post(
      String path, String token, JsonObject body) throws Exception {
    return api.call(HttpMethod.POST, path, token, body);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> recorded(
      SigningKey key, String terminal, String deputy, JsonObject marks) throws Exception {
    return api.castRecorded(key, terminal, "budget-2027", deputy, marks);
  }
}
