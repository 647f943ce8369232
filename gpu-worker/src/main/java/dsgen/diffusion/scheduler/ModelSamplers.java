package dsgen.diffusion.scheduler;

import dsgen.diffusion.ModelLoadException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every sampler a model folder's scheduler configuration allows, built once at load, and the
 * folder's default: the sampler of the file's own class when dsgen implements it and the file's
 * keys are supported, else DDIM. A sampler the file's keys rule out (say PNDM with {@code
 * skip_prk_steps} false) is kept with the reason, given to whoever asks for it.
 */
public final class ModelSamplers {
  private final SchedulerConfig config;
  private final Map<SamplerKind, Sampler> built = new EnumMap<>(SamplerKind.class);
  private final Map<SamplerKind, ModelLoadException> refused = new EnumMap<>(SamplerKind.class);
  private final SamplerKind folderDefault;

  private ModelSamplers(SchedulerConfig config) {
    this.config = config;
    for (SamplerKind kind : SamplerKind.values()) {
      try {
        built.put(kind, Sampler.create(kind, config));
      } catch (ModelLoadException e) {
        refused.put(kind, e);
      }
    }
    Optional<SamplerKind> own = config.ownSampler().filter(built::containsKey);
    if (own.isEmpty() && refused.containsKey(SamplerKind.DDIM)) {
      throw refused.get(SamplerKind.DDIM);
    }
    this.folderDefault = own.orElse(SamplerKind.DDIM);
  }

  /**
   * @throws ModelLoadException when not even DDIM can be built from the file
   */
  public static ModelSamplers of(SchedulerConfig config) {
    return new ModelSamplers(config);
  }

  /** The sampler a request without one gets. */
  public SamplerKind folderDefault() {
    return folderDefault;
  }

  /** The file's {@code _class_name} (empty when it has none). */
  public String folderClass() {
    return config.className();
  }

  /** The sampler of {@code kind}, or empty with {@link #refusal} saying why. */
  public Optional<Sampler> get(SamplerKind kind) {
    return Optional.ofNullable(built.get(kind));
  }

  /** Why {@code kind} cannot run with this folder's configuration (null when it can). */
  public String refusal(SamplerKind kind) {
    ModelLoadException e = refused.get(kind);
    return e == null ? null : e.getMessage();
  }
}
