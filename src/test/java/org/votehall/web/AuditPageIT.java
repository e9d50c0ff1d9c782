package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.votehall.crypto.CanonicalJson;
import org.votehall.crypto.Sha256;
import org.votehall.crypto.SigningKey;
import org.votehall.ledger.Countersigning;

/**
 * The audit page: a deputy finds their receipt in an announced ballot (and a made-up one is not
 * found); an auditor signs in, downloads a bundle byte for byte as served, reads how to verify it
 * and sees the nodes' checkpoints; anyone, without signing in, reads each sealed result's bundle
 * digest (what the report's QR code holds) and who of the scrutineers countersigned it.
 */
class AuditPageIT {
  private static DemoNode node;
  private static DisplayPageIT.Hall hall;
  private static String receipt;

  @BeforeAll
  static void start() throws Exception {
    node = DemoNode.start();
    hall = new DisplayPageIT.Hall(node);
    hall.attend(5, 45);
    hall.checkIn(1, "d001");
    hall.checkIn(2, "d002");
    hall.clerk("POST", "/api/ballots/budget-2027/open", "{}");
    receipt = hall.castRecorded(1, "d001", "budget-2027", Map.of("budget", "for", "plan", "for"));
    hall.castRecorded(2, "d002", "budget-2027", Map.of("budget", "against", "plan", "for"));
    hall.clerk("POST", "/api/ballots/budget-2027/close", null);
    hall.clerk("POST", "/api/ballots/budget-2027/announce", null);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String audit() {
    return node.url("/audit/?sitting=demo");
  }

  @Test
  void aDeputyFindsTheirReceipt() throws Exception {
    WebDriver browser = Chromium.open(1280, 900);
    try {
      // Opened without a sitting: the demo sitting is picked from the list.
      browser.get(node.url("/audit/"));
      By demo = By.cssSelector("#sitting-list [data-sitting=demo]");
      wait(browser).until(d -> !d.findElements(demo).isEmpty());
      String choice = browser.findElement(demo).getText();
      assertTrue(choice.contains("市人大第一次全体会议（演示）") && choice.contains("应到 60 人"), choice);
      browser.findElement(demo).click();
      wait(browser)
          .until(d -> !d.findElements(By.cssSelector("option[value=budget-2027]")).isEmpty());
      assertTrue(browser.getCurrentUrl().contains("sitting=demo"), browser.getCurrentUrl());
      assertEquals("true", browser.findElement(demo).getDomAttribute("aria-current"));
      new Select(browser.findElement(By.id("receipt-ballot"))).selectByValue("budget-2027");
      // As a deputy copies it from the terminal: the first eight digits, in two groups, in
      // capitals.
      String typed = (receipt.substring(0, 4) + " " + receipt.substring(4, 8)).toUpperCase();
      browser.findElement(By.id("receipt-code")).sendKeys(typed);
      browser.findElement(By.cssSelector("#receipt-form button[type=submit]")).click();
      waitForVerdict(browser, "找到：您的选票已计入");
      assertTrue(
          browser
              .findElement(By.cssSelector("[data-test=receipt-answer]"))
              .getText()
              .contains(receipt));
      Chromium.screenshot(browser, "audit-receipt-found");

      browser.findElement(By.id("receipt-code")).clear();
      browser.findElement(By.id("receipt-code")).sendKeys("0000 0000 0000");
      browser.findElement(By.cssSelector("#receipt-form button[type=submit]")).click();
      waitForVerdict(browser, "未找到");
      Chromium.screenshot(browser, "audit-receipt-not-found");

      browser.findElement(By.id("receipt-code")).clear();
      browser.findElement(By.id("receipt-code")).sendKeys("xyz");
      browser.findElement(By.cssSelector("#receipt-form button[type=submit]")).click();
      wait(browser)
          .until(
              d ->
                  "bad-code"
                      .equals(
                          d.findElement(By.cssSelector("[data-test=receipt-answer]"))
                              .getAttribute("data-verdict")));
    } finally {
      browser.quit();
    }
  }

  @Test
  void anAuditorDownloadsABundleAndSeesTheCheckpoints() throws Exception {
    Path downloads = Files.createTempDirectory("audit-downloads");
    WebDriver browser = Chromium.open(1280, 900);
    try {
      ((ChromeDriver) browser)
          .executeCdpCommand(
              "Browser.setDownloadBehavior",
              Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      browser.get(audit());
      browser.findElement(By.id("login-name")).sendKeys(DemoNode.AUDITOR);
      browser.findElement(By.id("login-password")).sendKeys(DemoNode.AUDITOR_PASSWORD);
      browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
      wait(browser)
          .until(d -> !d.findElements(By.cssSelector("[data-test=bundle-budget-2027]")).isEmpty());
      assertTrue(
          browser
              .findElement(By.cssSelector("[data-test=verify-command]"))
              .getText()
              .contains("verify budget-2027.bundle.json --trust"));
      assertTrue(
          browser
              .findElement(By.cssSelector("[data-test=verify-scrutineers-command]"))
              .getText()
              .matches(
                  "java -jar votehall.jar verify budget-2027.bundle.json --trust .*"
                      + " --scrutineers S1.pub S2.pub S3.pub"));

      browser.findElement(By.cssSelector("[data-test=bundle-budget-2027]")).click();
      Path saved = downloads.resolve("budget-2027.bundle.json");
      new WebDriverWait(browser, Duration.ofSeconds(15))
          .withMessage("the bundle is saved as budget-2027.bundle.json")
          .until(d -> Files.isRegularFile(saved) && sizeOf(saved) > 0);
      String token = hall.login(DemoNode.AUDITOR, DemoNode.AUDITOR_PASSWORD);
      assertArrayEquals(bytes("/api/ballots/budget-2027/bundle", token), Files.readAllBytes(saved));

      if (status("/api/checkpoints", token) == 200) {
        assertTrue(
            browser.findElement(By.cssSelector("[data-test=checkpoints] table")).isDisplayed());
      }
      ((org.openqa.selenium.JavascriptExecutor) browser)
          .executeScript(
              "document.getElementById('checkpoints').scrollIntoView({block: 'center'})");
      Chromium.screenshot(browser, "audit-auditor");

      browser.findElement(By.id("logout")).click();
      wait(browser).until(d -> d.findElement(By.id("login-form")).isDisplayed());
    } finally {
      browser.quit();
    }
  }

  @Test
  void anyoneComparesTheBundleDigestAndSeesWhoCountersigned() throws Exception {
    WebDriver browser = Chromium.open(1280, 900);
    try {
      // The shared demo has no scrutineers: its announced ballot's digest, and no countersigning.
      String announced = countersigning(node, "budget-2027");
      browser.get(audit());
      assertEquals(grouped(announced), digestShown(browser, "budget-2027"));
      assertTrue(
          browser
              .findElements(By.cssSelector("[data-test=countersign-state-budget-2027]"))
              .isEmpty(),
          "no countersigning without a panel");
      assertTrue(browser.findElement(By.id("auditor")).getAttribute("class").contains("hidden"));

      try (DemoNode panelled = DemoNode.start()) {
        DisplayPageIT.Hall hall = new DisplayPageIT.Hall(panelled);
        ObjectMapper json = new ObjectMapper();
        hall.clerk(
            "PUT",
            "/api/sittings/demo/scrutineers",
            "{\"required\":1,\"scrutineers\":[{\"id\":\"S1\",\"name\":\"王总监\"}]}");
        SigningKey s1 = SigningKey.generate(new SecureRandom());
        String code =
            hall.clerk("POST", "/api/sittings/demo/scrutineers/S1/enrolment-code", null)
                .get("code")
                .asText();
        ObjectNode enrol =
            json.createObjectNode().put("code", code).put("key", s1.verifyingKey().base64());
        hall.json("POST", "/api/scrutineer-enrol", null, enrol.toString());
        hall.attend(1, 40);
        hall.clerk("POST", "/api/ballots/budget-2027/open", "{}");
        hall.clerk("POST", "/api/ballots/budget-2027/close", null);
        // A secret ballot closed with no cast: S1 will refuse it.
        hall.clerk("POST", "/api/ballots/rating-2026/open", "{}");
        hall.clerk("POST", "/api/ballots/rating-2026/close", null);

        String auditor = hall.login(DemoNode.AUDITOR, DemoNode.AUDITOR_PASSWORD);
        JsonNode bundle = hall.json("GET", "/api/ballots/budget-2027/bundle", auditor, null);
        String signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Countersigning.Countersignature signature =
            Countersigning.Sealed.of(bundle).countersign("S1", signedAt, s1);
        JsonNode view =
            hall.json(
                "POST",
                "/api/ballots/budget-2027/countersignatures",
                null,
                signature.toJson().toString());
        assertEquals("countersigned", view.get("state").asText(), view.toString());
        String fingerprint = view.get("countersignatures").get(0).get("fingerprint").asText();

        // The digest the node gives is the SHA-256 of the canonical bundle as sealed.
        ObjectNode sealed = (ObjectNode) bundle.deepCopy();
        sealed.remove("countersignatures");
        sealed.remove("refusals");
        String digest = Sha256.hex(CanonicalJson.bytes(sealed.toString()));
        assertEquals(digest, view.get("bundleDigest").asText());
        assertTrue(digest.matches("[0-9a-f]{64}"), digest);

        // Not signed in: the digest, in groups of four, and who countersigned.
        browser.get(panelled.url("/audit/?sitting=demo"));
        String shown = digestShown(browser, "budget-2027");
        assertEquals(grouped(digest), shown);
        assertEquals(digest, shown.replace(" ", ""));
        String card =
            browser.findElement(By.cssSelector("[data-test=digest-card-budget-2027]")).getText();
        assertTrue(card.contains("状态：已结束"), card);
        assertTrue(card.contains("监票人已签名"), card);
        assertTrue(card.contains("已签名 1 人，需 1 人"), card);
        assertTrue(card.contains("王总监（S1）于"), card);
        assertTrue(card.contains(fingerprint), card);
        String rating =
            browser.findElement(By.cssSelector("[data-test=digest-card-rating-2026]")).getText();
        assertTrue(rating.contains("待监票人签名"), rating);
        assertTrue(rating.contains("已签名 0 人，需 1 人"), rating);

        // S1 refuses the rating's result; 刷新 reads it again.
        JsonNode ratingBundle = hall.json("GET", "/api/ballots/rating-2026/bundle", auditor, null);
        String reason = "发出票数与签到人数不符";
        Countersigning.Refusal refusal =
            Countersigning.Sealed.of(ratingBundle).refuse("S1", signedAt, reason, s1);
        hall.json("POST", "/api/ballots/rating-2026/refusals", null, refusal.toJson().toString());
        browser.findElement(By.id("digests-refresh")).click();
        By ratingState = By.cssSelector("[data-test=countersign-state-rating-2026]");
        wait(browser)
            .withMessage("the refusal is shown")
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
            .until(d -> d.findElement(ratingState).getText().contains("监票人拒绝签名"));
        String refused =
            browser.findElement(By.cssSelector("[data-test=refusals-rating-2026]")).getText();
        assertTrue(refused.contains("王总监（S1）于") && refused.contains(reason), refused);
        assertEquals(grouped(digest), digestShown(browser, "budget-2027"));
        assertTrue(
            browser
                .findElement(By.cssSelector("[data-test=digests]"))
                .findElement(By.xpath(".."))
                .getText()
                .contains("用手机扫描计票结果报告单上的二维码，与此处摘要逐位核对"));
        assertTrue(browser.findElement(By.id("auditor")).getAttribute("class").contains("hidden"));
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "document.getElementById('digests-card').scrollIntoView({block: 'start'})");
        Chromium.screenshot(browser, "audit-digests");

        browser.get(panelled.url("/audit/?sitting=demo&lang=en"));
        assertEquals(digest, digestShown(browser, "budget-2027").replace(" ", ""));
        String english =
            browser.findElement(By.cssSelector("[data-test=digest-card-budget-2027]")).getText();
        assertTrue(english.contains("Status: Closed"), english);
        assertTrue(english.contains("Countersigned by the scrutineers"), english);
        assertTrue(english.contains("王总监 (S1) signed at"), english);
        assertTrue(english.contains(fingerprint), english);
        String ratingEn =
            browser.findElement(By.cssSelector("[data-test=digest-card-rating-2026]")).getText();
        assertTrue(ratingEn.contains("A scrutineer refused to countersign"), ratingEn);
        assertTrue(ratingEn.contains("王总监 (S1) refused at") && ratingEn.contains(reason), ratingEn);
        assertTrue(
            browser
                .findElement(By.id("digests-card"))
                .getText()
                .contains("Bundle digests and countersignatures"));
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "document.getElementById('digests-card').scrollIntoView({block: 'start'})");
        Chromium.screenshot(browser, "audit-digests-en");
      }
    } finally {
      browser.quit();
    }
  }

  /** The node's digest of a sealed ballot (public). */
  private static String countersigning(DemoNode on, String ballot) throws Exception {
    return new DisplayPageIT.Hall(on)
        .json("GET", "/api/ballots/" + ballot + "/countersignatures", null, null)
        .get("bundleDigest")
        .asText();
  }

  /** The digest as the page prints it, once it is there. */
  private static String digestShown(WebDriver browser, String ballot) {
    By digest = By.cssSelector("[data-test=digest-" + ballot + "]");
    wait(browser)
        .withMessage("the digest of " + ballot + " is shown")
        .until(d -> !d.findElements(digest).isEmpty());
    return browser.findElement(digest).getText();
  }

  /** 64 hex digits in groups of four, as the page prints them. */
  private static String grouped(String hex) {
    return String.join(" ", hex.split("(?<=\\G.{4})"));
  }

  private static void waitForVerdict(WebDriver browser, String verdict) {
    wait(browser)
        .withMessage(() -> "the lookup says " + verdict)
        .until(
            d ->
                d.findElement(By.cssSelector("[data-test=receipt-verdict]"))
                    .getText()
                    .equals(verdict));
  }

  private static WebDriverWait wait(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static HttpResponse<byte[]> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int status(String path, String token) throws Exception {
    return get(path, token).statusCode();
  }

  private static byte[] bytes(String path, String token) throws Exception {
    HttpResponse<byte[]> response = get(path, token);
    assertEquals(200, response.statusCode());
    return response.body();
  }
}
