package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SignaturePurpose;
import org.votehall.crypto.SigningKey;

/**
 * Scrutineers countersign the count (docs/scrutineers.md), seen from the clerk console, the hall
 * screen and the printed report, against the demo node started from the jar: the clerk names a
 * panel of three (two must sign) and makes their enrolment codes in the console; the scrutineers
 * enrol keys made here and countersign through the API, as their own page or {@code votehall
 * countersign} would; the console holds back 宣布结果 until two have signed, then announces; the hall
 * screen shows who signed; the report lists the signatures and its QR code decodes to exactly the
 * SHA-256 of the sealed bundle. Then a refusal: the console offers only cancel and revote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClerkScrutinyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SITTING = "scrutiny-" + System.currentTimeMillis();
  private static final List<String> NAMES = List.of("王建国", "李明", "张丽", "刘强", "陈芳", "杨军");

  /** The sitting the English test drives: its data (titles, names) in Latin letters. */
  private static final String SITTING_EN = "scrutiny-en-" + System.currentTimeMillis();

  private static final List<String> LATIN_NAMES =
      List.of(
          "Anna Lindqvist",
          "Omar Haddad",
          "Sofia Rossi",
          "John Carter",
          "Maria Santos",
          "Ken Mori");

  /** CJK ideographs, and the CJK spaces and punctuation (、，：（）) no English line has a use for. */
  private static final Pattern CJK =
      Pattern.compile("[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]");

  private static final Map<String, SigningKey> KEYS = new LinkedHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static DemoNode node;
  private static HttpClient http;
  private static String clerkToken;
  private static String auditorToken;
  private static WebDriver clerk;
  private static WebDriver screen;
  private static WebDriverWait wait;
  private static WebDriverWait screenWait;

  @BeforeAll
  static void start() throws Exception {
    node = DemoNode.start();
    http = HttpClient.newHttpClient();
    clerkToken = logIn(DemoNode.CLERK, DemoNode.CLERK_PASSWORD);
    auditorToken = logIn(DemoNode.AUDITOR, DemoNode.AUDITOR_PASSWORD);
    createSitting(SITTING, "第十六届人民代表大会第四次会议", NAMES);
    createSitting(SITTING_EN, "Fourth Session of the Sixteenth People's Congress", LATIN_NAMES);
    clerk = Chromium.open(1440, 900);
    screen = Chromium.open(1920, 1080);
    wait = new WebDriverWait(clerk, WAIT);
    wait.ignoring(StaleElementReferenceException.class).pollingEvery(Duration.ofMillis(100));
    screenWait = new WebDriverWait(screen, WAIT);
    screenWait.ignoring(StaleElementReferenceException.class).pollingEvery(Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    for (WebDriver browser : new WebDriver[] {clerk, screen}) {
      if (browser != null) {
        browser.quit();
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @org.junit.jupiter.api.AfterEach
  void failureShot(org.junit.jupiter.api.TestInfo test) throws Exception {
    String name = test.getTestMethod().orElseThrow().getName();
    Chromium.screenshot(clerk, "scrutiny-last-clerk-" + name);
    Chromium.screenshot(screen, "scrutiny-last-screen-" + name);
  }

  @Test
  @Order(1)
  void twoOfThreeScrutineersCountersignBeforeTheAnnouncement() throws Exception {
    opensTheConsole(SITTING, "zh");
    namesThePanel();
    for (String scrutineer : List.of("S1", "S2", "S3")) {
      enrol(scrutineer, makesACode(scrutineer));
    }
    seesEveryKeyEnrolled(List.of("S1", "S2", "S3"), "已登记", "已登记密钥 3 名");
    shot(clerk, "clerk-panel");

    String ballot = "m-budget";
    define(SITTING, ballot, "关于2027年市级预算的决议");
    screen.get(node.url("/display/?sitting=" + SITTING));
    clerk.findElement(By.id("tab-ballots")).click();
    String card = "#ballot-" + ballot;
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "draft"));
    clerk.findElement(By.cssSelector(card + " [data-action=open]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "open"));
    // With scrutineers there is no 结束并宣布: the result must be countersigned first.
    assertTrue(clerk.findElements(By.cssSelector(card + " [data-action=closeAnnounce]")).isEmpty());
    screenWait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=voting]")));
    clerk.findElement(By.cssSelector(card + " [data-action=close]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "closed"));

    waitText(clerk, card + " [data-test=countersign-state]", "已封存，待监票人签名");
    WebElement announce = clerk.findElement(By.cssSelector(card + " [data-action=announce]"));
    assertFalse(announce.isEnabled(), "announce is disabled while countersignatures are awaited");
    assertTrue(
        text(clerk, card + " [data-test=announce-why]").contains("须有 2 名监票人签名"),
        text(clerk, card + " [data-test=announce-why]"));
    waitText(clerk, card + " [data-test=countersign-pending]", "赵监票");
    JsonNode refused = call("POST", "/api/ballots/" + ballot + "/announce", clerkToken, null, 409);
    assertEquals("awaiting-countersignatures", refused.path("error").asText(), refused.toString());
    shot(clerk, "clerk-awaiting");

    String digest = sealedDigest(ballot);
    JsonNode view = call("GET", "/api/ballots/" + ballot + "/countersignatures", null, null, 200);
    assertEquals(digest, view.path("bundleDigest").asText(), view.toString());
    assertEquals("awaiting", view.path("state").asText());
    waitText(clerk, card + " [data-test=bundle-digest]", digest.substring(0, 4));
    waitText(screen, "[data-test=countersign]", "监票人签名 0/3");

    String first = countersign(ballot, "S1");
    waitText(clerk, card + " [data-test=countersign-count]", "已签名 1 名");
    waitText(clerk, card + " [data-test=countersign-signed]", "王建国");
    assertTrue(
        text(clerk, card + " [data-test=countersign-signed]").contains(fours(fingerprint(first))),
        text(clerk, card + " [data-test=countersign-signed]"));
    assertFalse(clerk.findElement(By.cssSelector(card + " [data-action=announce]")).isEnabled());

    String second = countersign(ballot, "S2");
    waitText(clerk, card + " [data-test=countersign-state]", "监票人已签名");
    waitText(clerk, card + " [data-test=countersign-signed]", "李监票");
    assertTrue(
        text(clerk, card + " [data-test=countersign-signed]").contains(fours(fingerprint(second))),
        text(clerk, card + " [data-test=countersign-signed]"));
    wait.until(
        ExpectedConditions.elementToBeClickable(By.cssSelector(card + " [data-action=announce]")));
    shot(clerk, "clerk-countersigned");

    theHallSeesWhoSigned();

    clerk.findElement(By.cssSelector(card + " [data-action=announce]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "announced"));
    screenWait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=result]")));

    printsTheReport(ballot, digest, Map.of("S1", first, "S2", second));
  }

  @Test
  @Order(2)
  void aRefusalLeavesOnlyCancelAndRevote() throws Exception {
    String ballot = "m-plan";
    define(SITTING, ballot, "关于2027年国民经济和社会发展计划的决议");
    backToTheConsole();
    String card = "#ballot-" + ballot;
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "draft"));
    call("POST", "/api/ballots/" + ballot + "/open", clerkToken, Map.of(), 200);
    screenWait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=voting]")));
    call("POST", "/api/ballots/" + ballot + "/close", clerkToken, null, 200);
    waitText(clerk, card + " [data-test=countersign-state]", "已封存，待监票人签名");

    refuse(ballot, "S3", "收回票数与发出票数核对不符，须重新计票");
    waitText(clerk, card + " [data-test=countersign-state]", "监票人拒绝签名");
    waitText(clerk, card + " [data-test=refusal-reason]", "收回票数与发出票数核对不符");
    assertTrue(text(clerk, card + " [data-test=countersign-refused]").contains("赵监票"));
    assertTrue(text(clerk, card + " [data-test=refused-only]").contains("只能取消本次表决"));
    assertTrue(clerk.findElements(By.cssSelector(card + " [data-action=announce]")).isEmpty());
    List<String> actions =
        clerk.findElements(By.cssSelector(card + " .actions [data-action]")).stream()
            .map(b -> b.getDomAttribute("data-action"))
            .toList();
    assertEquals(List.of("cancel"), actions);
    List<String> followUps =
        clerk.findElements(By.cssSelector(card + " [data-follow-up]")).stream()
            .map(b -> b.getDomAttribute("data-follow-up"))
            .toList();
    assertEquals(List.of("revote"), followUps);
    JsonNode refused = call("POST", "/api/ballots/" + ballot + "/announce", clerkToken, null, 409);
    assertEquals("countersign-refused", refused.path("error").asText(), refused.toString());
    waitText(screen, "[data-test=countersign]", "拒绝签名");
    assertEquals(
        "refused",
        screen
            .findElement(By.cssSelector("[data-test=countersign-S3]"))
            .getDomAttribute("data-mark"));
    Chromium.screenshot(screen, "scrutiny-screen-refused");
    shot(clerk, "clerk-refused");

    // The report of a refused count says so, with the reason, and still carries the digest.
    clerk.get(node.url("/clerk/report.html?sitting=" + SITTING + "&ballot=" + ballot + "&lang=zh"));
    waitText(clerk, "#report-countersign-state", "有监票人拒绝签名");
    String refusal = text(clerk, "#report-refusals [data-scrutineer=S3]");
    assertTrue(refusal.contains("赵监票") && refusal.contains("须重新计票"), refusal);
    assertEquals(
        sealedDigest(ballot),
        clerk.findElement(By.id("report-qr")).getDomAttribute("data-payload"));
    shot(clerk, "report-refused");
    backToTheConsole();
    waitText(clerk, card + " [data-test=countersign-state]", "监票人拒绝签名");

    // The revote first (a draft following this ballot), then the refused ballot is cancelled.
    clerk.findElement(By.cssSelector(card + " [data-follow-up=revote]")).click();
    wait.until(
        ExpectedConditions.attributeToBe(By.cssSelector(card + "-revote"), "data-status", "draft"));
    clerk.findElement(By.cssSelector(card + " [data-action=cancel]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-reason")))
        .sendKeys("监票人拒绝签名，本次表决取消");
    clerk.findElement(By.id("confirm-yes")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "cancelled"));
    assertTrue(text(clerk, card + " [data-test=note]").contains("监票人拒绝签名，本次表决取消"));
  }

  /**
   * The same parts with {@code ?lang=en}, in a sitting whose titles and names are in Latin letters,
   * so that any CJK character shown is a word the page failed to translate: the scrutineers tab
   * (naming the panel, a code, the keys enrolled), a closed ballot awaiting countersignatures (宣布结果
   * disabled with its reason), then countersigned, a refused one, and the printed report of each.
   * Their ids are E1, E2, E3, their keys apart from the Chinese panel's.
   */
  @Test
  @Order(3)
  void theScrutinyPartsInEnglish() throws Exception {
    opensTheConsole(SITTING_EN, "en");
    assertEquals("Clerk console · votehall", clerk.getTitle());
    fillsThePanel(List.of("E1", "E2", "E3"), "Anna Lindqvist", "Pieter de Vries", "Clara Okafor");
    assertEquals("Majority", text(clerk, "#required-majority"));
    assertEquals("All", text(clerk, "#required-all"));
    assertTrue(text(clerk, "[data-test=panel-none]").startsWith("No scrutineers in this sitting"));
    english("#main");
    shot(clerk, "clerk-panel-form-en");
    clerk.findElement(By.id("panel-submit")).click();
    waitText(clerk, "#toasts", "Panel saved: 3 scrutineers, 2 must countersign.");
    english("#toasts");
    waitText(
        clerk,
        "[data-test=panel-summary]",
        "3 scrutineers, 0 with a key; 2 must countersign before an announcement.");
    assertTrue(text(clerk, "[data-test=panel-short]").startsWith("Fewer than 2 scrutineers"));
    assertEquals("not enrolled", text(clerk, "tr[data-scrutineer=E3] [data-test=enrolment]"));
    english("#main");

    Map<String, String> panel =
        Map.of("E1", "Anna Lindqvist", "E2", "Pieter de Vries", "E3", "Clara Okafor");
    for (String scrutineer : List.of("E1", "E2", "E3")) {
      String code = makesACode(scrutineer);
      String name = panel.get(scrutineer);
      waitText(clerk, "#toasts", "Code made for scrutineer " + name + ".");
      String card = "#scrutineer-codes [data-scrutineer=" + scrutineer + "]";
      assertEquals("Scrutineer " + scrutineer + " " + name, text(clerk, card + " .code-terminal"));
      assertTrue(text(clerk, card).contains("enters this code there:"), text(clerk, card));
      assertTrue(text(clerk, card).contains("shown this once only"), text(clerk, card));
      english("#main");
      english("#toasts");
      if (scrutineer.equals("E1")) {
        shot(clerk, "clerk-scrutineer-code-en");
      }
      enrol(scrutineer, code);
    }
    seesEveryKeyEnrolled(
        List.of("E1", "E2", "E3"),
        "enrolled",
        "3 scrutineers, 3 with a key; 2 must countersign before an announcement.");
    assertEquals(
        List.of("Id", "Name", "Deputy", "Key", "Key fingerprint", "Actions"),
        texts("#panel-table th"));
    english("#main");
    shot(clerk, "clerk-panel-en");

    String ballot = "m-budget-en";
    String card = "#ballot-" + ballot;
    define(SITTING_EN, ballot, "Resolution on the 2027 municipal budget");
    clerk.findElement(By.id("tab-ballots")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "draft"));
    clerk.findElement(By.cssSelector(card + " [data-action=open]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "open"));
    confirmsInEnglish(card, "close", "Close the ballot?", "closed");

    waitText(clerk, card + " [data-test=countersign-state]", "Sealed, awaiting countersignatures");
    assertEquals("0 signed, 2 needed", text(clerk, card + " [data-test=countersign-count]"));
    WebElement announce = clerk.findElement(By.cssSelector(card + " [data-action=announce]"));
    assertFalse(announce.isEnabled(), "announce is disabled while countersignatures are awaited");
    assertEquals("Announce", announce.getText());
    assertEquals(
        "2 scrutineers must countersign before the announcement (0 so far).",
        text(clerk, "#" + announce.getDomAttribute("aria-describedby")));
    waitText(
        clerk,
        card + " [data-test=countersign-pending]",
        "Not signed yet: Anna Lindqvist, Pieter de Vries, Clara Okafor");
    String digest = sealedDigest(ballot);
    waitText(clerk, card + " [data-test=bundle-digest]", fours(digest));
    assertTrue(text(clerk, card).contains("Bundle digest (SHA-256): "), text(clerk, card));
    assertTrue(text(clerk, card).contains("The hall screen does not show the result yet."));
    english("#main");
    shot(clerk, "clerk-awaiting-en");

    String first = countersign(ballot, "E1");
    waitText(clerk, card + " [data-test=countersign-count]", "1 signed, 2 needed");
    waitText(clerk, card + " [data-test=announce-why]", "(1 so far)");
    String second = countersign(ballot, "E2");
    waitText(clerk, card + " [data-test=countersign-state]", "Countersigned");
    wait.until(
        ExpectedConditions.elementToBeClickable(By.cssSelector(card + " [data-action=announce]")));
    assertTrue(clerk.findElements(By.cssSelector(card + " [data-test=announce-why]")).isEmpty());
    String signed = text(clerk, card + " [data-test=countersign-signed]");
    assertTrue(
        signed.contains("Anna Lindqvist · ")
            && signed.contains(" · signature " + fours(fingerprint(first)))
            && signed.contains("Pieter de Vries · "),
        signed);
    english("#main");
    shot(clerk, "clerk-countersigned-en");
    confirmsInEnglish(card, "announce", "Announce the result?", "announced");
    english("#main");

    clerk.get(
        clerk.findElement(By.cssSelector(card + " [data-test=report]")).getDomProperty("href"));
    waitText(clerk, "#report-countersign-state", "2 countersignatures needed, 2 given.");
    assertEquals("Count report · votehall", clerk.getTitle());
    assertEquals("Scrutineers' countersignatures", text(clerk, "#report-scrutiny h2"));
    assertEquals(
        List.of("Scrutineer", "Signed at", "Signature fingerprint"),
        texts("#report-countersignatures th"));
    reportListsTheSignatures(ballot, Map.of("E1", first, "E2", second), "yyyy-MM-dd HH:mm:ss");
    assertEquals(digest, clerk.findElement(By.id("report-qr")).getDomAttribute("data-payload"));
    assertTrue(text(clerk, "#report-seal").startsWith("Bundle digest (SHA-256)"));
    english("#report");
    english(".report-tools #print");
    fitsThePaper();
    shot(clerk, "report-en");

    // A refusal: only cancel and the revote, said in English, on the card and on the report.
    String refused = "m-plan-en";
    card = "#ballot-" + refused;
    define(SITTING_EN, refused, "Resolution on the 2027 development plan");
    call("POST", "/api/ballots/" + refused + "/open", clerkToken, Map.of(), 200);
    call("POST", "/api/ballots/" + refused + "/close", clerkToken, null, 200);
    refuse(refused, "E3", "The ballots returned do not match those issued");
    opensTheConsole(SITTING_EN, "en");
    clerk.findElement(By.id("tab-ballots")).click();
    waitText(clerk, card + " [data-test=countersign-state]", "Countersigning refused");
    assertTrue(
        text(clerk, card + " [data-test=refused-only]")
            .startsWith("A scrutineer refused to countersign"));
    assertTrue(
        text(clerk, card + " [data-test=countersign-refused]").contains("Clara Okafor · ")
            && text(clerk, card + " [data-test=countersign-refused]").contains(" · refused: "));
    assertEquals("Cancel", text(clerk, card + " .actions [data-action=cancel]"));
    assertEquals("Revote", text(clerk, card + " [data-follow-up=revote]"));
    english("#main");
    shot(clerk, "clerk-refused-en");
    clerk.get(
        clerk.findElement(By.cssSelector(card + " [data-test=report]")).getDomProperty("href"));
    waitText(clerk, "#report-countersign-state", "A scrutineer refused to countersign");
    assertEquals(List.of("Refused by", "Signed at", "Reason"), texts("#report-refusals th"));
    String refusal = text(clerk, "#report-refusals [data-scrutineer=E3]");
    assertTrue(refusal.contains("Clara Okafor") && refusal.contains("do not match"), refusal);
    english("#report");
  }

  // ---- the console ----

  /** From the report back to the console's ballots (the login lasts as long as the tab). */
  private static void backToTheConsole() {
    opensTheConsole(SITTING, "zh");
    clerk.findElement(By.id("tab-ballots")).click();
  }

  /**
   * The console of a sitting in a language ({@code ?lang=}), logging in first unless this tab
   * already has: the login lasts as long as the tab.
   */
  private static void opensTheConsole(String sitting, String lang) {
    clerk.get(node.url("/clerk/?sitting=" + sitting + "&lang=" + lang));
    new WebDriverWait(clerk, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("login-name")),
                ExpectedConditions.visibilityOfElementLocated(By.id("console-view"))));
    if (clerk.findElement(By.id("login-name")).isDisplayed()) {
      clerk.findElement(By.id("login-name")).sendKeys(DemoNode.CLERK);
      clerk.findElement(By.id("login-password")).sendKeys(DemoNode.CLERK_PASSWORD);
      clerk.findElement(By.id("login-submit")).click();
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=present]"), "6"));
  }

  /** The panel of three, two of whom must sign (过半数), with the form's own ids S1, S2, S3. */
  private void namesThePanel() throws Exception {
    fillsThePanel(List.of("S1", "S2", "S3"), "王建国", "李监票", "赵监票");
    shot(clerk, "clerk-panel-form");
    clerk.findElement(By.id("panel-submit")).click();
    wait.until(d -> d.findElements(By.cssSelector("#panel-table tbody tr")).size() == 3);
    waitText(clerk, "[data-test=panel-summary]", "共 3 名监票人，已登记密钥 0 名；宣布结果前须 2 名签名");
    assertTrue(text(clerk, "[data-test=panel-short]").contains("表决暂不能开始"));
    JsonNode panel = call("GET", "/api/sittings/" + SITTING + "/scrutineers", null, null, 200);
    assertEquals(2, panel.path("required").asInt(), panel.toString());
    assertEquals(
        "d01", panel.path("scrutineers").path(0).path("deputy").asText(), panel.toString());
    assertEquals("赵监票", panel.path("scrutineers").path(2).path("name").asText(), panel.toString());
  }

  /**
   * Three rows of a sitting with no panel yet, with these ids (the form proposes S1, S2, S3): the
   * first a deputy picked by number (the roster gives the name {@code picked}), the others typed;
   * the quick choice for a majority makes the required number 2. Not saved yet.
   */
  private void fillsThePanel(List<String> ids, String picked, String second, String third) {
    clerk.findElement(By.id("tab-scrutineers")).click();
    wait.until(d -> d.findElements(By.cssSelector("#panel-rows tr")).size() == 3);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=panel-none]")));
    List<WebElement> rows = clerk.findElements(By.cssSelector("#panel-rows tr"));
    for (int i = 0; i < rows.size(); i++) {
      WebElement id = rows.get(i).findElement(By.cssSelector("[data-field=id]"));
      assertEquals("S" + (i + 1), id.getDomProperty("value"));
      if (!ids.get(i).equals(id.getDomProperty("value"))) {
        id.sendKeys(Keys.chord(Keys.CONTROL, "a"), ids.get(i));
      }
    }
    rows.get(0).findElement(By.cssSelector("[data-field=deputy]")).sendKeys("d01", Keys.TAB);
    wait.until(
        d ->
            picked.equals(
                rows.get(0)
                    .findElement(By.cssSelector("[data-field=name]"))
                    .getDomProperty("value")));
    rows.get(1).findElement(By.cssSelector("[data-field=name]")).sendKeys(second);
    rows.get(2).findElement(By.cssSelector("[data-field=name]")).sendKeys(third);
    clerk.findElement(By.id("required-majority")).click();
    assertEquals("2", clerk.findElement(By.id("panel-required")).getDomProperty("value"));
  }

  /**
   * The scrutineer's code button, clicked again if the panel list was rebuilt under it (it is read
   * again every few seconds, and changes as the others enrol) or a notice covered it (the toasts
   * sit at the bottom right: the button is brought to the middle of the window first).
   */
  private String makesACode(String scrutineer) throws Exception {
    By button =
        By.cssSelector(
            "#panel-table [data-action=scrutineer-code][data-scrutineer=" + scrutineer + "]");
    wait.until(
        d -> {
          WebElement b = d.findElement(button);
          ((JavascriptExecutor) d)
              .executeScript("arguments[0].scrollIntoView({block: 'center'});", b);
          try {
            b.click();
            return true;
          } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            return false;
          }
        });
    String code =
        waitText(
            clerk,
            "#scrutineer-codes [data-scrutineer=" + scrutineer + "] [data-test=scrutineer-code]",
            " ");
    assertTrue(code.matches("\\d{4} \\d{4}"), code);
    assertEquals(
        node.url("/scrutineer/"),
        text(
            clerk,
            "#scrutineer-codes [data-scrutineer=" + scrutineer + "] [data-test=scrutineer-page]"));
    if (scrutineer.equals("S1")) {
      shot(clerk, "clerk-scrutineer-code");
    }
    return code.replace(" ", "");
  }

  /** As the scrutineer page does with a key of its own: POST /api/scrutineer-enrol. */
  private static void enrol(String scrutineer, String code) throws Exception {
    SigningKey key = SigningKey.generate(RANDOM);
    KEYS.put(scrutineer, key);
    JsonNode enrolled =
        call(
            "POST",
            "/api/scrutineer-enrol",
            null,
            Map.of("code", code, "key", key.verifyingKey().base64()),
            200);
    assertEquals(scrutineer, enrolled.path("scrutineer").asText(), enrolled.toString());
    assertEquals(key.verifyingKey().fingerprint(), enrolled.path("fingerprint").asText());
  }

  /**
   * The panel list is read again while the tab is open: each key's fingerprint appears, the row
   * says {@code enrolled} and the summary {@code summary}.
   */
  private void seesEveryKeyEnrolled(List<String> scrutineers, String enrolled, String summary) {
    for (String scrutineer : scrutineers) {
      String row = "#panel-table tr[data-scrutineer=" + scrutineer + "]";
      wait.until(ExpectedConditions.attributeToBe(By.cssSelector(row), "data-enrolled", "true"));
      assertEquals(
          fours(KEYS.get(scrutineer).verifyingKey().fingerprint()),
          text(clerk, row + " [data-test=fingerprint]"));
      assertEquals(enrolled, text(clerk, row + " [data-test=enrolment]"));
    }
    waitText(clerk, "[data-test=panel-summary]", summary);
    assertTrue(clerk.findElements(By.cssSelector("[data-test=panel-short]")).isEmpty());
    assertFalse(text(clerk, "#panel-list").contains("null"), text(clerk, "#panel-list"));
    // A code once used leaves the screen.
    wait.until(
        ExpectedConditions.invisibilityOfElementLocated(
            By.cssSelector("#scrutineer-codes [data-test=scrutineer-code]")));
  }

  // ---- the hall screen ----

  /** 监票人签名 2/3 with the signers ticked, legible and unscrolled at 1920×1080 and at 1280×720. */
  private void theHallSeesWhoSigned() throws Exception {
    waitText(screen, "[data-test=countersign]", "监票人签名 2/3");
    String line = text(screen, "[data-test=countersign]");
    assertTrue(line.contains("王建国 ✓") && line.contains("李监票 ✓"), line);
    assertEquals(
        "pending",
        screen
            .findElement(By.cssSelector("[data-test=countersign-S3]"))
            .getDomAttribute("data-mark"));
    assertTrue(text(screen, "[data-test=closed]").contains("表决已结束"));
    fitsTheScreen("scrutiny-screen-1920");
    Chromium.viewport(screen, 1280, 720);
    fitsTheScreen("scrutiny-screen-1280");
    Chromium.viewport(screen, 1920, 1080);
  }

  private static void fitsTheScreen(String name) throws Exception {
    Chromium.screenshot(screen, name);
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            ((JavascriptExecutor) screen)
                .executeScript(
                    "const s = document.getElementById('stage');"
                        + " const line = document.querySelector('[data-test=countersign]').getBoundingClientRect();"
                        + " return {scroll: s.scrollHeight - s.clientHeight, wide: s.scrollWidth - s.clientWidth,"
                        + " bottom: line.bottom - s.getBoundingClientRect().bottom,"
                        + " size: parseFloat(getComputedStyle(document.querySelector('.cs-person')).fontSize),"
                        + " width: innerWidth};");
    assertTrue(((Number) box.get("scroll")).doubleValue() <= 1, box.toString());
    assertTrue(((Number) box.get("wide")).doubleValue() <= 1, box.toString());
    assertTrue(((Number) box.get("bottom")).doubleValue() <= 0, box.toString());
    // Legible from the back of the hall: at least 2.4 % of the screen's width.
    double width = ((Number) box.get("width")).doubleValue();
    assertTrue(((Number) box.get("size")).doubleValue() >= width * 0.024, box.toString());
  }

  // ---- the report ----

  private void printsTheReport(String ballot, String digest, Map<String, String> signatures)
      throws Exception {
    String card = "#ballot-" + ballot;
    String report =
        clerk.findElement(By.cssSelector(card + " [data-test=report]")).getDomProperty("href");
    clerk.get(report);
    waitText(clerk, "#report-countersign-state", "须 2 名监票人签名，已签名 2 名");
    reportListsTheSignatures(ballot, signatures, "yyyy年M月d日 HH:mm:ss");
    assertEquals(List.of("王建国", "李监票"), texts("#report-countersignatures [data-test=name]"));
    // The paper signature lines stay: the digital ones do not replace the signed sheet.
    assertEquals(3, clerk.findElements(By.cssSelector("[data-test=signature]")).size());

    assertEquals(digest, text(clerk, "#report-digest").replaceAll("\\s", ""));
    assertTrue(text(clerk, "#report-digest").startsWith(digest.substring(0, 4) + " "));
    ((JavascriptExecutor) clerk)
        .executeScript("document.getElementById('report-qr').scrollIntoView({block: 'center'});");
    fitsThePaper();
    shot(clerk, "report");
    byte[] png = clerk.findElement(By.id("report-qr")).getScreenshotAs(OutputType.BYTES);
    Files.write(Chromium.SCREENSHOTS.resolve("scrutiny-report-qr.png"), png);
    assertEquals(digest, decodeQr(png), "the QR code holds exactly the bundle digest");
  }

  /**
   * One row per countersignature on the report: the scrutineer's name, when they signed (local
   * time, dated as {@code dated} writes it) and the 16 hex digits of their signature's fingerprint.
   */
  private static void reportListsTheSignatures(
      String ballot, Map<String, String> signatures, String dated) throws Exception {
    JsonNode view = call("GET", "/api/ballots/" + ballot + "/countersignatures", null, null, 200);
    DateTimeFormatter local = DateTimeFormatter.ofPattern(dated).withZone(ZoneId.systemDefault());
    for (JsonNode signed : view.path("countersignatures")) {
      String scrutineer = signed.path("scrutineer").asText();
      String row = "#report-countersignatures tr[data-scrutineer=" + scrutineer + "]";
      assertEquals(signed.path("name").asText(), text(clerk, row + " [data-test=name]"));
      assertEquals(
          local.format(Instant.parse(signed.path("signedAt").asText())),
          text(clerk, row + " [data-test=signed-at]"));
      assertEquals(
          fours(fingerprint(signatures.get(scrutineer))),
          text(clerk, row + " [data-test=fingerprint]"));
    }
    assertEquals(
        signatures.size(),
        clerk.findElements(By.cssSelector("#report-countersignatures tbody tr")).size());
  }

  private static String decodeQr(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    Result result = new MultiFormatReader().decode(bitmap, hints);
    return result.getText();
  }

  // ---- the scrutineers, through the API ----

  /**
   * SHA-256 of the sealed bundle as an auditor downloads it: without {@code countersignatures} and
   * {@code refusals}, canonical JSON.
   */
  private static String sealedDigest(String ballot) throws Exception {
    ObjectNode bundle = (ObjectNode) bundle(ballot);
    bundle.remove("countersignatures");
    bundle.remove("refusals");
    return Sha256.hex(CanonicalJson.bytes(JSON.writeValueAsString(bundle)));
  }

  private static JsonNode bundle(String ballot) throws Exception {
    return call("GET", "/api/ballots/" + ballot + "/bundle", auditorToken, null, 200);
  }

  /** A countersignature as docs/scrutineers.md defines it; answers its signature (base64). */
  private static String countersign(String ballot, String scrutineer) throws Exception {
    JsonNode bundle = bundle(ballot);
    String signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode message = JSON.createObjectNode();
    message.put("ballot", ballot).put("bundle", sealedDigest(ballot));
    message.set("result", bundle.path("result"));
    message.put("scrutineer", scrutineer).put("signedAt", signedAt);
    byte[] signature =
        KEYS.get(scrutineer)
            .sign(
                SignaturePurpose.COUNTERSIGNATURE,
                CanonicalJson.bytes(JSON.writeValueAsString(message)));
    String base64 = Base64.getEncoder().encodeToString(signature);
    JsonNode answer =
        call(
            "POST",
            "/api/ballots/" + ballot + "/countersignatures",
            null,
            Map.of("scrutineer", scrutineer, "signedAt", signedAt, "signature", base64),
            200);
    assertTrue(answer.toString().contains(fingerprint(base64)), answer.toString());
    return base64;
  }

  private static void refuse(String ballot, String scrutineer, String reason) throws Exception {
    String signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode message = JSON.createObjectNode();
    message.put("ballot", ballot).put("bundle", sealedDigest(ballot)).put("reason", reason);
    message.put("scrutineer", scrutineer).put("signedAt", signedAt);
    byte[] signature =
        KEYS.get(scrutineer)
            .sign(
                SignaturePurpose.COUNTERSIGN_REFUSAL,
                CanonicalJson.bytes(JSON.writeValueAsString(message)));
    JsonNode answer =
        call(
            "POST",
            "/api/ballots/" + ballot + "/refusals",
            null,
            Map.of(
                "scrutineer",
                scrutineer,
                "signedAt",
                signedAt,
                "reason",
                reason,
                "signature",
                Base64.getEncoder().encodeToString(signature)),
            200);
    assertEquals("refused", answer.path("state").asText(), answer.toString());
  }

  /** The first 16 hex digits of SHA-256 over the 64 signature bytes: what the report prints. */
  private static String fingerprint(String signature) {
    return Sha256.hex(Base64.getDecoder().decode(signature)).substring(0, 16);
  }

  private static String fours(String hex) {
    return hex.replaceAll("(.{4})(?=.)", "$1 ");
  }

  // ---- plumbing ----

  private static void define(String sitting, String ballot, String title) throws Exception {
    Map<String, Object> spec =
        Map.of(
            "id",
            ballot,
            "kind",
            "motion",
            "title",
            title,
            "secret",
            false,
            "members",
            NAMES.size(),
            "items",
            List.of(Map.of("id", "item", "title", title)));
    call("POST", "/api/sittings/" + sitting + "/ballots", clerkToken, Map.of("spec", spec), 200);
  }

  /** A sitting with deputies d01, d02 … of these names, every one checked in. */
  private static void createSitting(String id, String title, List<String> names) throws Exception {
    List<Map<String, String>> roster = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      roster.add(Map.of("id", "d0" + (i + 1), "name", names.get(i), "pin", "12345" + i));
    }
    call(
        "POST",
        "/api/sittings",
        clerkToken,
        Map.of("id", id, "title", title, "roster", roster),
        200);
    for (int i = 1; i <= names.size(); i++) {
      call("PUT", "/api/sittings/" + id + "/attendance/d0" + i, clerkToken, null, 200);
    }
  }

  private static String logIn(String name, String password) throws Exception {
    return call("POST", "/api/login", null, Map.of("name", name, "password", password), 200)
        .path("token")
        .asText();
  }

  private static JsonNode call(String method, String path, String token, Object body, int expect)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expect, response.statusCode(), method + " " + path + ": " + response.body());
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /**
   * What the part shows in English — its visible text, and the placeholders, accessible names and
   * titles of what is visible in it — holds no CJK character: every word comes from the page's
   * English messages, none falls back to Chinese, none is written into the script.
   */
  private static void english(String css) {
    String shown =
        (String)
            ((JavascriptExecutor) clerk)
                .executeScript(
                    "const part = document.querySelector(arguments[0]);"
                        + " const named = [...part.querySelectorAll('[placeholder], [aria-label], [title]')]"
                        + ".filter((e) => e.checkVisibility())"
                        + ".flatMap((e) => ['placeholder', 'aria-label', 'title'].map((a) => e.getAttribute(a) ?? ''));"
                        + " return [part.innerText, ...named].join('\\n');",
                    css);
    Matcher cjk = CJK.matcher(shown);
    if (cjk.find()) {
      throw new AssertionError(css + " shows \"" + cjk.group() + "\" in English:\n" + shown);
    }
  }

  /**
   * The card's step behind a confirmation ({@code action}): the dialog asks {@code question}, in
   * English only; once confirmed, the card's ballot has {@code status}.
   */
  private static void confirmsInEnglish(
      String card, String action, String question, String status) {
    clerk.findElement(By.cssSelector(card + " [data-action=" + action + "]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes")));
    assertTrue(text(clerk, "#confirm").startsWith(question), text(clerk, "#confirm"));
    english("#confirm");
    clerk.findElement(By.id("confirm-yes")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", status));
  }

  /** The texts of the console's or report's elements that {@code css} selects, in order. */
  private static List<String> texts(String css) {
    return clerk.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  /** The element's text, read again if the page rebuilt the element meanwhile. */
  private static String text(WebDriver driver, String css) {
    for (int tries = 0; ; tries++) {
      try {
        return driver.findElement(By.cssSelector(css)).getText();
      } catch (StaleElementReferenceException e) {
        if (tries == 5) {
          throw e;
        }
      }
    }
  }

  /** Waits until the element's text contains {@code part}; answers the text. */
  private static String waitText(WebDriver driver, String css, String part) {
    WebDriverWait w = driver == screen ? screenWait : wait;
    try {
      w.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
    } catch (RuntimeException e) {
      List<WebElement> found = driver.findElements(By.cssSelector(css));
      throw new AssertionError(
          css
              + " never held \""
              + part
              + "\": "
              + (found.isEmpty() ? "(absent)" : found.get(0).getText()),
          e);
    }
    return text(driver, css);
  }

  /** Every table of the report stays inside the sheet of paper, whatever the language. */
  private static void fitsThePaper() {
    Object outside =
        ((JavascriptExecutor) clerk)
            .executeScript(
                "const paper = document.querySelector('.report').getBoundingClientRect();"
                    + " return [...document.querySelectorAll('.report table')]"
                    + ".filter((t) => t.getBoundingClientRect().right > paper.right + 0.5)"
                    + ".map((t) => t.className || t.id || 'table');");
    assertEquals(List.of(), outside, "tables wider than the report's sheet");
  }

  private static void shot(WebDriver driver, String name) throws Exception {
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " const frame = () => new Promise((r) => requestAnimationFrame(() => r()));"
                + " (async () => { for (let i = 0; i < 5; i++) {"
                + " await frame(); await frame(); await document.fonts.ready;"
                + " if (document.fonts.status === 'loaded') break; } done(true); })();");
    Chromium.screenshot(driver, "scrutiny-" + name);
  }
}
