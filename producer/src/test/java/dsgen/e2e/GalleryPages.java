package dsgen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import dsgen.producer.StageDouble;
import dsgen.records.Pair;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.WebElement;

/**
 * What a person does on the producer's pages, with what they should see, asserted on the DOM; each
 * step leaves a screenshot under {@code producer/target/gallery/}.
 */
final class GalleryPages {
  private static final Duration PAGE = Duration.ofSeconds(60);

  private final GalleryBrowser browser;
  private final URI base;
  private final String token;

  GalleryPages(GalleryBrowser browser, URI base, String token) {
    this.browser = browser;
    this.base = base;
    this.token = token;
  }

  /** A wrong token in the tab: the page asks for one, and the right one lets it in. */
  void badTokenShowsTheAuthPrompt() {
    browser.open(base.resolve("/").toString());
    browser.script("sessionStorage.setItem('dsgen-token', 'not-the-token')");
    browser.open(base.resolve("/").toString());
    browser.await("the auth prompt shows", PAGE, () -> browser.one("#auth-prompt").isDisplayed());
    String reason = browser.one("#auth-reason").getText();
    assertTrue(reason.contains("refused"), reason);
    browser.screenshot("auth-prompt");
    WebElement field = browser.one("#auth-token");
    field.clear();
    field.sendKeys(token);
    browser.one("#auth-form button").click();
    browser.await(
        "the jobs list replaces the prompt",
        PAGE,
        () -> !browser.one("#auth-prompt").isDisplayed() && !browser.all(".job").isEmpty());
  }

  void jobReachesHundredPercent(String jobId, Duration timeout) {
    String row = ".job[data-job-id='" + jobId + "']";
    browser.await(
        jobId + " shows 100 % and finished",
        timeout,
        () ->
            "100".equals(browser.one(row).getAttribute("data-percent"))
                && "finished".equals(browser.one(row).getAttribute("data-state")));
    assertEquals("100 %", browser.one(row + " .percent").getText());
    assertEquals(3, browser.all(row + " .bar").size(), "generated + one bar per recipe");
    browser.screenshot("jobs");
  }

  void datasetShowsOneTilePerImageWithAnOverlayPerRecipe(String dataset, int images, int recipes) {
    browser.open(base.resolve("/dataset.html?dataset=" + dataset).toString());
    browser.await(
        images + " tiles with " + recipes + " loaded overlays each",
        PAGE,
        () ->
            browser.all(".tile").size() == images
                && browser.all(".tile img.overlay[data-loaded]").size() == images * recipes
                && browser.all(".tile img.photo[data-loaded]").size() == images * recipes);
    for (WebElement tile : browser.all(".tile")) {
      assertEquals(recipes, tile.findElements(org.openqa.selenium.By.cssSelector(".pair")).size());
    }
    assertTrue(browser.all(".placeholder").isEmpty(), "no object is missing or corrupt");
    assertEquals(
        2 * recipes, browser.all("table.summary tr[data-class]").size(), "2 classes per recipe");
    browser.screenshot("dataset");
  }

  void classFilterNarrowsTheGrid(String dataset, String className, int expected) {
    browser.one("#filter-class option[value='" + className + "']").click();
    browser.await(
        "the grid narrows to " + expected + " " + className + " tiles",
        PAGE,
        () ->
            browser.all(".tile").size() == expected
                && browser.all(".tile img.overlay[data-loaded]").size() == 2 * expected);
    for (WebElement tile : browser.all(".tile")) {
      assertTrue(
          !tile.findElements(
                  org.openqa.selenium.By.cssSelector(".legend [data-class='" + className + "']"))
              .isEmpty(),
          "each tile shows " + className);
    }
    String address = (String) browser.script("return location.search");
    assertTrue(address.contains("class=" + className), address);
    browser.screenshot("filter-" + className);
  }

  void fullSizeViewOpens(String promptWord) {
    browser.all(".tile .pair").get(0).click();
    browser.await(
        "the full-size view with its overlay and annotation",
        PAGE,
        () ->
            browser.one("#viewer").isDisplayed()
                && browser.all("#viewer-overlay[data-loaded]").size() == 1
                && !browser.all("#viewer-meta dd[data-field='prompt']").isEmpty());
    String prompt = browser.one("#viewer-meta dd[data-field='prompt']").getText();
    assertTrue(prompt.contains(promptWord), prompt);
    browser.script(
        "const s = document.getElementById('opacity'); s.value = 20;"
            + " s.dispatchEvent(new Event('input'));");
    assertEquals("0.2", browser.one("#viewer-overlay").getCssValue("opacity"));
    browser.screenshot("viewer");
    browser.one("#viewer-close").click();
    assertTrue(!browser.one("#viewer").isDisplayed());
  }

  /**
   * Publishes {@code images} images to {@code dataset}, each a copy of a real image's pairs (same
   * objects, new image id): a large dataset for the page's timings.
   *
   * @return pairs published
   */
  static int publishCopies(StageDouble stages, List<Pair> pairs, String dataset, int images) {
    Map<String, List<Pair>> byImage = new LinkedHashMap<>();
    pairs.forEach(p -> byImage.computeIfAbsent(p.getImageId(), k -> new ArrayList<>()).add(p));
    List<List<Pair>> sources = new ArrayList<>(byImage.values());
    int published = 0;
    for (int i = 0; i < images; i++) {
      String imageId = String.format(Locale.ROOT, "%s-%06d", dataset, i);
      for (Pair p : sources.get(i % sources.size())) {
        stages.publish(Topics.PAIRS, imageId, copy(p, dataset, imageId));
        published++;
      }
    }
    return published;
  }

  /** Opens the large dataset cold and records first paint, the first page and its 50 tiles. */
  void measureLargeDataset(String dataset, int pairs, Path timingsFile) throws IOException {
    browser.open(base.resolve("/dataset.html?dataset=" + dataset).toString());
    browser.await(
        "the first page of tiles loaded",
        Duration.ofSeconds(120),
        () -> browser.script("return window.dsgenTimings.tilesMs") != null);
    Number fcp =
        (Number)
            browser.script(
                "const e = performance.getEntriesByName('first-contentful-paint')[0];"
                    + " return e ? e.startTime : null");
    Number firstPage = (Number) browser.script("return window.dsgenTimings.firstPageMs");
    Number tiles = (Number) browser.script("return window.dsgenTimings.tilesMs");
    assertEquals(50, ((Number) browser.script("return window.dsgenTimings.tiles")).intValue());
    assertEquals(50, browser.all(".tile").size(), "one page, not the whole dataset");
    assertTrue(browser.all(".placeholder").isEmpty(), "no object is missing or corrupt");
    browser.screenshot("dataset-" + pairs + "-pairs");
    String line =
        String.format(
            Locale.ROOT,
            "gallery, %d pairs in one dataset, headless Chromium: first contentful paint %.0f ms,"
                + " first page of tiles in the DOM %.0f ms after navigation, its 50 tiles (50 images"
                + " + 100 overlays) loaded %.0f ms after the page request%n",
            pairs,
            fcp == null ? Double.NaN : fcp.doubleValue(),
            firstPage.doubleValue(),
            tiles.doubleValue());
    System.out.print(line);
    Files.writeString(timingsFile, line, StandardCharsets.UTF_8);
    browser.script("document.getElementById('more').scrollIntoView()");
    browser.await(
        "scrolling to the end fetches the next page",
        PAGE,
        () -> browser.all(".tile").size() == 100);
  }

  void newPairAppearsWithoutReload(
      StageDouble stages, Pair source, String dataset, String imageId) {
    stages.publish(Topics.PAIRS, imageId, copy(source, dataset, imageId));
    browser.await(
        "the new image appears first in the grid without a reload",
        PAGE,
        () ->
            imageId.equals(browser.one("#grid .tile").getAttribute("data-image-id"))
                && browser.one("#grid .tile").getAttribute("class").contains("fresh"));
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("live");
  }

  private static Pair copy(Pair p, String dataset, String imageId) {
    return Pair.newBuilder(p).setDataset(dataset).setImageId(imageId).build();
  }
}
