package dsgen.masks.pcc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** One case of {@code fixtures/masks} with its expected pcc outputs (layout: fixtures/masks/README.md). */
record PccFixtureCase(String name, Path dir) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path fixtures() {
    return Path.of(System.getProperty("dsgen.fixtures", "../fixtures"));
  }

  /** Every case folder that holds expected pcc outputs. */
  static List<PccFixtureCase> all() {
    try (Stream<Path> cases = Files.list(fixtures().resolve("masks"))) {
      return cases.filter(d -> Files.isRegularFile(d.resolve("expected/pcc/recipe.json"))).sorted()
          .map(d -> new PccFixtureCase(d.getFileName().toString(), d)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  AttentionFile attention() {
    return AttentionFile.read(dir.resolve(caseJson().get("attention").asText()));
  }

  RgbImage image() {
    return RgbImage.decode(read(dir.resolve(caseJson().get("image").asText())));
  }

  Recipe recipe() {
    return Recipes.fromCanonicalJson(new String(read(expected("recipe.json")), StandardCharsets.UTF_8));
  }

  /** A label PNG's pixel values (palette indices), row-major. */
  int[] labels(String file) {
    try {
      BufferedImage img = ImageIO.read(expected(file).toFile());
      Raster raster = img.getRaster();
      int[] out = new int[img.getWidth() * img.getHeight()];
      raster.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** soft.npy: little-endian float32 [C, H, W], C-order, as [C][H*W]. */
  float[][] soft() {
    ByteBuffer b = ByteBuffer.wrap(read(expected("soft.npy"))).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = b.getShort(8) & 0xFFFF;
    String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
    if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
      throw new IllegalStateException("soft.npy is not little-endian float32 in C order: " + header);
    }
    Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+), (\\d+)\\)").matcher(header);
    if (!m.find()) {
      throw new IllegalStateException("soft.npy shape is not [C, H, W]: " + header);
    }
    int classes = Integer.parseInt(m.group(1));
    int pixels = Integer.parseInt(m.group(2)) * Integer.parseInt(m.group(3));
    b.position(10 + headerLength);
    float[][] out = new float[classes][pixels];
    for (float[] c : out) {
      b.asFloatBuffer().get(c);
      b.position(b.position() + 4 * pixels);
    }
    return out;
  }

  private Path expected(String file) {
    return dir.resolve("expected/pcc").resolve(file);
  }

  private JsonNode caseJson() {
    try {
      return JSON.readTree(dir.resolve("case.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
