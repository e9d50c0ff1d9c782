package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A whole sitting through the pages, as the hall runs it: the clerk imports a roster file (GB18030,
 * as Excel saves it on Chinese Windows), enrols two tablets, checks a deputy in by hand, defines
 * and opens a recorded motion and then a secret election; two deputies check in and vote at their
 * tablets (an over-selection refused on the page, a reload mid-ballot resuming without a second
 * cast, the same token after a reload); the clerk closes and announces; the hall screen shows the
 * figures only after the announcement; the receipt lookup finds a deputy's receipt; the election's
 * bundle passes {@code votehall verify}. Every page through Debian's Chromium, the node through the
 * jar's {@code demo}.
 */
class HallSittingIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SITTING = "s-2027-1";
  private static final Pattern RECEIPT = Pattern.compile("[0-9a-f]{4} [0-9a-f]{4}");
  private static final List<WebDriver> browsers = new ArrayList<>();
  private static DemoNode node;
  private static WebDriver clerk;
  private static WebDriver seatA;
  private static WebDriver seatB;
  private static WebDriver screen;

  @BeforeAll
  static void start() throws Exception {
    node = DemoNode.start();
    clerk = browser(1440, 900);
    seatA = browser(1280, 800);
    seatB = browser(1280, 800);
    screen = browser(1920, 1080);
  }

  @AfterAll
  static void stop() {
    browsers.forEach(WebDriver::quit);
    if (node != null) {
      node.close();
    }
  }

  /** The README's table of pages is what the demo prints, and each address serves its page. */
  @Test
  void theDemoPrintsTheFivePagesAsTheReadmeSays() throws Exception {
    java.util.regex.Matcher pages =
        Pattern.compile("`http://localhost:8080(/(terminal|clerk|display|audit|scrutineer)/[^`]*)`")
            .matcher(Files.readString(Path.of("README.md")));
    List<String> paths = new ArrayList<>();
    while (pages.find()) {
      paths.add(pages.group(1));
    }
    assertEquals(5, paths.size(), paths.toString());
    for (String path : paths) {
      assertTrue(node.stdout().contains(node.url(path)), path + " not in:\n" + node.stdout());
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(node.url(path))).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode(), path);
      assertTrue(page.body().contains("<script type=\"module\""), path);
    }
  }

  @Test
  void aSittingFromRosterFileToVerifiedBundle() throws Exception {
    clerkCreatesTheSitting();
    String codeA = clerkMakesACode("seat-01");
    String codeB = clerkMakesACode("seat-02");
    enrol(seatA, codeA, "seat-01");
    enrol(seatB, codeB, "seat-02");
    checkIn(seatA, "1", "111111"); // the keypad's 1 is deputy number 0001
    checkIn(seatB, "2", "222222");
    clerkChecksInByHand("0003");
    screen.get(node.url("/display/?sitting=" + SITTING));
    waitText(screen, "[data-test=present]", "3");
    assertEquals("3", text(screen, "[data-test=members]"));
    Chromium.screenshot(screen, "sitting-screen-idle");

    recordedMotion();
    secretElection();
  }

  private void recordedMotion() throws Exception {
    clerkDefinesAMotion("m-budget", "关于2027年预算的决议");
    clerkOpens("m-budget");
    waitText(seatA, "[data-test=ballot-title]", "预算");
    waitText(screen, "[data-test=prompt]", "请代表按键表决");

    click(seatA, "mark-m1-for");
    // A reload before confirming comes back to the marks as the deputy left them.
    seatA.navigate().refresh();
    waitText(seatA, "[data-test=ballot-title]", "预算");
    assertEquals("true", visible(seatA, "mark-m1-for").getAttribute("aria-pressed"));
    click(seatA, "to-review");
    click(seatA, "confirm");
    String receiptA = receipt(seatA);

    click(seatB, "mark-m1-for");
    click(seatB, "to-review");
    click(seatB, "confirm");
    String receiptB = receipt(seatB);
    // A reload after the cast shows 已投票 with the same receipt and casts nothing again.
    seatB.navigate().refresh();
    assertEquals(receiptB, receipt(seatB));
    assertFalse(receiptA.equals(receiptB));
    waitText(screen, "[data-test=returned]", "2");
    assertEquals("3", text(screen, "[data-test=present-count]"));
    Chromium.screenshot(screen, "sitting-screen-voting");

    // A motion is closed and announced in one step.
    clerkActs("m-budget", "closeAnnounce", "announced");
    waitFor(screen, "[data-test=result]");
    assertEquals("2", text(screen, "[data-test=for-m1]"));
    assertEquals("0", text(screen, "[data-test=against-m1]"));
    assertEquals("通过", text(screen, "[data-test=outcome-m1]"));
    Chromium.screenshot(screen, "sitting-screen-motion");
    JsonNode item = json("/api/ballots/m-budget/result", null).path("items").path(0);
    assertEquals(2, item.path("for").asInt(), item.toString());
    assertEquals("passed", item.path("outcome").asText(), item.toString());
  }

  private void secretElection() throws Exception {
    clerkDefinesAnElection("e-director", "主任委员选举");
    assertEquals(
        "主任委员选举",
        json("/api/ballots/e-director", null).path("spec").path("title").asText(),
        "the form starts blank after the motion was defined");
    clerkOpens("e-director");
    // The tokens are taken at the open, before any mark.
    waitText(seatA, "[data-test=token-state]", "选票已领取");
    waitText(seatB, "[data-test=token-state]", "选票已领取");

    click(seatA, "mark-s1-c1-for");
    click(seatA, "mark-s1-c2-for");
    waitText(seatA, "[data-test=ballot-message]", "应选 1 名");
    assertEquals("false", visible(seatA, "mark-s1-c2-for").getAttribute("aria-pressed"));
    Chromium.screenshot(seatA, "sitting-terminal-over-selection");
    click(seatA, "to-review");
    click(seatA, "confirm");
    String receiptA = receipt(seatA).replace(" ", "");
    Chromium.screenshot(seatA, "sitting-terminal-voted");

    click(seatB, "mark-s1-c1-for");
    click(seatB, "mark-s1-c2-against");
    // B reloads after marking: the same token comes back, the paper empty (a secret ballot's marks
    // are never written to the tablet before the cast); one cast is counted.
    seatB.navigate().refresh();
    waitText(seatB, "[data-test=token-state]", "选票已领取");
    assertEquals("false", visible(seatB, "mark-s1-c1-for").getAttribute("aria-pressed"));
    click(seatB, "mark-s1-c1-for");
    click(seatB, "to-review");
    click(seatB, "confirm");
    receipt(seatB);
    waitText(screen, "[data-test=returned]", "2");

    clerkActs("e-director", "close", "closed");
    waitFor(screen, "[data-test=phase-closed]");
    assertTrue(screen.findElements(By.cssSelector("[data-test=result]")).isEmpty());
    assertFalse(screen.findElement(By.tagName("body")).getText().contains("当选"));
    clerkActs("e-director", "announce", "announced");
    waitFor(screen, "[data-test=elected-c1]");
    assertEquals("2", text(screen, "[data-test=votes-c1]"));
    assertEquals("0", text(screen, "[data-test=votes-c2]"));
    Chromium.screenshot(screen, "sitting-screen-election");

    receiptIsFound("e-director", receiptA);
    bundleVerifies("e-director");
  }

  // ---- the clerk console ----

  private void clerkCreatesTheSitting() throws Exception {
    clerk.get(node.url("/clerk/"));
    visibleId(clerk, "login-name").sendKeys(DemoNode.CLERK);
    clerk.findElement(By.id("login-password")).sendKeys(DemoNode.CLERK_PASSWORD);
    clerk.findElement(By.id("login-submit")).click();
    wait(clerk)
        .until(
            d ->
                d.findElement(By.id("create-form")).isDisplayed()
                    || d.findElement(By.id("console-view")).isDisplayed());
    Path roster = Files.createTempFile("roster", ".csv");
    Files.write(
        roster,
        String.join("\r\n", "代表证号,姓名,密码", "0001,张伟,111111", "0002,王芳,222222", "0003,李娜,333333")
            .getBytes(Charset.forName("GB18030")));
    visibleId(clerk, "create-id").sendKeys(SITTING);
    clerk.findElement(By.id("create-title")).sendKeys("第十六届人民代表大会常务委员会第一次会议");
    clerk.findElement(By.id("roster-file")).sendKeys(roster.toString());
    waitTextId(clerk, "roster-summary", "共 3 名代表");
    clerk.findElement(By.id("create-submit")).click();
    wait(clerk).until(ExpectedConditions.textToBe(By.cssSelector("[data-test=members]"), "3"));
    Chromium.screenshot(clerk, "sitting-clerk-created");
  }

  private String clerkMakesACode(String terminal) throws Exception {
    clerk.findElement(By.id("tab-terminals")).click();
    visibleId(clerk, "code-terminal").sendKeys(terminal);
    clerk.findElement(By.id("code-submit")).click();
    WebElement code =
        wait(clerk)
            .until(
                d -> {
                  for (WebElement c : d.findElements(By.cssSelector(".code"))) {
                    if (c.getText().contains(terminal)) {
                      return c.findElement(By.cssSelector("[data-test=enrolment-code]"));
                    }
                  }
                  return null;
                });
    String digits = code.getText().replace(" ", "");
    assertTrue(digits.matches("\\d{8}"), digits);
    return digits;
  }

  private void clerkChecksInByHand(String deputy) throws Exception {
    clerk.findElement(By.id("tab-attendance")).click();
    wait(clerk)
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#attendance-rows input[data-deputy='" + deputy + "']")))
        .click();
    clerk.findElement(By.id("bulk-check-in")).click();
    wait(clerk).until(ExpectedConditions.textToBe(By.cssSelector("[data-test=present]"), "3"));
    wait(clerk).until(ExpectedConditions.textToBe(By.id("quorum-state"), "已达到法定人数"));
    Chromium.screenshot(clerk, "sitting-clerk-attendance");
  }

  private void clerkDefinesAMotion(String id, String title) throws Exception {
    clerk.findElement(By.id("tab-define")).click();
    clerk.findElement(By.id("kind-motion")).click();
    visibleId(clerk, "ballot-id").sendKeys(id);
    clerk.findElement(By.id("ballot-title")).sendKeys(title);
    clerk.findElement(By.id("motion-items")).sendKeys(title);
    clerk.findElement(By.id("define-submit")).click();
    awaitStatus(id, "draft");
  }

  private void clerkDefinesAnElection(String id, String title) throws Exception {
    clerk.findElement(By.id("tab-define")).click();
    clerk.findElement(By.id("kind-election")).click();
    visibleId(clerk, "ballot-id").sendKeys(id);
    clerk.findElement(By.id("ballot-title")).sendKeys(title);
    clerk.findElement(By.cssSelector(".section-form [data-field=title]")).sendKeys("主任委员");
    new Select(clerk.findElement(By.cssSelector(".section-form [data-field=post]")))
        .selectByValue("chief");
    WebElement seats = clerk.findElement(By.cssSelector(".section-form [data-field=seats]"));
    seats.clear();
    seats.sendKeys("1");
    clerk.findElement(By.cssSelector(".section-form [data-field=candidates]")).sendKeys("张明\n李华");
    clerk.findElement(By.id("define-submit")).click();
    awaitStatus(id, "draft");
  }

  private void clerkOpens(String ballot) throws Exception {
    clerk.findElement(By.id("tab-ballots")).click();
    clerkActs(ballot, "open", "open");
  }

  /** Presses a ballot's button (confirming where the console asks) and waits for its status. */
  private void clerkActs(String ballot, String action, String status) throws Exception {
    clerk.findElement(By.id("tab-ballots")).click();
    wait(clerk)
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#ballot-" + ballot + " [data-action=" + action + "]")))
        .click();
    List<WebElement> confirm = clerk.findElements(By.id("confirm-yes"));
    if (!confirm.isEmpty()) {
      try {
        new WebDriverWait(clerk, Duration.ofSeconds(2))
            .until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes")))
            .click();
      } catch (org.openqa.selenium.TimeoutException e) {
        // this step asks no confirmation
      }
    }
    awaitStatus(ballot, status);
    Chromium.screenshot(clerk, "sitting-clerk-" + ballot + "-" + status);
  }

  private void awaitStatus(String ballot, String status) {
    wait(clerk)
        .until(
            ExpectedConditions.attributeToBe(
                By.cssSelector("#ballot-" + ballot), "data-status", status));
  }

  // ---- the seat terminals ----

  private void enrol(WebDriver seat, String code, String terminal) throws Exception {
    seat.get(node.url("/terminal/"));
    for (char digit : code.toCharArray()) {
      key(seat, "enrol", String.valueOf(digit));
    }
    key(seat, "enrol", "ok");
    waitText(seat, "[data-test=staff]", terminal);
  }

  private void checkIn(WebDriver seat, String number, String pin) throws Exception {
    for (char c : number.toCharArray()) {
      key(seat, "check-in", String.valueOf(c));
    }
    key(seat, "check-in", "ok");
    for (char c : pin.toCharArray()) {
      key(seat, "check-in", String.valueOf(c));
    }
    key(seat, "check-in", "ok");
    waitText(seat, "[data-test=welcome]", number.equals("1") ? "张伟" : "王芳");
  }

  private static void key(WebDriver seat, String screen, String key) {
    wait(seat)
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("#screen-" + screen + " [data-test='key-" + key + "']")))
        .click();
  }

  private static String receipt(WebDriver seat) {
    visible(seat, "voted");
    String code = visible(seat, "receipt").getText();
    assertTrue(RECEIPT.matcher(code).matches(), code);
    return code;
  }

  // ---- the audit page and the verifier ----

  private void receiptIsFound(String ballot, String code) throws Exception {
    WebDriver audit = clerk;
    audit.get(node.url("/audit/?sitting=" + SITTING));
    wait(audit)
        .until(
            d ->
                !d.findElements(By.cssSelector("#receipt-ballot option[value=" + ballot + "]"))
                    .isEmpty());
    new Select(audit.findElement(By.id("receipt-ballot"))).selectByValue(ballot);
    audit
        .findElement(By.id("receipt-code"))
        .sendKeys(code.substring(0, 4) + " " + code.substring(4));
    audit.findElement(By.cssSelector("#receipt-form button[type=submit]")).click();
    waitText(audit, "[data-test=receipt-answer]", "找到");
    Chromium.screenshot(audit, "sitting-audit-receipt");
  }

  private void bundleVerifies(String ballot) throws Exception {
    String auditor =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.url("/api/login")))
                    .header("content-type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"auditor\",\"password\":\"auditor-demo\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String token = new ObjectMapper().readTree(auditor).get("token").asText();
    HttpResponse<byte[]> bundle =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(node.url("/api/ballots/" + ballot + "/bundle")))
                    .header("authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, bundle.statusCode());
    Path file = Files.createTempDirectory("bundle").resolve(ballot + ".bundle.json");
    Files.write(file, bundle.body());
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "votehall.jar").toAbsolutePath().toString(),
                "verify",
                file.toString(),
                "--trust",
                Path.of("keys", "dev", "node-1.pub").toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
    String said =
        new String(verify.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, verify.exitValue(), said);
  }

  // ---- common ----

  private static WebDriver browser(int width, int height) throws Exception {
    WebDriver driver = Chromium.open(width, height);
    browsers.add(driver);
    return driver;
  }

  private static WebDriverWait wait(WebDriver driver) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class).pollingEvery(Duration.ofMillis(100));
    return wait;
  }

  private static WebElement visible(WebDriver driver, String test) {
    return wait(driver)
        .withMessage(() -> test + " not shown; the page says: " + body(driver))
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test='" + test + "']")));
  }

  private static WebElement visibleId(WebDriver driver, String id) {
    return wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  private static void click(WebDriver driver, String test) {
    wait(driver)
        .withMessage(() -> test + " not clickable; the page says: " + body(driver))
        .until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='" + test + "']")))
        .click();
  }

  private static void waitFor(WebDriver driver, String css) {
    wait(driver)
        .withMessage(() -> css + " not shown; the page says: " + body(driver))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void waitText(WebDriver driver, String css, String part) {
    wait(driver)
        .withMessage(() -> css + " never showed \"" + part + "\"; the page says: " + body(driver))
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .anyMatch(e -> e.isDisplayed() && e.getText().contains(part)));
  }

  private static void waitTextId(WebDriver driver, String id, String part) {
    waitText(driver, "#" + id, part);
  }

  private static String text(WebDriver driver, String css) {
    return wait(driver)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)))
        .getText();
  }

  private static String body(WebDriver driver) {
    return driver.findElement(By.tagName("body")).getText().replace('\n', ' ');
  }

  private static JsonNode json(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return new ObjectMapper()
        .readTree(
            HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString())
                .body());
  }
}
