package dsgen.masks.cli;

import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.masks.io.AttentionFileException;
import dsgen.masks.io.MaskOutputs;
import dsgen.recipe.InvalidRecipeException;
import dsgen.recipe.Recipe;
import dsgen.recipe.Recipes;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./dsgen masks --attention FILE --image FILE --recipe METHOD [--param key=value ...] --out
 * DIR}: masks from an attention file, offline. Exit 0 on success, 2 with a one-line reason on bad
 * input, 1 on an internal error.
 */
public final class MasksCommand {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  private static final String USAGE =
      "usage: dsgen masks --attention FILE --image FILE --recipe METHOD "
          + "[--param key=value ...] --out DIR";

  /** Parsed command line. */
  record Options(Path attention, Path image, String method, Map<String, String> params, Path out) {}

  /** A problem with what the user gave, reported as one line. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  private MasksCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      out.println(
          "methods: "
              + String.join(", ", Recipes.methods())
              + "; parameters: docs/algorithms.md#recipes");
      return OK;
    }
    try {
      Options o = parse(args);
      long t0 = System.nanoTime();
      AttentionFile attention = AttentionFile.read(o.attention());
      RgbImage image = RgbImage.decode(Files.readAllBytes(o.image()));
      Recipe recipe = Recipes.resolve(o.method(), o.params(), attention.topResolution());
      MaskResult result = MaskMethods.forName(recipe.method()).compute(attention, image, recipe);
      MaskOutputs.write(o.out(), result, image, recipe);
      out.printf(
          "%s: %d class(es), %dx%d, %d ms -> %s%n",
          recipe.recipeId(),
          result.classes(),
          result.width(),
          result.height(),
          (System.nanoTime() - t0) / 1_000_000,
          o.out());
      return OK;
    } catch (BadInput | InvalidRecipeException | AttentionFileException e) {
      err.println("dsgen masks: " + e.getMessage());
      return BAD_INPUT;
    } catch (NoSuchFileException e) {
      err.println("dsgen masks: no such file: " + e.getFile());
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("dsgen masks: " + e.getMessage());
      return BAD_INPUT;
    } catch (IOException | UncheckedIOException e) {
      err.println(
          "dsgen masks: "
              + e.getMessage()
              + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
      return e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException
          ? BAD_INPUT
          : FAILED;
    }
  }

  static Options parse(String[] args) throws BadInput {
    Path attention = null;
    Path image = null;
    String method = null;
    Path out = null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new BadInput("unexpected argument '" + a + "'; " + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new BadInput(a + " needs a value; " + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--attention" -> attention = Path.of(v);
        case "--image" -> image = Path.of(v);
        case "--recipe" -> method = v;
        case "--out" -> out = Path.of(v);
        case "--param" -> {
          int eq = v.indexOf('=');
          if (eq <= 0) {
            throw new BadInput("--param '" + v + "': expected key=value");
          }
          String key = v.substring(0, eq).trim();
          if (params.put(key, v.substring(eq + 1)) != null) {
            throw new BadInput("--param " + key + " given twice");
          }
        }
        default -> throw new BadInput("unknown option " + a + "; " + USAGE);
      }
    }
    if (attention == null || image == null || method == null || out == null) {
      throw new BadInput(
          "missing "
              + (attention == null
                  ? "--attention"
                  : image == null ? "--image" : method == null ? "--recipe" : "--out")
              + "; "
              + USAGE);
    }
    if (!Files.isRegularFile(attention)) {
      throw new BadInput("attention file " + attention + " does not exist");
    }
    if (!Files.isRegularFile(image)) {
      throw new BadInput("image " + image + " does not exist");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInput(
          "--out " + out + " is an existing file; --out names the folder the masks are written to");
    }
    return new Options(attention, image, method, params, out);
  }
}
