package dsgen.diffusion.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.attention.TensorName;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.capture.AttentionCapture;
import dsgen.diffusion.capture.CapturableTensors;
import dsgen.diffusion.io.JsonConfig;
import dsgen.diffusion.nn.RandomWeights;
import dsgen.diffusion.unet.UNet2DCondition;
import dsgen.diffusion.unet.UNetConfig;
import dsgen.recipe.CaptureProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./dsgen bench unet [--config DIR] [--steps N] [--warmup N] [--latent N] [--profiles
 * a,b,c]}: the UNet of a real configuration (default SD2-base, {@code fixtures/sd2-base-configs})
 * with random weights, one CFG image (batch 2, latent 64×64, float32 on the CPU): milliseconds per
 * denoising step with no capture, the default profile and {@code full}; then one more step per
 * profile under libtorch's profiler, printed side by side as self time per operator group (matmuls,
 * convolutions, GroupNorm, softmax, copies/layout changes, element-wise, other) with the number of
 * top-level operator calls Java made through JNI and the heaviest operators ({@code --breakdown
 * false} skips it); then the peak resident memory of the process.
 */
public final class UnetBench {
  private UnetBench() {}

  public static void main(String[] args) throws IOException {
    Path config = Path.of("fixtures/sd2-base-configs");
    int steps = 3;
    int warmup = 1;
    int latent = 64;
    String profiles = "none,default,full";
    boolean breakdown = true;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--config" -> config = Path.of(args[i + 1]);
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--latent" -> latent = Integer.parseInt(args[i + 1]);
        case "--profiles" -> profiles = args[i + 1];
        case "--breakdown" -> breakdown = Boolean.parseBoolean(args[i + 1]);
        default -> {
          System.err.println(
              "dsgen bench unet: unknown option "
                  + args[i]
                  + " (--config DIR --steps N --warmup N --latent N --profiles a,b,c"
                  + " --breakdown true|false)");
          System.exit(2);
        }
      }
    }
    Path unetConfig = config.resolve("unet/config.json");
    if (!Files.isRegularFile(unetConfig)) {
      System.err.println(
          "dsgen bench unet: no "
              + unetConfig
              + " (pass --config DIR with a diffusers folder layout)");
      System.exit(2);
    }
    UNetConfig cfg = UNetConfig.from(JsonConfig.read(unetConfig, "UNet configuration"));
    System.out.printf(
        "UNet %s: random float32 weights, CPU, batch 2 (one CFG image), latent %dx%d, %d warm-up + %d "
            + "timed steps per profile%n",
        config, latent, latent, warmup, steps);
    try (NDManager manager = NDManager.newBaseManager()) {
      long t0 = System.nanoTime();
      UNet2DCondition unet = new UNet2DCondition(cfg, new RandomWeights(manager, DataType.FLOAT32));
      System.out.printf(
          "built in %d ms, %d attention layers%n",
          (System.nanoTime() - t0) / 1_000_000, unet.attentionLayers().size());
      List<String> names = new ArrayList<>();
      List<OpBreakdown.Result> breakdowns = new ArrayList<>();
      for (String profile : profiles.split(",")) {
        Run r = run(unet, cfg, manager, profile.strip(), latent, warmup, steps, breakdown);
        System.out.printf("profile %-8s %10.0f ms/step%n", profile.strip(), r.msPerStep());
        names.add(profile.strip());
        breakdowns.add(r.breakdown());
      }
      if (breakdown) {
        print(names, breakdowns);
      }
    }
    System.out.printf("peak resident memory %d MiB%n", peakRssKib() / 1024);
  }

  private record Run(double msPerStep, OpBreakdown.Result breakdown) {}

  // Self milliseconds of one profiled step per operator group, one column per capture profile.
  private static void print(List<String> names, List<OpBreakdown.Result> results) {
    System.out.printf("%nper-op self time of one profiled step (libtorch profiler), ms%n");
    StringBuilder head = new StringBuilder(String.format("%-14s", "group"));
    names.forEach(n -> head.append(String.format("%12s", n)));
    System.out.println(head);
    for (String group : results.get(0).msByGroup().keySet()) {
      StringBuilder row = new StringBuilder(String.format("%-14s", group));
      results.forEach(r -> row.append(String.format("%12.0f", r.msByGroup().get(group))));
      System.out.println(row);
    }
    StringBuilder total = new StringBuilder(String.format("%-14s", "in ops"));
    results.forEach(r -> total.append(String.format("%12.0f", r.opMs())));
    System.out.println(total);
    StringBuilder wall = new StringBuilder(String.format("%-14s", "step wall"));
    results.forEach(r -> wall.append(String.format("%12.0f", r.wallMs())));
    System.out.println(wall);
    // Java, JNI crossings, allocation and the profiler's own cost: time in no libtorch operator
    StringBuilder outside = new StringBuilder(String.format("%-14s", "outside ops"));
    results.forEach(r -> outside.append(String.format("%12.0f", r.wallMs() - r.opMs())));
    System.out.println(outside);
    StringBuilder calls = new StringBuilder(String.format("%-14s", "JNI op calls"));
    results.forEach(r -> calls.append(String.format("%12d", r.topLevelCalls())));
    System.out.println(calls);
    for (int i = 0; i < names.size(); i++) {
      System.out.printf("heaviest operators, profile %s:%n", names.get(i));
      results.get(i).msByOp().entrySet().stream()
          .limit(10)
          .forEach(
              e ->
                  System.out.printf(
                      "  %-36s %8.0f ms  (%s)%n",
                      e.getKey(), e.getValue(), OpBreakdown.group(e.getKey())));
    }
  }

  private static Run run(
      UNet2DCondition unet,
      UNetConfig cfg,
      NDManager parent,
      String profile,
      int latent,
      int warmup,
      int steps,
      boolean breakdown)
      throws IOException {
    try (NDManager m = parent.newSubManager()) {
      int textLength = 77;
      NDArray latents = m.randomNormal(new Shape(1, cfg.inChannels(), latent, latent));
      NDArray context = m.randomNormal(new Shape(2, textLength, cfg.crossAttentionDim()));
      List<AttentionLayer> layers = unet.attentionLayers();
      Set<TensorName> names =
          new TreeSet<>(
              CaptureProfiles.tensorsFor(profile, CapturableTensors.resolutions(layers, latent)));
      names.retainAll(CapturableTensors.available(layers, latent));
      AttentionCapture capture =
          names.isEmpty()
              ? null
              : new AttentionCapture(
                  layers,
                  latent,
                  textLength,
                  List.of(names),
                  new AttentionCapture.PromptStates(
                      m.randomNormal(new Shape(1, textLength, cfg.crossAttentionDim())),
                      m.randomNormal(new Shape(1, 4, cfg.crossAttentionDim())),
                      new int[] {4}),
                  warmup + steps + (breakdown ? 1 : 0),
                  m);
      AttentionProcessor processor = capture != null ? capture : AttentionProcessor.PLAIN;
      List<Long> times = new ArrayList<>();
      OpBreakdown.Result ops = null;
      try {
        for (int i = 0; i < warmup + steps; i++) {
          if (capture != null) {
            capture.beginStep(i);
          }
          long t = System.nanoTime();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = latents.concat(latents, 0);
            unet.forward(input, 999 - i, context, processor).toFloatArray();
          }
          times.add(System.nanoTime() - t);
        }
        if (breakdown) {
          if (capture != null) {
            capture.beginStep(warmup + steps);
          }
          OpBreakdown.start();
          long t = System.nanoTime();
          try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = latents.concat(latents, 0);
            unet.forward(input, 999 - warmup - steps, context, processor).toFloatArray();
          } finally {
            double wall = (System.nanoTime() - t) / 1e6;
            ops = OpBreakdown.stop().withWall(wall);
          }
        }
        if (capture != null) {
          capture.finish(0);
        }
      } finally {
        if (capture != null) {
          capture.close();
        }
      }
      double ms =
          times.subList(warmup, times.size()).stream()
                  .mapToLong(Long::longValue)
                  .average()
                  .orElse(0)
              / 1e6;
      return new Run(ms, ops);
    }
  }

  private static long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
