package org.votehall.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromium-driver: no browser is downloaded (the
 * paths are given, so Selenium Manager never runs). Each call opens a browser of its own with a
 * fresh user-data dir: separate storage, so two terminals are two tablets.
 */
public final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Chromium() {}

  /** True where the browser and its driver are installed (.ci/run installs them). */
  public static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /**
   * A browser with a window of {@code width}×{@code height}, its profile in a new folder. Without
   * Debian's chromium and chromium-driver the browser tests are skipped, said so in the report; CI
   * ({@code .ci/run}) installs them and runs with {@code -Dvotehall.browsers=required}, which fails
   * instead.
   */
  public static WebDriver open(int width, int height) throws IOException {
    if (!installed() && "required".equals(System.getProperty("votehall.browsers"))) {
      throw new AssertionError(
          "browser tests required, but " + BROWSER + " or " + DRIVER + " is missing");
    }
    Assumptions.assumeTrue(
        installed(),
        "browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
            + " chromium-driver); skipped");
    Path profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    viewport(driver, width, height);
    return driver;
  }

  /**
   * Makes the page's viewport (not the window around it) {@code width}×{@code height}, as on the
   * tablet or the projector: headless Chromium's window is larger than its viewport.
   */
  static void viewport(WebDriver driver, int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    for (int tries = 0; tries < 3; tries++) {
      @SuppressWarnings("unchecked")
      java.util.List<Long> inner =
          (java.util.List<Long>)
              ((org.openqa.selenium.JavascriptExecutor) driver)
                  .executeScript("return [window.innerWidth, window.innerHeight];");
      long dw = width - inner.get(0);
      long dh = height - inner.get(1);
      if (dw == 0 && dh == 0) {
        return;
      }
      Dimension outer = driver.manage().window().getSize();
      driver
          .manage()
          .window()
          .setSize(new Dimension((int) (outer.getWidth() + dw), (int) (outer.getHeight() + dh)));
    }
  }

  /**
   * Saves what the page shows as {@code target/screenshots/NAME.png}, once the parts of the web
   * font its text needs have arrived (a machine without CJK fonts would show tofu until then).
   */
  public static Path screenshot(WebDriver driver, String name) throws IOException {
    ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " document.fonts.ready.then(() => requestAnimationFrame(() => done(true)));");
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }
}
