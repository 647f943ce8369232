package dsgen.masks.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.LabelPng;
import dsgen.masks.io.Npy;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One conformance case of {@code fixtures/masks} (see its README): the attention file and image its
 * {@code case.json} points at, and the expected outputs per recipe under {@code
 * expected/<method>/}.
 */
public final class FixtureCase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Path dir;
  private final JsonNode caseJson;
  private AttentionFile attention;
  private RgbImage image;

  private FixtureCase(Path dir) {
    this.name = dir.getFileName().toString();
    this.dir = dir;
    try {
      this.caseJson = JSON.readTree(dir.resolve("case.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Root of the fixtures (system property {@code dsgen.fixtures}, set by surefire). */
  public static Path fixtures() {
    return Path.of(System.getProperty("dsgen.fixtures", "../fixtures"));
  }

  /** Every case folder, sorted by name. */
  public static List<FixtureCase> all() {
    try (Stream<Path> dirs = Files.list(fixtures().resolve("masks"))) {
      return dirs.filter(d -> Files.exists(d.resolve("case.json")))
          .sorted()
          .map(FixtureCase::new)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FixtureCase named(String name) {
    return new FixtureCase(fixtures().resolve("masks").resolve(name));
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public int topResolution() {
    return caseJson.get("R").asInt();
  }

  public Path attentionPath() {
    return dir.resolve(caseJson.get("attention").asText()).normalize();
  }

  public Path imagePath() {
    return dir.resolve(caseJson.get("image").asText()).normalize();
  }

  public synchronized AttentionFile attention() {
    if (attention == null) {
      attention = AttentionFile.read(attentionPath());
    }
    return attention;
  }

  public synchronized RgbImage image() {
    if (image == null) {
      try {
        image = RgbImage.decode(Files.readAllBytes(imagePath()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return image;
  }

  public boolean hasExpected(String method) {
    return Files.exists(dir.resolve("expected").resolve(method).resolve("recipe.json"));
  }

  /** The expected outputs of one recipe. */
  public Expected expected(String method) {
    Path e = dir.resolve("expected").resolve(method);
    try {
      Recipe recipe = Recipes.fromCanonicalJson(Files.readString(e.resolve("recipe.json")));
      Npy.Array soft = Npy.read(Files.readAllBytes(e.resolve("soft.npy")));
      LabelMap labels = LabelMap.read(e.resolve("labels.png"));
      Optional<LabelMap> blocky =
          Files.exists(e.resolve("labels_blocky.png"))
              ? Optional.of(LabelMap.read(e.resolve("labels_blocky.png")))
              : Optional.empty();
      return new Expected(recipe, soft, labels, blocky);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Expected outputs: the recipe as recorded, soft maps [C, H, W], the label map(s). */
  public record Expected(
      Recipe recipe, Npy.Array soft, LabelMap labels, Optional<LabelMap> labelsBlocky) {}

  /** A decoded label PNG. */
  public record LabelMap(int width, int height, int[] values) {
    public static LabelMap read(Path png) throws IOException {
      int[] size = new int[2];
      int[] values = LabelPng.decode(Files.readAllBytes(png), size);
      return new LabelMap(size[0], size[1], values);
    }

    public static LabelMap of(int width, int height, byte[] labels) {
      int[] v = new int[labels.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = labels[i] & 0xFF;
      }
      return new LabelMap(width, height, v);
    }
  }
}
