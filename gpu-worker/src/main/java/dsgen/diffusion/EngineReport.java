package dsgen.diffusion;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the deep-learning engine in use is and which GPUs it sees: DJL's engine name and version,
 * the libtorch version and folder it loaded (DJL's bundled CPU build unless {@code
 * PYTORCH_LIBRARY_PATH} names another), the GPUs the CUDA runtime reports and the GPUs libtorch
 * itself can use. A GPU the driver shows but libtorch cannot use means CPU-only natives.
 */
public record EngineReport(
    String engine,
    String djlVersion,
    String libtorchVersion,
    String libtorchPath,
    int cudaRuntimeGpus,
    String cudaRuntimeVersion,
    int engineGpus,
    String pytorchLibraryPath,
    String cudaVisibleDevices) {

  /** Loads the engine (its natives) if not done yet and reports it. */
  public static EngineReport current() {
    Engine engine = Engine.getInstance();
    int cudaGpus = CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
    return new EngineReport(
        engine.getEngineName(),
        Engine.getDjlVersion(),
        LibUtils.getVersion(),
        String.valueOf(LibUtils.getLibtorchPath()),
        cudaGpus,
        cudaGpus > 0 ? CudaUtils.getCudaVersionString() : "",
        engine.getGpuCount(),
        envOrEmpty("PYTORCH_LIBRARY_PATH"),
        envOrEmpty("CUDA_VISIBLE_DEVICES"));
  }

  private static String envOrEmpty(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }

  /** Whether the loaded libtorch is a CPU-only build (DJL names those folders "...-cpu-..."). */
  public boolean cpuOnlyBuild() {
    return libtorchPath.contains("-cpu") && pytorchLibraryPath.isEmpty();
  }

  /** One line: "PyTorch 2.7.1 (CPU-only build at DIR), no CUDA GPU visible". */
  public String summary() {
    return engine
        + " "
        + libtorchVersion
        + " ("
        + (cpuOnlyBuild() ? "CPU-only build" : "libtorch")
        + " at "
        + libtorchPath
        + "), "
        + (engineGpus > 0
            ? engineGpus + " GPU(s) usable"
            : cudaRuntimeGpus > 0
                ? cudaRuntimeGpus + " GPU(s) seen by the CUDA runtime but none usable by libtorch"
                : "no CUDA GPU visible");
  }

  /**
   * What to do to run on a GPU with these natives: a one-line instruction naming what to install
   * and {@code PYTORCH_LIBRARY_PATH}.
   */
  public String cudaInstructions() {
    return "install the NVIDIA driver and a CUDA build of libtorch "
        + libtorchVersion
        + " (the version DJL "
        + djlVersion
        + " binds), then set PYTORCH_LIBRARY_PATH to its lib folder"
        + " (with PYTORCH_VERSION="
        + libtorchVersion
        + " and PYTORCH_FLAVOR=cu124 or the CUDA flavour installed); ./dsgen doctor shows what"
        + " the worker finds";
  }

  /** The report as ordered key/value pairs, for {@code ./dsgen doctor} and the readiness body. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("engine", engine + " (DJL " + djlVersion + ")");
    m.put("libtorch version", libtorchVersion);
    m.put("libtorch path", libtorchPath + (cpuOnlyBuild() ? " (CPU-only build)" : ""));
    m.put(
        "PYTORCH_LIBRARY_PATH",
        pytorchLibraryPath.isEmpty() ? "(not set: DJL's bundled natives)" : pytorchLibraryPath);
    m.put(
        "CUDA runtime",
        cudaRuntimeGpus > 0
            ? cudaRuntimeGpus + " GPU(s), CUDA " + cudaRuntimeVersion
            : "no CUDA runtime or GPU found");
    m.put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices.isEmpty() ? "(not set)" : cudaVisibleDevices);
    m.put("GPUs usable by libtorch", Integer.toString(engineGpus));
    return m;
  }
}
