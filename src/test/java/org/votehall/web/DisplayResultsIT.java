package org.votehall.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.votehall.web.DisplayPageIT.fits;
import static org.votehall.web.DisplayPageIT.text;
import static org.votehall.web.DisplayPageIT.waitFor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The result of each kind as a real congress has it — 327 members, two election sections with a
 * write-in and a tie, the tie revote that follows, twelve projects, six rated items, a passed and a
 * void motion — fed to the page in place of the live feed. Each result is what the rules engine
 * computes from a spec and generated ballots ({@link DisplayFixtures}). The demo's ballots are too
 * small to show that such results still fit 1920×1080 and 1280×720 without scrolling, with every
 * verdict where the hall looks for it.
 */
class DisplayResultsIT {
  private static DemoNode node;
  private static final List<WebDriver> screens = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    screens.add(Chromium.open(1920, 1080));
    screens.add(Chromium.open(1280, 720));
    node = DemoNode.start();
    String fixtures = DisplayFixtures.all().toString();
    for (WebDriver screen : screens) {
      ((ChromeDriver) screen)
          .executeCdpCommand(
              "Page.addScriptToEvaluateOnNewDocument", Map.of("source", feed(fixtures)));
    }
  }

  @AfterAll
  static void stop() {
    screens.forEach(WebDriver::quit);
    if (node != null) {
      node.close();
    }
  }

  /**
   * A stand-in for the node, run before the page's modules: ?fixture=NAME makes the status fetch
   * and the live feed (one status a second) answer with that fixture.
   */
  private static String feed(String fixtures) {
    return "(() => {"
        + " const status = ("
        + fixtures
        + ")[new URLSearchParams(location.search).get('fixture')];"
        + " if (!status) return;"
        + " const text = JSON.stringify(status);"
        + " window.fetch = async () => new Response(text, {status: 200, headers:"
        + "   {'content-type': 'application/json', 'date': new Date().toUTCString()}});"
        + " window.EventSource = class {"
        + "   static CLOSED = 2;"
        + "   constructor() { this.readyState = 1; this.listeners = [];"
        + "     setInterval(() => this.listeners.forEach((f) => f({data: text})), 1000); }"
        + "   addEventListener(type, f) { if (type === 'status') this.listeners.push(f); }"
        + "   close() {}"
        + " };"
        + "})();";
  }

  private static void show(String fixture) throws Exception {
    // Both screens load at once (a get() would wait for each page in turn).
    for (WebDriver screen : screens) {
      ((JavascriptExecutor) screen)
          .executeScript(
              "location.assign(arguments[0])",
              node.url("/display/?sitting=hall&fixture=" + fixture));
    }
    for (WebDriver screen : screens) {
      DisplayPageIT.patient(screen)
          .until(
              d ->
                  d.getCurrentUrl().contains("fixture=" + fixture)
                      && !d.findElements(By.cssSelector("[data-test=result]")).isEmpty());
      waitFor(screen, "[data-test=announcement]");
      // The fit runs again when a late font part arrives: read once the fonts are in.
      assertTrue(DisplayPageIT.fontUsed(screen));
      fits(screen);
    }
    Chromium.screenshot(screens.get(0), "display-" + fixture);
    Chromium.screenshot(screens.get(1), "display-" + fixture + "-720");
  }

  private static void each(String css, String expected) {
    for (WebDriver screen : screens) {
      assertEquals(expected, text(screen, css), css);
    }
  }

  @Test
  void anElectionShowsVotesElectedAndTies() throws Exception {
    show("election");
    each("[data-test=votes-m1]", "305");
    each("[data-test=elected-m1]", "当选");
    for (String elected : List.of("c1", "c2", "c3")) {
      each("[data-test=elected-" + elected + "]", "当选");
    }
    each("[data-test=tie-c4]", "得票相等");
    each("[data-test=tie-c5]", "得票相等");
    each("[data-test=votes-c5]", "200");
    for (WebDriver screen : screens) {
      assertTrue(screen.findElement(By.cssSelector(".write-in")).getText().contains("王五"));
      assertTrue(screen.findElements(By.cssSelector("[data-test=elected-c4]")).isEmpty());
      assertTrue(text(screen, "[data-test=result-summary]").contains("当选所需：164 票"));
    }
  }

  @Test
  void aTieRevoteSaysSoInItsTitle() throws Exception {
    show("runoff");
    each("[data-test=round]", "再次投票");
    each("[data-test=votes-c4]", "176");
    each("[data-test=elected-c4]", "当选");
    for (WebDriver screen : screens) {
      assertTrue(screen.findElements(By.cssSelector("[data-test=elected-c5]")).isEmpty());
      // A tie round has no threshold: nothing "needed to be elected".
      assertFalse(text(screen, "[data-test=result-summary]").contains("当选所需"));
    }
  }

  @Test
  void aSelectionRanksTheProjects() throws Exception {
    show("selection");
    for (int p = 1; p <= 8; p++) {
      each("[data-test=selected-p" + p + "]", "入选");
    }
    each("[data-test=votes-p12]", "120");
    for (WebDriver screen : screens) {
      assertTrue(screen.findElements(By.cssSelector("[data-test=selected-p9]")).isEmpty());
    }
  }

  @Test
  void aRatingShowsRatesAndGrades() throws Exception {
    show("rating");
    each("[data-test=rate-r1]", "93.55%");
    each("[data-test=grade-r1]", "满意");
    each("[data-test=grade-r6]", "不满意");
  }

  @Test
  void aMotionShowsItsVerdictLarge() throws Exception {
    show("motion");
    each("[data-test=verdict]", "通过");
    each("[data-test=for-budget]", "270");
    each("[data-test=notvoted-budget]", "14");
  }

  @Test
  void aVoidMotionSaysItIsVoid() throws Exception {
    show("void");
    each("[data-test=void]", "本次表决无效");
    each("[data-test=outcome-plan]", "无效");
  }
}
