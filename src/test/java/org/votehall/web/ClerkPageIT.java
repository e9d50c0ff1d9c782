package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clerk console in Debian's Chromium against the demo node: log in, create a sitting from a
 * roster Excel saved as GB18030 (and see every bad line of a broken one), check deputies in by
 * hand, make a terminal enrolment code, define a motion with the form, open it, close and announce
 * it, export the result as CSV and print the count report. {@code -Dvotehall.url=http://…} runs it
 * against a node already running (quicker while writing the page).
 */
class ClerkPageIT {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final List<String> NAMES = List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊");

  private static DemoNode node;
  private static String base;
  private static WebDriver driver;
  private static WebDriverWait wait;
  private static Path files;

  @BeforeAll
  static void start() throws Exception {
    base = System.getProperty("votehall.url");
    if (base == null) {
      node = DemoNode.start();
      base = node.url("");
    }
    files = Files.createTempDirectory("clerk-files");
    driver = Chromium.open(1440, 900);
    // A ballot's card is rebuilt when its state changes: an element read mid-change is read again.
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class).pollingEvery(Duration.ofMillis(100));
    // Downloads land in a folder of ours, so the exported CSV's bytes can be read back.
    ((ChromeDriver) driver)
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", files.toString()));
  }

  /** What the page showed when a test failed, to see why. */
  @org.junit.jupiter.api.AfterEach
  void failureShot(org.junit.jupiter.api.TestInfo test) throws Exception {
    Chromium.screenshot(driver, "clerk-last-" + test.getTestMethod().orElseThrow().getName());
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aClerkRunsASittingFromRosterToPrintedResult() throws Exception {
    driver.get(base + "/clerk/");
    // A first visit: logged out if the other test logged in, and no sitting remembered.
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                d.findElement(By.id("login-name")).isDisplayed()
                    || d.findElement(By.id("logout")).isDisplayed());
    if (driver.findElement(By.id("logout")).isDisplayed()) {
      driver.findElement(By.id("logout")).click();
    }
    ((JavascriptExecutor) driver).executeScript("localStorage.clear();");
    logIn();

    String sitting = "s" + System.currentTimeMillis();
    refusesABrokenRoster();
    createsASittingFromAGbkRoster(sitting);
    picksTheNewSittingFromTheList(sitting);
    checksInSeveralAtOnce();
    makesAnEnrolmentCode();
    String ballot = definesAMotion();
    opensClosesAndAnnounces(ballot);
    exportsTheResultAsCsv(ballot);
    printsTheReport();
  }

  /**
   * The demo sitting: everyone checked in at once, an election with too few candidates (the
   * warnings are shown and confirmed), closed with no votes, so its result proposes a runoff; the
   * runoff is made from the result and then cancelled with a reason.
   */
  @Test
  void anElectionWithWarningsLeadsToARunoff() throws Exception {
    driver.get(base + "/clerk/");
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(
              d ->
                  d.findElement(By.id("login-name")).isDisplayed()
                      || d.findElement(By.id("choose-view")).isDisplayed()
                      || d.findElement(By.id("console-view")).isDisplayed());
    } catch (RuntimeException e) {
      Chromium.screenshot(driver, "clerk-demo-failed");
      throw new AssertionError(
          driver.getCurrentUrl() + " " + driver.findElement(By.tagName("main")).getText(), e);
    }
    if (driver.findElement(By.id("login-name")).isDisplayed()) {
      logIn();
    }
    // The other test may have left a sitting open (the console remembers the last one): switch.
    if (driver.findElement(By.id("console-view")).isDisplayed()) {
      driver.findElement(By.id("switch-sitting")).click();
    }
    // The demo sitting picked from the list, not typed.
    WebElement demo =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#sitting-list [data-sitting=demo]")));
    assertTrue(
        demo.getText().contains("市人大第一次全体会议（演示）") && demo.getText().contains("应到 60 人"),
        demo.getText());
    demo.click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=members]"), "60"));
    assertTrue(driver.getCurrentUrl().contains("sitting=demo"), driver.getCurrentUrl());
    driver.findElement(By.id("tab-attendance")).click();
    wait.until(
        d -> d.findElements(By.cssSelector("#attendance-rows tr[data-deputy]")).size() == 60);
    driver.findElement(By.id("tick-all")).click();
    driver.findElement(By.id("bulk-check-in")).click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=present]"), "60"));

    driver.findElement(By.id("tab-define")).click();
    driver.findElement(By.id("kind-election")).click();
    String ballot = "deputy-mayor-" + System.currentTimeMillis();
    driver.findElement(By.id("ballot-id")).sendKeys(ballot);
    driver.findElement(By.id("ballot-title")).sendKeys("副市长选举");
    driver.findElement(By.cssSelector(".section-form [data-field=title]")).sendKeys("副市长");
    WebElement seats = driver.findElement(By.cssSelector(".section-form [data-field=seats]"));
    seats.clear();
    seats.sendKeys("2");
    driver.findElement(By.cssSelector(".section-form [data-field=candidates]")).sendKeys("张明\n李华");
    driver.findElement(By.id("define-submit")).click();
    WebElement confirm =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#define-failure [data-test=confirm-warnings]")));
    String warnings = driver.findElement(By.cssSelector("#define-failure .warnings")).getText();
    assertTrue(warnings.contains("候选人数提示") && warnings.contains("expects"), warnings);
    shot("warnings");
    confirm.click();
    String card = "#ballot-" + ballot;
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "draft"));

    driver.findElement(By.cssSelector(card + " [data-action=open]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "open"));
    driver.findElement(By.cssSelector(card + " [data-action=close]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "closed"));
    // The card is rebuilt when the result arrives: wait on the text, not on an element held.
    By table = By.cssSelector(card + " [data-test=result] .figures-table");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(table, "张明"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(table, "另行选举候选人"));

    driver.findElement(By.cssSelector(card + " [data-follow-up=runoff]")).click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(card + " [data-test=confirm-warnings]")))
        .click();
    String runoff = "#ballot-" + ballot + "-runoff";
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(runoff), "data-status", "draft"));
    assertTrue(
        driver.findElement(By.cssSelector(runoff)).getText().contains("另行选举"),
        driver.findElement(By.cssSelector(runoff)).getText());
    shot("runoff");

    driver.findElement(By.cssSelector(runoff + " [data-action=cancel]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
    WebElement reason = driver.findElement(By.id("confirm-reason"));
    assertTrue(driver.findElement(By.id("confirm")).getText().contains("请填写取消原因"));
    reason.sendKeys("候选人须重新提名");
    driver.findElement(By.id("confirm-yes")).click();
    wait.until(
        ExpectedConditions.attributeToBe(By.cssSelector(runoff), "data-status", "cancelled"));
    assertTrue(
        driver
            .findElement(By.cssSelector(runoff + " [data-test=note]"))
            .getText()
            .contains("候选人须重新提名"));

    // One click to English and back: the panels are rebuilt in the other language.
    driver.findElement(By.id("language")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tab-ballots"), "Ballots"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(runoff + " [data-test=status]"), "Cancelled"));
    shot("english");
    driver.findElement(By.id("language")).click();
    wait.until(ExpectedConditions.textToBe(By.id("tab-ballots"), "表决"));

    definesASelectionAndARating();
  }

  /** The selection and rating forms give the specs of docs/formats.md, as the server keeps them. */
  private void definesASelectionAndARating() {
    driver.findElement(By.id("tab-define")).click();
    driver.findElement(By.id("kind-selection")).click();
    String selection = "projects-" + System.currentTimeMillis();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ballot-id")))
        .sendKeys(selection);
    driver.findElement(By.id("ballot-title")).sendKeys("2028年民生实事项目票决");
    driver.findElement(By.id("selection-items")).sendKeys("新建中小学校\n老旧小区改造\n社区卫生服务中心");
    WebElement k = driver.findElement(By.id("selection-select"));
    k.clear();
    k.sendKeys("2");
    driver.findElement(By.id("define-submit")).click();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#ballot-" + selection), "data-status", "draft"));
    Map<String, Object> kept = spec(selection);
    assertEquals("selection", kept.get("kind"));
    assertEquals(2L, kept.get("select"));
    assertEquals(3, ((List<?>) kept.get("items")).size(), kept.toString());

    driver.findElement(By.id("tab-define")).click();
    driver.findElement(By.id("kind-rating")).click();
    String rating = "rating-" + System.currentTimeMillis();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ballot-id"))).sendKeys(rating);
    driver.findElement(By.id("ballot-title")).sendKeys("2027年民生实事项目满意度测评");
    driver.findElement(By.id("rating-items")).sendKeys("新建中小学校\n老旧小区改造");
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("rating-model")))
        .selectByValue("rate");
    driver.findElement(By.id("define-submit")).click();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#ballot-" + rating), "data-status", "draft"));
    kept = spec(rating);
    assertEquals("rating", kept.get("kind"));
    assertEquals("rate", kept.get("model"));
    assertEquals("2027年民生实事项目满意度测评", kept.get("title"));
    assertEquals(2, ((List<?>) kept.get("items")).size(), kept.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(String ballot) {
    return (Map<String, Object>)
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " fetch('/api/ballots/' + arguments[0]).then((r) => r.json())"
                    + ".then((b) => done(b.spec));",
                ballot);
  }

  private void logIn() throws Exception {
    // The first load fetches the modules and the font's first parts: give it longer than a step.
    WebElement name;
    try {
      name =
          new WebDriverWait(driver, Duration.ofSeconds(30))
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")));
    } catch (RuntimeException e) {
      Chromium.screenshot(driver, "clerk-login-failed");
      throw new AssertionError(driver.getCurrentUrl() + " " + driver.getPageSource(), e);
    }
    shot("login");
    name.sendKeys(DemoNode.CLERK);
    driver.findElement(By.id("login-password")).sendKeys(DemoNode.CLERK_PASSWORD);
    driver.findElement(By.id("login-submit")).click();
    wait.until(
        d ->
            d.findElement(By.id("create-form")).isDisplayed()
                || d.findElement(By.id("console-view")).isDisplayed());
  }

  private void refusesABrokenRoster() throws Exception {
    Path broken =
        roster(
            "broken.csv",
            "代表证号,姓名,密码",
            "d01,张伟,123456",
            "d02,王芳,12",
            "d03,,123456",
            "d01,李娜,123456",
            "d 04,刘洋,123456",
            "d05");
    driver.findElement(By.id("roster-file")).sendKeys(broken.toString());
    WebElement problems =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("roster-problems")));
    List<String> lines =
        problems.findElements(By.cssSelector("li")).stream()
            .map(li -> li.getDomAttribute("data-line") + " " + li.getDomAttribute("data-problem"))
            .toList();
    assertEquals(
        List.of("3 short-pin", "4 no-name", "5 duplicate-id", "6 bad-id", "7 too-few-columns"),
        lines);
    assertTrue(problems.getText().contains("第 3 行"), problems.getText());
    assertTrue(problems.getText().contains("密码至少 4 位"), problems.getText());
    shot("roster-problems");
  }

  private void createsASittingFromAGbkRoster(String sitting) throws Exception {
    String[] lines =
        Stream.concat(
                Stream.of("代表证号,姓名,密码"),
                NAMES.stream().map(n -> "d0" + (NAMES.indexOf(n) + 1) + "," + n + ",12345" + 6))
            .toArray(String[]::new);
    Path good = roster("roster.csv", lines);
    assertTrue(
        Files.readAllBytes(good).length
            < String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8).length);
    driver.findElement(By.id("create-id")).sendKeys(sitting);
    driver.findElement(By.id("create-title")).sendKeys("第十六届人民代表大会第三次会议");
    driver.findElement(By.id("roster-file")).sendKeys(good.toString());
    WebElement summary =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("roster-summary")));
    assertTrue(summary.getText().contains("GB18030"), summary.getText());
    assertTrue(summary.getText().contains("共 6 名代表"), summary.getText());
    assertTrue(summary.getText().contains("张伟"), summary.getText());
    assertTrue(driver.findElements(By.id("roster-problems")).isEmpty());
    shot("roster-preview");
    driver.findElement(By.id("create-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=members]"), "6"));
    assertTrue(driver.getCurrentUrl().contains("sitting=" + sitting), driver.getCurrentUrl());
    assertEquals("第十六届人民代表大会第三次会议", driver.findElement(By.id("sitting-title")).getText());
    assertEquals("未达到法定人数", driver.findElement(By.id("quorum-state")).getText());
  }

  /**
   * Back to the chooser: the list, read again, holds the new sitting (title, id, 应到) with the
   * keyboard on it, since it was opened last; Enter opens it again.
   */
  private void picksTheNewSittingFromTheList(String sitting) throws Exception {
    driver.findElement(By.id("switch-sitting")).click();
    wait.until(d -> sitting.equals(d.switchTo().activeElement().getDomAttribute("data-sitting")));
    WebElement choice = driver.switchTo().activeElement();
    String text = choice.getText();
    assertTrue(
        text.contains("第十六届人民代表大会第三次会议") && text.contains(sitting) && text.contains("应到 6 人"),
        text);
    shot("sitting-list");
    choice.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=members]"), "6"));
    assertTrue(driver.getCurrentUrl().contains("sitting=" + sitting), driver.getCurrentUrl());
  }

  private void checksInSeveralAtOnce() throws Exception {
    driver.findElement(By.id("tab-attendance")).click();
    wait.until(d -> d.findElements(By.cssSelector("#attendance-rows tr[data-deputy]")).size() == 6);
    for (String deputy : List.of("d01", "d02", "d03", "d04")) {
      driver
          .findElement(By.cssSelector("#attendance-rows input[data-deputy='" + deputy + "']"))
          .click();
    }
    driver.findElement(By.id("bulk-check-in")).click();
    wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=present]"), "4"));
    wait.until(ExpectedConditions.textToBe(By.id("quorum-state"), "已达到法定人数"));
    wait.until(
        d ->
            d.findElements(By.cssSelector("#attendance-rows tr.present")).size() == 4
                && d.findElement(By.id("bulk-report")).getText().contains("完成 4 名"));
    WebElement search = driver.findElement(By.id("attendance-search"));
    search.sendKeys("王芳");
    wait.until(d -> d.findElements(By.cssSelector("#attendance-rows tr[data-deputy]")).size() == 1);
    shot("attendance");
    search.clear();
    search.sendKeys(" ");
  }

  private void makesAnEnrolmentCode() throws Exception {
    driver.findElement(By.id("tab-terminals")).click();
    WebElement terminal =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code-terminal")));
    terminal.sendKeys("seat-01");
    driver.findElement(By.id("code-submit")).click();
    WebElement code =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=enrolment-code]")));
    assertTrue(code.getText().matches("\\d{4} \\d{4}"), code.getText());
    shot("enrolment");
  }

  private String definesAMotion() throws Exception {
    driver.findElement(By.id("tab-define")).click();
    WebElement id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ballot-id")));
    String ballot = "budget-" + System.currentTimeMillis();
    id.sendKeys(ballot);
    driver.findElement(By.id("ballot-title")).sendKeys("关于2027年市级预算的决议");
    driver.findElement(By.id("motion-items")).sendKeys("关于2027年市级预算的决议");
    shot("define");
    driver.findElement(By.id("define-submit")).click();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("#ballot-" + ballot), "data-status", "draft"));
    return ballot;
  }

  private void opensClosesAndAnnounces(String ballot) throws Exception {
    String card = "#ballot-" + ballot;
    driver.findElement(By.id("countdown-" + ballot)).sendKeys("10");
    driver.findElement(By.cssSelector(card + " [data-action=open]")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "open"));
    wait.until(
        ExpectedConditions.textMatches(
            By.cssSelector(card + " [data-test=live]"), java.util.regex.Pattern.compile("发出 4")));
    assertTrue(
        driver.findElement(By.cssSelector(card + " [data-test=live]")).getText().contains("倒计时"));
    shot("ballot-open");
    driver.findElement(By.cssSelector(card + " [data-action=closeAnnounce]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-yes"))).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(card), "data-status", "announced"));
    WebElement announcement =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(card + " [data-test=announcement]")));
    assertTrue(announcement.getText().contains("未获通过"), announcement.getText());
    String table = driver.findElement(By.cssSelector(card + " .figures-table")).getText();
    assertTrue(table.contains("关于2027年市级预算的决议") && table.contains("未通过"), table);
    shot("result");
  }

  private void exportsTheResultAsCsv(String ballot) throws Exception {
    WebElement link =
        driver.findElement(By.cssSelector("#ballot-" + ballot + " [data-test=export-csv]"));
    assertTrue(link.getDomProperty("href").startsWith("blob:"), link.getDomProperty("href"));
    link.click();
    Path csv = files.resolve(ballot + "-result.csv");
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> Files.exists(csv) && csv.toFile().length() > 0);
    byte[] bytes = Files.readAllBytes(csv);
    assertTrue(
        bytes.length > 3
            && (bytes[0] & 0xff) == 0xEF
            && (bytes[1] & 0xff) == 0xBB
            && (bytes[2] & 0xff) == 0xBF,
        "no byte-order mark: " + Arrays.toString(Arrays.copyOf(bytes, 3)));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("计票结果报告单"), text);
    assertTrue(text.contains("第十六届人民代表大会第三次会议"), text);
    assertTrue(text.contains("发出票数,4"), text);
    assertTrue(text.contains("事项,赞成,反对,弃权,通过（当选）所需票数,结果"), text);
    assertTrue(text.contains("关于2027年市级预算的决议,0,0,0,4,未通过"), text);
  }

  private void printsTheReport() throws Exception {
    String report =
        driver.findElement(By.cssSelector(".ballot [data-test=report]")).getDomProperty("href");
    driver.get(report);
    WebElement announcement =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-announcement")));
    assertTrue(announcement.getText().contains("未获通过"), announcement.getText());
    assertEquals("第十六届人民代表大会第三次会议", driver.findElement(By.id("report-sitting")).getText());
    List<String> signatures =
        driver.findElements(By.cssSelector("[data-test=signature]")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(List.of("总监票人（签名）", "监票人（签名）", "计票人（签名）"), signatures);
    shot("report");
  }

  /**
   * A screenshot once the web font's parts for the text on screen have loaded (the font is split by
   * unicode-range and swapped in: a shot taken before shows boxes for the characters still coming).
   */
  private static void shot(String name) throws Exception {
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " const frame = () => new Promise((r) => requestAnimationFrame(() => r()));"
                + " (async () => { for (let i = 0; i < 5; i++) {"
                + " await frame(); await frame(); await document.fonts.ready;"
                + " if (document.fonts.status === 'loaded') break; } done(true); })();");
    Chromium.screenshot(driver, "clerk-" + name);
  }

  /** A roster as Excel on Chinese Windows saves it: GB18030 (GBK) bytes, CRLF line ends. */
  private static Path roster(String name, String... lines) throws Exception {
    Path file = files.resolve(name);
    Files.write(file, (String.join("\r\n", lines) + "\r\n").getBytes(GB18030));
    return file;
  }
}
