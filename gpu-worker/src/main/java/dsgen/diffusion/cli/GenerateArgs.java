package dsgen.diffusion.cli;

import dsgen.diffusion.ClassSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed options of {@code dsgen generate}. Size defaults to the model's native size when 0.
 */
record GenerateArgs(
    Path model,
    String prompt,
    String negativePrompt,
    List<ClassSpec> classes,
    String classPrompt,
    String descriptivePrompt,
    long seed,
    int steps,
    double guidance,
    Path latents,
    String capture,
    String dtype,
    String attentionDtype,
    int width,
    int height,
    Path out,
    String sampler) {

  static final String USAGE =
      "usage: dsgen generate --model DIR --prompt TEXT [--negative-prompt TEXT] "
          + "[--class NAME=LABEL ...] [--class-prompt TEXT] [--descriptive-prompt TEXT] --seed N --steps N --guidance G "
          + "[--sampler ddim|pndm|dpmsolver++|euler] [--latents FILE.npy] [--capture PROFILE] [--dtype float32|float16] [--attention-dtype float16|float32] "
          + "[--width W --height H] --out DIR";

  static GenerateArgs parse(String[] args) {
    Path model = null;
    Path out = null;
    Path latents = null;
    String prompt = null;
    String negative = "";
    String classPrompt = "";
    String descriptive = "";
    String capture = "default";
    String sampler = null;
    String dtype = null;
    String attentionDtype = "float16";
    Long seed = null;
    Integer steps = null;
    Double guidance = null;
    int width = 0;
    int height = 0;
    List<ClassSpec> classes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (opt.equals("-h") || opt.equals("--help")) {
        throw new UsageException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(
            opt.startsWith("--") ? opt + " needs a value" : "unexpected argument '" + opt + "'");
      }
      String v = args[++i];
      switch (opt) {
        case "--model" -> model = Path.of(v);
        case "--prompt" -> prompt = v;
        case "--negative-prompt" -> negative = v;
        case "--class" -> classes.add(classSpec(v));
        case "--class-prompt" -> classPrompt = v;
        case "--descriptive-prompt" -> descriptive = v;
        case "--seed" -> seed = parseLong(opt, v);
        case "--steps" -> steps = (int) parseLong(opt, v);
        case "--guidance" -> guidance = parseDouble(opt, v);
        case "--latents" -> latents = Path.of(v);
        case "--capture" -> capture = v;
        case "--sampler" -> sampler = v;
        case "--dtype" -> dtype = oneOf(opt, v, "float32", "float16");
        case "--attention-dtype" -> attentionDtype = oneOf(opt, v, "float16", "float32");
        case "--width" -> width = (int) parseLong(opt, v);
        case "--height" -> height = (int) parseLong(opt, v);
        case "--out" -> out = Path.of(v);
        default -> throw new UsageException("unknown option '" + opt + "'");
      }
    }
    require(model, "--model");
    require(prompt, "--prompt");
    require(seed, "--seed");
    require(steps, "--steps");
    require(guidance, "--guidance");
    require(out, "--out");
    if ((width == 0) != (height == 0)) {
      throw new UsageException("--width and --height go together");
    }
    return new GenerateArgs(
        model,
        prompt,
        negative,
        List.copyOf(classes),
        classPrompt,
        descriptive,
        seed,
        steps,
        guidance,
        latents,
        capture,
        dtype,
        attentionDtype,
        width,
        height,
        out,
        sampler);
  }

  private static ClassSpec classSpec(String v) {
    int eq = v.lastIndexOf('=');
    if (eq <= 0 || eq == v.length() - 1) {
      throw new UsageException("--class expects NAME=LABEL, got '" + v + "'");
    }
    return new ClassSpec(v.substring(0, eq), (int) parseLong("--class " + v, v.substring(eq + 1)));
  }

  private static long parseLong(String opt, String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " expects an integer, got '" + v + "'");
    }
  }

  private static double parseDouble(String opt, String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " expects a number, got '" + v + "'");
    }
  }

  private static String oneOf(String opt, String v, String... allowed) {
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw new UsageException(
        opt + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }

  private static void require(Object value, String opt) {
    if (value == null) {
      throw new UsageException("missing " + opt + " (" + USAGE + ")");
    }
  }
}
