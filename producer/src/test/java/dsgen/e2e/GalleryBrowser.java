package dsgen.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver, both the system's (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code ./dsgen deps} installs them): nothing is downloaded at run time.
 * Other locations: {@code -Ddsgen.chromium=...}, {@code -Ddsgen.chromedriver=...}.
 */
final class GalleryBrowser implements AutoCloseable {
  private static final String CHROMIUM = System.getProperty("dsgen.chromium", "/usr/bin/chromium");
  private static final String DRIVER =
      System.getProperty("dsgen.chromedriver", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path screenshots;

  GalleryBrowser(Path screenshots, Path profile) throws IOException {
    for (String binary : List.of(CHROMIUM, DRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new IllegalStateException(
            binary
                + " is missing: the browser test needs Debian's chromium and chromium-driver"
                + " (./dsgen deps installs them: apt-get install -y chromium chromium-driver)");
      }
    }
    Files.createDirectories(screenshots);
    this.screenshots = screenshots;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // without the networking switches Chromium keeps opening connections to its own services
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    this.driver = new ChromeDriver(service, options);
  }

  void open(String url) {
    driver.get(url);
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  WebElement one(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Polls until {@code probe} is true; the failure says what was awaited and screenshots it. */
  void await(String what, Duration timeout, Supplier<Boolean> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Boolean.TRUE.equals(probe.get())) {
          return;
        }
      } catch (WebDriverException | IndexOutOfBoundsException e) {
        // the page is between two renders: look again
      }
      sleep(100);
    }
    screenshot("timeout");
    throw new AssertionError("timed out after " + timeout + " waiting until " + what);
  }

  /** Saves the viewport as {@code <screenshots>/<name>.png} for a person to look at. */
  Path screenshot(String name) {
    try {
      Path target = screenshots.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
