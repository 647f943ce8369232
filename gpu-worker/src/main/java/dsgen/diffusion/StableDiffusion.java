package dsgen.diffusion;

import ai.djl.ndarray.NDManager;
import dsgen.diffusion.pipeline.BatchGenerator;
import dsgen.diffusion.pipeline.LoadedModel;
import dsgen.diffusion.pipeline.ModelFolder;
import dsgen.diffusion.pipeline.RequestPlanner;
import dsgen.diffusion.pipeline.StepListener;
import dsgen.generation.GenerationRules;
import dsgen.generation.ModelLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * A Stable Diffusion 1.x/2.x model loaded from a diffusers folder, generating images with attention
 * capture. Owns all native memory of the model; {@link #close()} frees it. Not thread-safe: one
 * batch at a time.
 */
public final class StableDiffusion implements AutoCloseable {
  private final NDManager manager;
  private final LoadedModel model;
  private final RequestPlanner planner;
  private final BatchGenerator generator;
  private final ModelLimits limits;

  private StableDiffusion(NDManager manager, LoadedModel model) {
    this.manager = manager;
    this.model = model;
    this.limits =
        new ModelLimits(
            model.vaeScale() * model.unet().downscale(),
            2 * model.unet().config().sampleSize() * model.vaeScale(),
            model.samplers().get(model.samplers().folderDefault()).orElseThrow().maxSteps());
    this.planner = new RequestPlanner(model, new GenerationRules(limits));
    this.generator = new BatchGenerator(model, manager);
  }

  /**
   * Loads {@code modelDir}; a bad folder fails with a {@link ModelLoadException} naming the
   * culprit.
   */
  public static StableDiffusion load(Path modelDir, DeviceOptions options) {
    NDManager manager = NDManager.newBaseManager(options.device());
    try {
      return new StableDiffusion(manager, ModelFolder.load(modelDir, options, manager));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Generates a batch (shared size, steps and guidance) from seeded noise. */
  public List<GenerationOutput> generate(List<GenerationRequest> batch) {
    return generate(batch, SeededLatents.INSTANCE, StepListener.NONE);
  }

  /**
   * Generates a batch from the given initial latents, reporting every denoising step to {@code
   * listener}.
   */
  public List<GenerationOutput> generate(
      List<GenerationRequest> batch, InitialLatents latents, StepListener listener) {
    return generator.run(planner.plan(batch), latents, listener);
  }

  /** The folder name of the model. */
  public String modelId() {
    return model.modelId();
  }

  /**
   * Sizes and steps this model accepts: sides are multiples of VAE scale × UNet downsampling, at
   * most twice the size the model was trained at (2 × sample_size × VAE scale); steps at most what
   * the folder's default sampler supports (a request naming another sampler is held to that one's).
   */
  public ModelLimits limits() {
    return limits;
  }

  /** The loaded components (tests, benchmarks). */
  public LoadedModel model() {
    return model;
  }

  public DeviceOptions options() {
    return model.options();
  }

  @Override
  public void close() {
    manager.close();
  }
}
