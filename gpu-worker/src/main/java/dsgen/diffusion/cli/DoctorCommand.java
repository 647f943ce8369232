package dsgen.diffusion.cli;

import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.EngineReport;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.scheduler.ModelSamplers;
import dsgen.diffusion.scheduler.SamplerKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./dsgen doctor [--model DIR] [--device auto|cpu|gpu|cuda] [--dtype auto|float32|float16]}:
 * what a worker on this machine would compute with, for an operator setting up a GPU box. Prints
 * the engine, the libtorch version and folder, CUDA visibility, the device and dtype the settings
 * resolve to (or why they cannot), and loads the model folder as the worker does. Settings default
 * to the worker's environment ({@code DSGEN_MODEL_DIR}, {@code DSGEN_MODEL_DEVICE}, {@code
 * DSGEN_MODEL_DTYPE}). Exit 0 when everything checks out, 1 otherwise.
 */
public final class DoctorCommand {
  static final String USAGE =
      "usage: dsgen doctor [--model DIR] [--device auto|cpu|gpu|cuda] [--dtype auto|float32|float16]";

  private DoctorCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out) {
    String model = env.getOrDefault("DSGEN_MODEL_DIR", "fixtures/tiny-sd2");
    String device = env.getOrDefault("DSGEN_MODEL_DEVICE", "auto");
    String dtype = env.getOrDefault("DSGEN_MODEL_DTYPE", "auto");
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) {
        out.println(USAGE);
        return 2;
      }
      switch (args[i]) {
        case "--model" -> model = args[++i];
        case "--device" -> device = args[++i];
        case "--dtype" -> dtype = args[++i];
        default -> {
          out.println("unknown option '" + args[i] + "'\n" + USAGE);
          return 2;
        }
      }
    }
    EngineReport engine;
    try {
      engine = EngineReport.current();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      out.println("engine: FAILED to load the PyTorch natives: " + e.getMessage());
      return 1;
    }
    engine.asMap().forEach((k, v) -> line(out, k, v));
    DeviceOptions options;
    try {
      options = DeviceOptions.resolve(device, dtype, engine);
    } catch (IllegalArgumentException | IllegalStateException e) {
      line(out, "device", "FAILED (device=" + device + ", dtype=" + dtype + "): " + e.getMessage());
      return 1;
    }
    line(out, "device", options.deviceName() + " (device=" + device + ")");
    line(out, "dtype", options.dtypeName() + " (dtype=" + dtype + ")");
    if (!options.device().isGpu() && engine.cudaRuntimeGpus() > 0) {
      line(out, "warning", "a GPU is present but unused: " + engine.cudaInstructions());
    }
    long t0 = System.nanoTime();
    try (StableDiffusion sd = StableDiffusion.load(Path.of(model), options)) {
      ModelSamplers samplers = sd.model().samplers();
      line(
          out,
          "model folder",
          "OK "
              + model
              + " ("
              + sd.modelId()
              + ", loaded in "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms, max image size "
              + sd.limits().maxSize()
              + ")");
      line(
          out,
          "default sampler",
          samplers.folderDefault()
              + " (scheduler_config.json: "
              + (samplers.folderClass().isEmpty() ? "no _class_name" : samplers.folderClass())
              + ")");
      for (SamplerKind k : SamplerKind.values()) {
        String refusal = samplers.refusal(k);
        line(out, "sampler " + k, refusal == null ? "available" : "refused: " + refusal);
      }
      return 0;
    } catch (RuntimeException e) {
      line(out, "model folder", "FAILED " + model + ": " + e.getMessage());
      return 1;
    }
  }

  private static void line(PrintStream out, String key, String value) {
    out.printf("%-24s %s%n", key + ":", value);
  }
}
