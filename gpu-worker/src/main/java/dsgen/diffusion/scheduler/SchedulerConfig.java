package dsgen.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dsgen.diffusion.io.JsonConfig;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model folder's {@code scheduler_config.json} resolved for a sampler the way diffusers' {@code
 * SamplerClass.from_config(pipe.scheduler.config)} does: the pipeline first loads the file as its
 * own class (the file's keys over that class's defaults), then the target class takes the keys it
 * declares from that and its own defaults for the rest. So a key the file leaves out means what its
 * own class's default says (SD 2's PNDM file has no {@code timestep_spacing}: PNDM's default
 * "leading" carries over to Euler, whose own default is "linspace"), and {@code clip_sample} absent
 * means DDIM's default true.
 */
public final class SchedulerConfig {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  // The constructor arguments of each class and their defaults (diffusers 0.35).
  private static final Map<SamplerKind, ObjectNode> DEFAULTS = new EnumMap<>(SamplerKind.class);

  static {
    String betas =
        "\"num_train_timesteps\":1000,\"beta_start\":0.0001,\"beta_end\":0.02,"
            + "\"beta_schedule\":\"linear\",\"trained_betas\":null,";
    DEFAULTS.put(
        SamplerKind.DDIM,
        parse(
            "{"
                + betas
                + "\"clip_sample\":true,\"set_alpha_to_one\":true,\"steps_offset\":0,"
                + "\"prediction_type\":\"epsilon\",\"thresholding\":false,"
                + "\"dynamic_thresholding_ratio\":0.995,\"clip_sample_range\":1.0,"
                + "\"sample_max_value\":1.0,\"timestep_spacing\":\"leading\","
                + "\"rescale_betas_zero_snr\":false}"));
    DEFAULTS.put(
        SamplerKind.PNDM,
        parse(
            "{"
                + betas
                + "\"skip_prk_steps\":false,\"set_alpha_to_one\":false,"
                + "\"prediction_type\":\"epsilon\",\"timestep_spacing\":\"leading\","
                + "\"steps_offset\":0}"));
    DEFAULTS.put(
        SamplerKind.DPM_SOLVER_PP,
        parse(
            "{"
                + betas
                + "\"solver_order\":2,\"prediction_type\":\"epsilon\",\"thresholding\":false,"
                + "\"dynamic_thresholding_ratio\":0.995,\"sample_max_value\":1.0,"
                + "\"algorithm_type\":\"dpmsolver++\",\"solver_type\":\"midpoint\","
                + "\"lower_order_final\":true,\"euler_at_final\":false,"
                + "\"use_karras_sigmas\":false,\"use_exponential_sigmas\":false,"
                + "\"use_beta_sigmas\":false,\"use_lu_lambdas\":false,\"use_flow_sigmas\":false,"
                + "\"flow_shift\":1.0,\"final_sigmas_type\":\"zero\","
                + "\"lambda_min_clipped\":null,\"variance_type\":null,"
                + "\"timestep_spacing\":\"linspace\",\"steps_offset\":0,"
                + "\"rescale_betas_zero_snr\":false,\"use_dynamic_shifting\":false,"
                + "\"time_shift_type\":\"exponential\"}"));
    DEFAULTS.put(
        SamplerKind.EULER,
        parse(
            "{"
                + betas
                + "\"prediction_type\":\"epsilon\",\"interpolation_type\":\"linear\","
                + "\"use_karras_sigmas\":false,\"use_exponential_sigmas\":false,"
                + "\"use_beta_sigmas\":false,\"sigma_min\":null,\"sigma_max\":null,"
                + "\"timestep_spacing\":\"linspace\",\"timestep_type\":\"discrete\","
                + "\"steps_offset\":0,\"rescale_betas_zero_snr\":false,"
                + "\"final_sigmas_type\":\"zero\"}"));
  }

  private final JsonConfig file;
  private final Optional<SamplerKind> fileClass;

  private SchedulerConfig(JsonConfig file) {
    this.file = file;
    this.fileClass =
        file.has("_class_name")
            ? SamplerKind.byDiffusersClass(file.string("_class_name"))
            : Optional.empty();
  }

  public static SchedulerConfig of(JsonConfig file) {
    return new SchedulerConfig(file);
  }

  /** The file's {@code _class_name}, or empty when it has none. */
  public String className() {
    return file.has("_class_name") ? file.string("_class_name") : "";
  }

  /** The sampler of the file's own class, when dsgen implements that class. */
  public Optional<SamplerKind> ownSampler() {
    return fileClass;
  }

  /**
   * The configuration {@code target.from_config} would hold. A PNDM built from another class's file
   * gets {@code skip_prk_steps} true, as a pipeline swapping its scheduler passes it.
   */
  public JsonConfig resolve(SamplerKind target) {
    ObjectNode targetDefaults = DEFAULTS.get(target);
    ObjectNode out = targetDefaults.deepCopy();
    fileClass.ifPresent(
        own ->
            DEFAULTS
                .get(own)
                .fields()
                .forEachRemaining(
                    e -> {
                      if (targetDefaults.has(e.getKey())) {
                        out.set(e.getKey(), e.getValue());
                      }
                    }));
    for (String key : file.keys()) {
      if (targetDefaults.has(key)) {
        JsonNode v = file.raw(key);
        out.set(key, v);
      }
    }
    if (target == SamplerKind.PNDM && fileClass.orElse(null) != SamplerKind.PNDM) {
      out.put("skip_prk_steps", true);
    }
    return file.derived(out);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
