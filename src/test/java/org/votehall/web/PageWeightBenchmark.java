package org.votehall.web;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What each page costs a hall PC or tablet on first load: the requests, the bytes (scripts and
 * styles, font parts), and the time until its web font has drawn the text — measured in Debian's
 * headless Chromium against the demo started from the jar, each page in a fresh browser (an empty
 * cache). Run: {@code java -cp target/votehall.jar:target/test-classes:$(cat target/cp.txt)
 * org.votehall.web.PageWeightBenchmark} (BENCHMARKS.md).
 */
public final class PageWeightBenchmark {
  private static final List<String> PAGES =
      List.of("/terminal/", "/clerk/", "/display/?sitting=demo", "/audit/?sitting=demo");

  private PageWeightBenchmark() {}

  public static void main(String[] args) throws Exception {
    try (DemoNode node = DemoNode.start()) {
      System.out.println(
          "| page | requests | scripts and styles | font parts | fonts ready after |");
      System.out.println("|---|---|---|---|---|");
      for (String page : PAGES) {
        boolean screen = page.startsWith("/display");
        WebDriver browser = Chromium.open(screen ? 1920 : 1280, screen ? 1080 : 800);
        try {
          browser.get(node.url(page));
          new WebDriverWait(browser, java.time.Duration.ofSeconds(30))
              .until(
                  d ->
                      "complete"
                          .equals(
                              ((JavascriptExecutor) d)
                                  .executeScript("return document.readyState")));
          @SuppressWarnings("unchecked")
          Map<String, Object> weight =
              (Map<String, Object>)
                  ((JavascriptExecutor) browser)
                      .executeAsyncScript(
                          """
                            const done = arguments[arguments.length - 1];
                            setTimeout(() => document.fonts.ready.then(() => {
                              const entries = performance.getEntriesByType('resource');
                              const fonts = entries.filter((e) => e.name.includes('/fonts/'));
                              const code = entries.filter((e) => /\\.(js|css)$/.test(new URL(e.name).pathname));
                              const bytes = (list) => list.reduce((n, e) => n + e.encodedBodySize, 0);
                              const fontsEnd = Math.max(0, ...fonts.map((e) => e.responseEnd));
                              done({requests: entries.length + 1, code: code.length, codeBytes: bytes(code),
                                    fonts: fonts.length, fontBytes: bytes(fonts), fontsReady: Math.round(fontsEnd)});
                            }), 1500);
                            """);
          System.out.printf(
              "| `%s` | %s | %s files, %.0f KB | %s parts, %.0f KB | %s ms |%n",
              page,
              weight.get("requests"),
              weight.get("code"),
              ((Number) weight.get("codeBytes")).doubleValue() / 1024,
              weight.get("fonts"),
              ((Number) weight.get("fontBytes")).doubleValue() / 1024,
              weight.get("fontsReady"));
        } finally {
          browser.quit();
        }
      }
    }
  }
}
