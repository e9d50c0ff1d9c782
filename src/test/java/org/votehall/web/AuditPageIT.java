package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audit page: a deputy finds their receipt in an announced ballot (and a made-up one is not
 * found); an auditor signs in, downloads a bundle byte for byte as served, reads how to verify it
 * and sees the nodes' checkpoints.
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
