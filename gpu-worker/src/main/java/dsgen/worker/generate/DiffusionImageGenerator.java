package dsgen.worker.generate;

import dsgen.diffusion.ClassSpec;
import dsgen.diffusion.ClassTokens;
import dsgen.diffusion.DeviceOptions;
import dsgen.diffusion.EngineReport;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.GenerationRequest;
import dsgen.diffusion.InvalidGenerationRequestException;
import dsgen.diffusion.SeededLatents;
import dsgen.diffusion.StableDiffusion;
import dsgen.diffusion.pipeline.StepListener;
import dsgen.records.ClassEntry;
import dsgen.records.GenerationParams;
import dsgen.records.PromptTask;
import dsgen.worker.config.WorkerSettings;
import dsgen.worker.task.AcquiredTask;
import dsgen.worker.task.InvalidTaskException;
import dsgen.worker.task.TaskProblem;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/** {@link ImageGenerator} on the DJL Stable Diffusion library (dsgen.diffusion). */
public final class DiffusionImageGenerator implements ImageGenerator {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DiffusionImageGenerator.class);

  /**
   * A generation thread interrupted at the shutdown deadline stops at the next UNet step instead of
   * finishing the batch; the library frees the batch's native memory on the way out.
   */
  private static final StepListener STOP_WHEN_INTERRUPTED =
      (step, t, modelOutput, latents) -> {
        if (Thread.currentThread().isInterrupted()) {
          throw new CancellationException("generation interrupted at step " + step);
        }
      };

  private final StableDiffusion model;
  private final ModelInfo info;

  private DiffusionImageGenerator(StableDiffusion model, ModelInfo info) {
    this.model = model;
    this.info = info;
  }

  /**
   * Loads the configured model folder.
   *
   * @throws dsgen.diffusion.ModelLoadException naming the missing or malformed file
   */
  public static DiffusionImageGenerator load(WorkerSettings settings) {
    EngineReport engine = EngineReport.current();
    DeviceOptions options;
    try {
      options = DeviceOptions.resolve(settings.device(), settings.dtype(), engine);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException(
          "dsgen.model.device="
              + settings.device()
              + " (DSGEN_MODEL_DEVICE), dsgen.model.dtype="
              + settings.dtype()
              + " (DSGEN_MODEL_DTYPE): "
              + e.getMessage(),
          e);
    }
    if (!options.device().isGpu() && engine.cudaRuntimeGpus() > 0) {
      LOG.warn(
          "A CUDA GPU is present but the model runs on the CPU: {}. To use the GPU, {}",
          engine.summary(),
          engine.cudaInstructions());
    }
    LOG.info(
        "Model device {} {} (dsgen.model.device={}, dsgen.model.dtype={}; {})",
        options.deviceName(),
        options.dtypeName(),
        settings.device(),
        settings.dtype(),
        engine.summary());
    StableDiffusion sd = StableDiffusion.load(settings.modelDir(), options);
    String id = settings.modelId() != null ? settings.modelId() : sd.modelId();
    return new DiffusionImageGenerator(
        sd,
        new ModelInfo(
            id,
            options.deviceName(),
            options.dtypeName(),
            sd.limits(),
            engine.engine() + " " + engine.libtorchVersion()));
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  @Override
  public List<GeneratedImage> generate(List<AcquiredTask> batch) throws InvalidTaskException {
    List<GenerationRequest> requests =
        batch.stream().map(DiffusionImageGenerator::request).toList();
    List<GenerationOutput> outputs;
    try {
      outputs = model.generate(requests, SeededLatents.INSTANCE, STOP_WHEN_INTERRUPTED);
    } catch (InvalidGenerationRequestException e) {
      throw new InvalidTaskException(
          new TaskProblem(
              TaskProblem.Code.REJECTED_BY_MODEL,
              "refused by model " + info.modelId() + ": " + e.getMessage()),
          e);
    }
    return outputs.stream().map(DiffusionImageGenerator::image).toList();
  }

  static GenerationRequest request(AcquiredTask acquired) {
    PromptTask t = acquired.task();
    GenerationParams p = t.getParams();
    List<ClassSpec> classes =
        t.getClasses().stream().map(c -> new ClassSpec(c.getName(), c.getLabel())).toList();
    return GenerationRequest.builder()
        .prompt(t.getPrompt())
        .negativePrompt(p.getNegativePrompt())
        .classPrompt(t.getClassPrompt())
        .descriptivePrompt(descriptivePrompt(t))
        .classes(classes)
        .seed(t.getSeed())
        .width(p.getWidth())
        .height(p.getHeight())
        .steps(p.getSteps())
        .guidanceScale(p.getGuidanceScale())
        .captureProfile(acquired.captureProfile())
        .captureTensors(acquired.captureTensors())
        .attentionDtype(p.getAttentionDtype())
        .sampler(p.getSampler())
        .attentionEncoding(p.getAttentionEncoding())
        .build();
  }

  /** PromptTask: an empty descriptive prompt means "the class names joined" (PCC/OVAM). */
  static String descriptivePrompt(PromptTask t) {
    if (!t.getDescriptivePrompt().isBlank() || t.getClasses().isEmpty()) {
      return t.getDescriptivePrompt();
    }
    return String.join(" ", t.getClasses().stream().map(ClassEntry::getName).toList());
  }

  private static GeneratedImage image(GenerationOutput o) {
    List<ClassEntry> classes = o.classes().stream().map(DiffusionImageGenerator::entry).toList();
    return new GeneratedImage(
        o.png(),
        o.attention(),
        classes,
        Arrays.stream(o.timesteps()).boxed().toList(),
        o.sampler(),
        List.copyOf(o.tensorNames()),
        new GeneratedImage.StageTimes(
            o.textEncodeMs(), o.denoiseMs(), o.unetCalls(), o.decodeMs(), o.captureMs()));
  }

  private static ClassEntry entry(ClassTokens c) {
    return ClassEntry.newBuilder()
        .setName(c.name())
        .setLabel(c.label())
        .setPromptTokens(c.promptTokens())
        .setClassPromptTokens(c.classPromptTokens())
        .setDescriptiveTokens(c.descriptiveTokens())
        .build();
  }

  @Override
  public void close() {
    model.close();
  }
}
