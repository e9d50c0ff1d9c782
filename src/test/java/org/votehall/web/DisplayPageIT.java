package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.votehall.crypto.KeyFiles;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.http.MessageSignature;
import org.votehall.ledger.RecordedCast;

/**
 * The hall screen on a 1920×1080 and a 1280×720 projector at once, through a ballot's life: an
 * unknown sitting, the idle attendance, the open ballot with its countdown and 已按 / 实到, the close
 * (no result yet: the chair announces) and the announced result, whose numerals must be the
 * result's. Nothing may overflow the screen, and the text must be in the served CJK web font.
 */
class DisplayPageIT {
  private static DemoNode node;
  private static Hall hall;
  private static final List<WebDriver> screens = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // The browsers first: without chromium the test is skipped before a node is started.
    screens.add(Chromium.open(1920, 1080));
    screens.add(Chromium.open(1280, 720));
    node = DemoNode.start();
    hall = new Hall(node);
  }

  @AfterAll
  static void stop() {
    screens.forEach(WebDriver::quit);
    if (node != null) {
      node.close();
    }
  }

  /** The hall screen's address. */
  static String display(String sitting) {
    return node.url("/display/?sitting=" + sitting);
  }

  @Test
  void followsABallotFromIdleToTheAnnouncedResult() throws Exception {
    // Opened without ?sitting=, the screen lists the sittings: Enter on the first (it has the
    // keyboard) or a click shows one, and ?lang= stays in the address.
    for (WebDriver screen : screens) {
      boolean english = screen == screens.get(1);
      screen.get(node.url("/display/" + (english ? "?lang=en" : "")));
      waitFor(screen, "[data-test=sitting-demo]");
      assertTrue(text(screen, "[data-test=sitting-demo]").contains("市人大第一次全体会议（演示）"));
      fits(screen);
      Chromium.screenshot(screen, "display-choose" + (english ? "-720" : ""));
      if (english) {
        screen.findElement(By.cssSelector("[data-test=sitting-demo]")).click();
      } else {
        screen.switchTo().activeElement().sendKeys(Keys.ENTER);
      }
      waitForText(screen, "[data-test=members]", "60");
      String address = screen.getCurrentUrl();
      assertTrue(
          address.contains("sitting=demo") && (!english || address.contains("lang=en")), address);
    }

    for (WebDriver screen : screens) {
      screen.get(display("no-such-sitting"));
      waitFor(screen, "[data-test=unknown]");
      assertTrue(text(screen, "[data-test=unknown]").contains("找不到该会议"));
      fits(screen);
    }

    hall.attend(5, 45); // 41 by the clerk's hand
    for (int t = 1; t <= 3; t++) {
      hall.checkIn(t, String.format("d%03d", t)); // 3 at terminals, to cast
    }
    for (WebDriver screen : screens) {
      screen.get(display("demo"));
      waitForText(screen, "[data-test=present]", "44");
      assertEquals("60", text(screen, "[data-test=members]"));
      assertEquals("已达法定人数", text(screen, "[data-test=quorum]"));
      fits(screen);
    }
    shoot("display-idle");

    hall.clerk("POST", "/api/ballots/budget-2027/open", "{\"countdownSeconds\":300}");
    for (WebDriver screen : screens) {
      waitFor(screen, "[data-test=phase-open]");
      assertTrue(text(screen, "[data-test=ballot-title]").contains("关于2027年市级预算的决议"));
      waitForText(screen, "[data-test=returned]", "0");
      assertEquals("44", text(screen, "[data-test=present-count]"));
      assertTrue(text(screen, "[data-test=prompt]").contains("请代表按键表决"));
      String countdown = text(screen, "[data-test=countdown]");
      assertTrue(countdown.matches("0[45]:\\d\\d"), countdown);
      fits(screen);
    }
    shoot("display-open");

    hall.castRecorded(1, "d001", "budget-2027", Map.of("budget", "for", "plan", "for"));
    hall.castRecorded(2, "d002", "budget-2027", Map.of("budget", "for", "plan", "against"));
    hall.castRecorded(3, "d003", "budget-2027", Map.of("budget", "abstain", "plan", "against"));
    for (WebDriver screen : screens) {
      waitForText(screen, "[data-test=returned]", "3");
    }

    hall.clerk("POST", "/api/ballots/budget-2027/close", null);
    for (WebDriver screen : screens) {
      waitFor(screen, "[data-test=phase-closed]");
      assertTrue(screen.findElements(By.cssSelector("[data-test=result]")).isEmpty());
      assertFalse(screen.findElement(By.tagName("body")).getText().contains("通过"));
      fits(screen);
    }

    hall.clerk("POST", "/api/ballots/budget-2027/announce", null);
    JsonNode result = hall.json("GET", "/api/ballots/budget-2027/result", null, null);
    JsonNode items = result.has("items") ? result.get("items") : result.get("result").get("items");
    for (WebDriver screen : screens) {
      waitFor(screen, "[data-test=result]");
      for (JsonNode item : items) {
        String id = item.get("id").asText();
        assertEquals(item.get("for").asText(), text(screen, "[data-test=for-" + id + "]"));
        assertEquals(item.get("against").asText(), text(screen, "[data-test=against-" + id + "]"));
        assertEquals(item.get("abstain").asText(), text(screen, "[data-test=abstain-" + id + "]"));
        String outcome = item.get("outcome").asText().equals("passed") ? "通过" : "未通过";
        assertEquals(outcome, text(screen, "[data-test=outcome-" + id + "]"));
      }
      assertTrue(text(screen, "[data-test=announcement]").startsWith("应到代表60人"));
      fits(screen);
      assertTrue(fontUsed(screen), "the web font Noto Sans SC draws 赞成");
    }
    shoot("display-result");

    // Each other kind, announced with no votes: its table and verdicts, within the screen.
    announceEmpty("vice-mayor-2027", "[data-test=votes-c1]");
    announceEmpty("projects-2027", "[data-test=votes-p10]");
    announceEmpty("rating-2026", "[data-test=grade-r1]");
    shoot("display-rating");

    WebDriver english = screens.get(1);
    english.get(display("demo") + "&lang=en");
    waitFor(english, "[data-test=result]");
    assertTrue(text(english, "[data-test=announcement]").startsWith("Members: 60"));

    // The node goes away: the screen says so rather than freezing on the last figures.
    node.close();
    for (WebDriver screen : screens) {
      patient(screen)
          .until(d -> text(d, "[data-test=connection]").contains(d == english ? "lost" : "连接中断"));
    }
  }

  private static void announceEmpty(String ballot, String cell) throws Exception {
    hall.clerk("POST", "/api/ballots/" + ballot + "/open", "{}");
    hall.clerk("POST", "/api/ballots/" + ballot + "/close", null);
    hall.clerk("POST", "/api/ballots/" + ballot + "/announce", null);
    String title =
        hall.json("GET", "/api/ballots/" + ballot, null, null).get("spec").get("title").asText();
    for (WebDriver screen : screens) {
      patient(screen)
          .withMessage(() -> "the screen shows the result of " + ballot)
          .until(
              d ->
                  !d.findElements(By.cssSelector("[data-test=result]")).isEmpty()
                      && text(d, "[data-test=ballot-title]").equals(title));
      waitFor(screen, cell);
      fits(screen);
    }
  }

  private static void shoot(String name) throws Exception {
    Chromium.screenshot(screens.get(0), name);
    Chromium.screenshot(screens.get(1), name + "-720");
  }

  /** Nothing scrolls: the page fits the window and the stage fits its box. */
  static void fits(WebDriver screen) {
    Object overflow =
        ((JavascriptExecutor) screen)
            .executeScript(
                "const s = document.getElementById('stage');"
                    + "return [document.documentElement.scrollHeight - innerHeight,"
                    + " document.documentElement.scrollWidth - innerWidth,"
                    + " s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth];");
    for (Object o : (List<?>) overflow) {
      assertTrue(((Number) o).longValue() <= 1, "overflows by " + overflow);
    }
  }

  static boolean fontUsed(WebDriver screen) {
    return (Boolean)
        ((JavascriptExecutor) screen)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "document.fonts.ready.then(() =>"
                    + " done(document.fonts.check('700 48px \"Noto Sans SC\"', '赞成')));");
  }

  /** A wait that reads again when the screen redrew the element it was reading. */
  static WebDriverWait patient(WebDriver screen) {
    WebDriverWait wait = new WebDriverWait(screen, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static void waitFor(WebDriver screen, String css) {
    patient(screen).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
  }

  static void waitForText(WebDriver screen, String css, String expected) {
    patient(screen)
        .withMessage(() -> css + " shows " + expected)
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .anyMatch(e -> e.getText().trim().equals(expected)));
  }

  static String text(WebDriver screen, String css) {
    return screen.findElement(By.cssSelector(css)).getText().trim();
  }

  /**
   * The hall's other actors, over plain HTTP as the clerk console and the terminals call it: the
   * clerk's bearer calls, and the development terminals' signed check-ins and recorded casts
   * (docs/api.md).
   */
  static final class Hall {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());
    private final DemoNode node;
    private final HttpClient http = HttpClient.newHttpClient();
    private String clerkToken;

    Hall(DemoNode node) {
      this.node = node;
    }

    /** A call with an optional bearer token; the answer as JSON, failing on anything but 200. */
    JsonNode json(String method, String path, String token, String body) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node.url(path)))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("content-type", "application/json");
      }
      if (token != null) {
        request.header("authorization", "Bearer " + token);
      }
      return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode clerk(String method, String path, String body) throws Exception {
      if (clerkToken == null) {
        clerkToken = login(DemoNode.CLERK, DemoNode.CLERK_PASSWORD);
      }
      return json(method, path, clerkToken, body);
    }

    String login(String name, String password) throws Exception {
      ObjectNode body = JSON.createObjectNode().put("name", name).put("password", password);
      return json("POST", "/api/login", null, body.toString()).get("token").asText();
    }

    /** The clerk checks in deputies dFIRST … dLAST by hand. */
    void attend(int first, int last) throws Exception {
      for (int d = first; d <= last; d++) {
        clerk("PUT", String.format("/api/sittings/demo/attendance/d%03d", d), null);
      }
    }

    /** Deputy dNNN (PIN 000NNN) checks in at terminal tNNN, signed with its development key. */
    void checkIn(int terminal, String deputy) throws Exception {
      ObjectNode body =
          JSON.createObjectNode().put("deputy", deputy).put("pin", "000" + deputy.substring(1));
      signed(terminal, "/api/sittings/demo/check-in", body);
    }

    /** A recorded cast from terminal tNNN in deputy's name; returns the receipt. */
    String castRecorded(int terminal, String deputy, String ballot, Map<String, String> marks)
        throws Exception {
      String nonce = "cast-" + NONCES.incrementAndGet();
      ObjectNode markObject = JSON.createObjectNode();
      markObject.set("marks", JSON.valueToTree(marks));
      byte[] signed = RecordedCast.signedBytes(ballot, deputy, markObject, nonce);
      String signature =
          Base64.getEncoder()
              .encodeToString(key(terminal).sign(SignaturePurpose.RECORDED_CAST, signed));
      ObjectNode body = JSON.createObjectNode().put("deputy", deputy).put("nonce", nonce);
      body.set("marks", JSON.valueToTree(marks));
      body.put("signature", signature);
      return signed(terminal, "/api/ballots/" + ballot + "/casts/recorded", body)
          .get("receipt")
          .asText();
    }

    private JsonNode signed(int terminal, String path, ObjectNode body) throws Exception {
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers =
          MessageSignature.sign(
              key(terminal),
              String.format("t%03d", terminal),
              "n" + NONCES.incrementAndGet(),
              Instant.now(),
              "POST",
              path,
              bytes);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node.url(path)))
              .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
              .header("content-type", "application/json");
      headers.forEach(request::header);
      return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static org.votehall.crypto.SigningKey key(int terminal) throws Exception {
      return KeyFiles.readPrivate(
          Path.of("keys", "dev", String.format("terminal-%03d.key", terminal)));
    }

    private static JsonNode answer(HttpResponse<String> response) throws Exception {
      assertEquals(
          200, response.statusCode(), response.request().uri() + " answered " + response.body());
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
  }
}
