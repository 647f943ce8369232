package dsgen.attention;

/** The keys of an attention file's {@code __metadata__} string map; JSON values are compact. */
public final class MetadataKeys {
  /** Format version: {@value AttentionFormat#V1} or {@value AttentionFormat#V2}. */
  public static final String FORMAT = "format";

  public static final String PROMPT = "prompt";
  public static final String NEGATIVE_PROMPT = "negative_prompt";
  public static final String CLASS_PROMPT = "class_prompt";
  public static final String DESCRIPTIVE_PROMPT = "descriptive_prompt";

  /** JSON list of the prompt's token ids (padded to the text length). */
  public static final String TOKEN_IDS = "token_ids";

  /** JSON list of {name, label, prompt_tokens, class_prompt_tokens, descriptive_tokens}. */
  public static final String CLASSES = "classes";

  public static final String MODEL = "model";
  public static final String SCHEDULER = "scheduler";
  public static final String STEPS = "steps";

  /** JSON list of the sampler's timesteps, in denoising order. */
  public static final String TIMESTEPS = "timesteps";

  public static final String GUIDANCE_SCALE = "guidance_scale";
  public static final String SEED = "seed";

  /** R, the latent side = the largest attention resolution. */
  public static final String LATENT_SIZE = "latent_size";

  /** JSON list of the attention resolutions. */
  public static final String RESOLUTIONS = "resolutions";

  /** The UNet's compute dtype (float32 or float16). */
  public static final String DTYPE = "dtype";

  public static final String CAPTURE_PROFILE = "capture_profile";

  /** The sampler that ran: ddim, pndm, dpmsolver++ or euler (absent in older files). */
  public static final String SAMPLER = "sampler";

  /** The number of UNet calls the attention means run over (absent in older files). */
  public static final String UNET_CALLS = "unet_calls";

  /**
   * {@value AttentionFormat#V2} only: JSON object, by tensor name, of the encoded tensors' {@link
   * TensorEncoding}s ({@code {"encoding": ..., "shape": [...], ...}}).
   */
  public static final String ENCODINGS = "encodings";

  /** The class-list entry keys. */
  static final String CLASS_NAME = "name";

  static final String CLASS_LABEL = "label";
  static final String CLASS_PROMPT_TOKENS = "prompt_tokens";
  static final String CLASS_CLASS_PROMPT_TOKENS = "class_prompt_tokens";
  static final String CLASS_DESCRIPTIVE_TOKENS = "descriptive_tokens";

  private MetadataKeys() {}
}
