package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seat terminal in two Chromium tablets against the demo node: enrolment with a one-time code,
 * check-in on the keypad, a recorded motion (one terminal reloads before and after casting), a
 * secret selection whose (K+1)-th "for" the page refuses, and a secret election with a write-in;
 * and the page's RFC 9474 module against the published vector.
 */
class TerminalPageIT {
  private static final Pattern RECEIPT = Pattern.compile("[0-9a-f]{4} [0-9a-f]{4}");
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PAGE = "/terminal/";

  private static DemoNode node;
  private static String clerk;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  // Two tablets, each with a profile of its own; opened while the demo node starts.
  private static WebDriver a;
  private static WebDriver b;

  @BeforeAll
  static void start() throws Exception {
    if (!Chromium.installed()) {
      Chromium.open(1280, 800); // skips the class, or fails it where CI requires the browsers
    }
    CompletableFuture<WebDriver> first = CompletableFuture.supplyAsync(TerminalPageIT::browser);
    CompletableFuture<WebDriver> second = CompletableFuture.supplyAsync(TerminalPageIT::browser);
    node = DemoNode.start();
    a = first.get();
    b = second.get();
    clerk =
        send(
                "POST",
                "/api/login",
                new JsonObject()
                    .put("name", DemoNode.CLERK)
                    .put("password", DemoNode.CLERK_PASSWORD),
                null)
            .body()
            .getString("token");
  }

  private static WebDriver browser() {
    try {
      return Chromium.open(1280, 800);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    for (WebDriver driver : new WebDriver[] {a, b}) {
      if (driver != null) {
        driver.quit();
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void blindModuleMatchesTheRfc9474Vector() throws Exception {
    String vector =
        Files.readString(
            Path.of("src/test/resources/web/terminal/rfc9474-a1.json"), StandardCharsets.UTF_8);
    // Any page of the origin will do: the module is imported as the terminal page imports it.
    WebDriver driver = b;
    driver.get(node.url(PAGE));
    @SuppressWarnings("unchecked")
    Map<String, Object> checks =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    """
                      const [text, done] = arguments;
                      const v = JSON.parse(text);
                      Promise.all([import('/terminal/blind.js'), import('/terminal/encoding.js')])
                        .then(async ([b, e]) => {
                          const key = await b.blindKeyFromHex(v.n, v.e);
                          const r = b.modInverse(BigInt('0x' + v.inv), key.n);
                          const msg = e.fromHex(v.msg);
                          const out = await b.blind(key, msg, { salt: e.fromHex(v.salt), r });
                          const sig = await b.finalize(key, msg, e.fromHex(v.blind_sig), out.inverse);
                          const forged = e.fromHex(v.blind_sig);
                          forged[forged.length - 1] ^= 1;
                          let forgedRefused = false;
                          try { await b.finalize(key, msg, forged, out.inverse); }
                          catch { forgedRefused = true; }
                          const other = e.fromHex(v.msg);
                          other[0] ^= 1;
                          done({
                            encoded: e.toHex(out.encoded) === v.encoded_msg,
                            blinded: e.toHex(out.blindedMessage) === v.blinded_msg,
                            inverse: out.inverse === BigInt('0x' + v.inv),
                            signature: e.toHex(sig) === v.sig,
                            verifies: await b.verify(key, msg, sig),
                            otherMessageFails: !(await b.verify(key, other, sig)),
                            forgedRefused,
                          });
                        })
                        .catch((error) => done({ error: String(error) }));
                      """,
                    vector);
    assertFalse(checks.containsKey("error"), () -> "the module failed: " + checks);
    for (String check :
        new String[] {
          "encoded",
          "blinded",
          "inverse",
          "signature",
          "verifies",
          "otherMessageFails",
          "forgedRefused"
        }) {
      assertEquals(Boolean.TRUE, checks.get(check), check + ": " + checks);
    }
  }

  /** The page computes each cast's receipt as docs/api.md "Receipts" says (the docs' examples). */
  @Test
  void receiptsAreComputedAsTheDocsSay() throws Exception {
    String docs = Files.readString(Path.of("docs/api.md"), StandardCharsets.UTF_8);
    WebDriver driver = b;
    driver.get(node.url(PAGE));
    @SuppressWarnings("unchecked")
    Map<String, Object> receipts =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    """
                      const [secretBody, recordedBody, done] = arguments;
                      import('/terminal/voting.js')
                        .then(async (v) => done({
                          secret: await v.localReceipt(
                            { secret: true, cast: { anonymous: true, body: secretBody } }),
                          recorded: await v.localReceipt(
                            { secret: false, cast: { anonymous: false, body: recordedBody,
                              terminal: 'terminal-001' } }),
                        }))
                        .catch((error) => done({ error: String(error) }));
                      """,
                    lastLine(example(docs, "cast/request")),
                    lastLine(example(docs, "recorded/request")));
    assertFalse(receipts.containsKey("error"), () -> "the module failed: " + receipts);
    assertEquals(
        new JsonObject(lastLine(example(docs, "cast/response"))).getString("receipt"),
        receipts.get("secret"));
    assertEquals(
        new JsonObject(lastLine(example(docs, "recorded/response"))).getString("receipt"),
        receipts.get("recorded"));
  }

  /** A fenced example block of docs/api.md ("text example=NAME"). */
  private static String example(String docs, String name) {
    int start = docs.indexOf("```text example=" + name + "\n");
    assertTrue(start >= 0, "no example " + name);
    int from = docs.indexOf('\n', start) + 1;
    return docs.substring(from, docs.indexOf("\n```", from));
  }

  private static String lastLine(String block) {
    return block.substring(block.lastIndexOf('\n') + 1);
  }

  @Test
  void twoDeputiesVoteThroughTheirTerminals() throws Exception {
    enrol(a, "seat-901", true);
    Chromium.screenshot(a, "terminal-check-in");
    enrol(b, "seat-902", false);

    // A types on the on-screen keypad (1 → d001); B on a physical keyboard.
    for (String key : new String[] {"1", "ok", "0", "0", "0", "0", "0", "1", "ok"}) {
      key(a, "check-in", key);
    }
    visible(b, "deputy").sendKeys("d002");
    visible(b, "pin").sendKeys("000002\n");
    assertTrue(text(a, "welcome").contains("代表"), text(a, "welcome"));
    waitText(b, "welcome", "代表");
    Chromium.screenshot(a, "terminal-waiting");
    makeQuorum();

    recordedMotion(a, b);
    secretSelection(a, b);
    secretElection(a, b);
    anotherDeputyOnTheSameTablet(a, b);
  }

  private void recordedMotion(WebDriver a, WebDriver b) throws Exception {
    open("budget-2027");
    waitText(a, "ballot-title", "预算");
    waitText(b, "ballot-title", "预算");
    click(a, "mark-budget-for");
    click(a, "mark-plan-against");
    Chromium.screenshot(a, "terminal-motion");
    // A reload before casting comes back to the paper as the deputy left it.
    a.navigate().refresh();
    waitText(a, "ballot-title", "预算");
    assertEquals("true", visible(a, "mark-budget-for").getAttribute("aria-pressed"));
    assertEquals("true", visible(a, "mark-plan-against").getAttribute("aria-pressed"));
    click(a, "to-review");
    waitText(a, "review-list", "赞成");
    Chromium.screenshot(a, "terminal-review");
    click(a, "confirm");
    String receiptA = receipt(a);
    Chromium.screenshot(a, "terminal-voted");

    click(b, "mark-budget-abstain");
    click(b, "to-review");
    click(b, "confirm");
    String receiptB = receipt(b);
    // After casting, a reload shows 已投票 with the same receipt and casts nothing again.
    b.navigate().refresh();
    assertEquals(receiptB, receipt(b));
    assertFalse(receiptA.equals(receiptB));
    awaitFigure("budget-2027", "returned", 2);
    close("budget-2027");
  }

  private void secretSelection(WebDriver a, WebDriver b) throws Exception {
    open("projects-2027");
    waitText(a, "ballot-title", "民生实事");
    // The token is taken at the open, before any mark.
    waitText(a, "token-state", "选票已领取");
    waitText(b, "token-state", "选票已领取");
    awaitFigure("projects-2027", "issued", 2);
    for (int p = 1; p <= 8; p++) {
      click(a, "mark-p" + p + "-for");
    }
    waitText(a, "selected-count", "8 / 8");
    click(a, "mark-p9-for");
    waitText(a, "ballot-message", "最多只能赞成 8 项");
    assertEquals("false", visible(a, "mark-p9-for").getAttribute("aria-pressed"));
    Chromium.screenshot(a, "terminal-selection-refused");
    click(a, "mark-p9-against");
    click(a, "to-review");
    click(a, "confirm");
    receipt(a);

    click(b, "mark-p2-for");
    // B reloads after taking the token and marking: the same token comes back, the secret draft
    // does not (it lives in memory only): an empty paper again.
    b.navigate().refresh();
    waitText(b, "token-state", "选票已领取");
    assertEquals("false", visible(b, "mark-p2-for").getAttribute("aria-pressed"));
    awaitFigure("projects-2027", "issued", 2);
    click(b, "mark-p2-for");
    click(b, "to-review");
    click(b, "confirm");
    receipt(b);
    awaitFigure("projects-2027", "returned", 2);
    close("projects-2027");
  }

  private void secretElection(WebDriver a, WebDriver b) throws Exception {
    open("vice-mayor-2027");
    waitText(a, "ballot-title", "副市长");
    waitText(a, "token-state", "选票已领取");
    waitText(b, "token-state", "选票已领取");
    // A write-in needs an "against" first (requireAgainst).
    assertFalse(visible(a, "write-in-add-vice-mayor").isEnabled());
    click(a, "mark-vice-mayor-c1-for");
    click(a, "mark-vice-mayor-c3-against");
    click(a, "write-in-add-vice-mayor");
    visible(a, "write-in-vice-mayor-0").sendKeys("王五");
    waitText(a, "selected-vice-mayor", "2 / 2");
    click(a, "mark-vice-mayor-c2-for");
    waitText(a, "ballot-message", "应选 2 名");
    Chromium.screenshot(a, "terminal-election");
    click(a, "to-review");
    waitText(a, "review-list", "王五");
    Chromium.screenshot(a, "terminal-election-review");
    click(a, "confirm");
    receipt(a);
    Chromium.screenshot(a, "terminal-election-voted");

    click(b, "mark-vice-mayor-c2-for");
    click(b, "to-review");
    click(b, "confirm");
    receipt(b);
    // A secret cast leaves nothing on the tablet but the fact it was cast: after a reload, 已投票
    // without the receipt.
    b.navigate().refresh();
    new WebDriverWait(b, WAIT).until(ExpectedConditions.visibilityOfElementLocated(test("voted")));
    assertFalse(visible(b, "voted").getText().isEmpty());
    awaitFigure("vice-mayor-2027", "returned", 2);
    awaitFigure("vice-mayor-2027", "issued", 2);
  }

  /**
   * Deputy d002 takes a token on tablet B and leaves (the clerk checks them out); the tablet sees
   * 实到 drop, asks who is seated, and goes back to check-in. d050 checks in on the same tablet, gets
   * a token of their own for the ballot d002 took one for, and votes. d050's cast is blocked on the
   * way out, the tablet reloads, the network comes back: the identical cast is resent and counted
   * exactly once.
   */
  private void anotherDeputyOnTheSameTablet(WebDriver a, WebDriver b) throws Exception {
    close("vice-mayor-2027");
    open("rating-2026");
    waitText(b, "token-state", "选票已领取");
    awaitFigure("rating-2026", "issued", 2);
    Answer left = send("DELETE", "/api/sittings/demo/attendance/d002", null, clerk);
    assertEquals(200, left.statusCode(), () -> "check-out: " + left.body());
    visible(b, "deputy"); // back to check-in, with no signed request of its own needed
    Chromium.screenshot(b, "terminal-checked-out");
    Answer present = send("PUT", "/api/sittings/demo/attendance/d060", null, clerk);
    assertEquals(200, present.statusCode(), () -> "hand check-in: " + present.body());
    visible(b, "deputy").sendKeys("d050");
    visible(b, "pin").sendKeys("000050\n");
    waitText(b, "ballot-title", "满意度");
    waitText(b, "token-state", "选票已领取");
    // d050 took a token of their own for the ballot d002 had taken one for on this tablet.
    awaitFigure("rating-2026", "issued", 3);
    String shown = b.findElement(By.id("ballot-form")).getAttribute("data-ballot");
    int before = ballot(shown).getInteger("returned", 0);

    ChromeDriver tablet = (ChromeDriver) b;
    tablet.executeCdpCommand("Network.enable", Map.of());
    tablet.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*casts*")));
    click(b, "mark-r1-satisfied");
    click(b, "to-review");
    click(b, "confirm");
    waitText(b, "casting-message", "正在重试");
    b.navigate().refresh();
    waitText(b, "casting-message", "正在重试");
    tablet.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    new WebDriverWait(b, Duration.ofSeconds(30))
        .withMessage(() -> "never voted; the page says: " + shows(b))
        .until(d -> d.findElement(test("voted")).isDisplayed());
    assertEquals("已投票", text(b, "voted"));
    awaitFigure(shown, "returned", before + 1);
    Thread.sleep(1500); // a second status: nothing more was cast
    assertEquals(before + 1, ballot(shown).getInteger("returned", 0));
    Chromium.screenshot(b, "terminal-resent");
  }

  // ---- the terminal ----

  /**
   * Enrols a browser with a one-time code the clerk asks for, typed on the keypad or a keyboard.
   */
  private void enrol(WebDriver driver, String terminal, boolean onKeypad) throws Exception {
    driver.get(node.url(PAGE));
    visible(driver, "enrol-code");
    Answer codes =
        send(
            "POST",
            "/api/sittings/demo/enrolment-codes",
            new JsonObject().put("terminal", terminal),
            clerk);
    assertEquals(200, codes.statusCode(), () -> "enrolment code: " + codes.body());
    String code = codes.body().getString("code");
    if (onKeypad) {
      for (char digit : code.toCharArray()) {
        key(driver, "enrol", String.valueOf(digit));
      }
      key(driver, "enrol", "ok");
    } else {
      visible(driver, "enrol-code").sendKeys(code + "\n");
    }
    visible(driver, "deputy");
    waitText(driver, "staff", terminal);
  }

  private static By test(String id) {
    return By.cssSelector("[data-test='" + id + "']");
  }

  /** A key of the on-screen keypad of one screen (enrol, check-in). */
  private static void key(WebDriver driver, String screen, String key) {
    new WebDriverWait(driver, WAIT)
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#screen-" + screen + " [data-test='key-" + key + "']")))
        .click();
  }

  private static WebElement visible(WebDriver driver, String id) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(() -> id + " not shown; the page says: " + shows(driver))
        .until(ExpectedConditions.visibilityOfElementLocated(test(id)));
  }

  private static void click(WebDriver driver, String id) throws IOException {
    try {
      new WebDriverWait(driver, WAIT)
          .until(ExpectedConditions.elementToBeClickable(test(id)))
          .click();
    } catch (RuntimeException e) {
      Chromium.screenshot(driver, "terminal-failed-" + id);
      throw e;
    }
  }

  /** What the page shows, for a failure's message. */
  private static String shows(WebDriver driver) {
    return driver.findElement(By.tagName("body")).getText().replace('\n', ' ');
  }

  private static String text(WebDriver driver, String id) {
    return visible(driver, id).getText();
  }

  private static void waitText(WebDriver driver, String id, String part) {
    new WebDriverWait(driver, WAIT)
        .withMessage(() -> id + " never showed \"" + part + "\"; the page says: " + shows(driver))
        .until(
            d ->
                d.findElement(test(id)).isDisplayed()
                    && d.findElement(test(id)).getText().contains(part));
  }

  private static String receipt(WebDriver driver) {
    visible(driver, "voted");
    String code = text(driver, "receipt");
    assertTrue(RECEIPT.matcher(code).matches(), code);
    return code;
  }

  // ---- the clerk, through the API ----

  /** Checks in by hand (补签到) as many deputies as the quorum still lacks, all at once. */
  private static void makeQuorum() throws Exception {
    JsonObject status = status();
    int lacking = status.getInteger("quorumRequired") - status.getInteger("present");
    List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
    for (int d = 3; d < 3 + lacking; d++) {
      checks.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(
                      URI.create(node.url(String.format("/api/sittings/demo/attendance/d%03d", d))))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .header("authorization", "Bearer " + clerk)
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> check : checks) {
      HttpResponse<String> present = check.get();
      assertEquals(200, present.statusCode(), () -> "hand check-in: " + present.body());
    }
  }

  private static void open(String ballot) throws Exception {
    Answer opened = send("POST", "/api/ballots/" + ballot + "/open", null, clerk);
    assertEquals(200, opened.statusCode(), () -> "open " + ballot + ": " + opened.body());
  }

  private static void close(String ballot) throws Exception {
    Answer closed = send("POST", "/api/ballots/" + ballot + "/close", null, clerk);
    assertEquals(200, closed.statusCode(), () -> "close " + ballot + ": " + closed.body());
  }

  /** Waits for a ballot's live figure (the status is up to a second old). */
  private static void awaitFigure(String ballot, String figure, int expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int now;
    while ((now = ballot(ballot).getInteger(figure, 0)) != expected) {
      assertTrue(
          System.nanoTime() < deadline, ballot + " " + figure + " is " + now + ", not " + expected);
      Thread.sleep(200);
    }
  }

  private static JsonObject status() throws Exception {
    return send("GET", "/api/sittings/demo/status", null, null).body();
  }

  private static JsonObject ballot(String id) throws Exception {
    JsonArray ballots = status().getJsonArray("ballots");
    for (int i = 0; i < ballots.size(); i++) {
      if (id.equals(ballots.getJsonObject(i).getString("id"))) {
        return ballots.getJsonObject(i);
      }
    }
    throw new AssertionError("no ballot " + id + " in " + ballots);
  }

  /** An API answer: its status and its JSON body (empty when it has none). */
  private record Answer(int statusCode, JsonObject body) {}

  private static Answer send(String method, String path, JsonObject body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    return new Answer(
        response.statusCode(), text.startsWith("{") ? new JsonObject(text) : new JsonObject());
  }
}
