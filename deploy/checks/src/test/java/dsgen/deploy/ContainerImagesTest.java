package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles (built only by the opt-in profile container-images, so never here) agree with the
 * services and with the manifests that run their images.
 */
class ContainerImagesTest {

  private static List<String> lines(String module, String file) throws IOException {
    return Files.readAllLines(Repository.resolve(module + "/src/main/docker/" + file));
  }

  private static String instruction(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + " "))
        .reduce((a, b) -> b)
        .map(l -> l.substring(name.length() + 1).strip())
        .orElseThrow(() -> new AssertionError("no " + name));
  }

  private static String module(ServiceConfig s) {
    return s.propertiesFile()
        .getParent()
        .getParent()
        .getParent()
        .getParent()
        .getFileName()
        .toString();
  }

  @ParameterizedTest
  @EnumSource(ServiceConfig.class)
  void jvmImageExposesTheHttpPortAndRunsAsTheManifestsUser(ServiceConfig s) throws IOException {
    List<String> dockerfile = lines(module(s), "Dockerfile.jvm");
    assertEquals(String.valueOf(s.httpPort()), instruction(dockerfile, "EXPOSE"));
    String user = instruction(dockerfile, "USER");
    for (String overlay : List.of("dev", "gpu")) {
      PodSecurityContext pod =
          Workload.of(Manifests.overlay(overlay), s).template().getSpec().getSecurityContext();
      assertEquals(user, String.valueOf(pod.getRunAsUser()), s + " in " + overlay);
    }
    assertTrue(
        String.join("\n", dockerfile)
            .contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dsgen.records"),
        s + " must trust the generated records");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.cuda"})
  void workerImagesTakeTheModelFromTheManifestsVolumeAndNeverDownload(String file)
      throws IOException {
    String dockerfile = String.join("\n", lines("gpu-worker", file));
    Matcher dir = Pattern.compile("DSGEN_MODEL_DIR=(\\S+)").matcher(dockerfile);
    assertTrue(dir.find(), file + " sets no DSGEN_MODEL_DIR");
    Workload w = Workload.of(Manifests.overlay("gpu"), ServiceConfig.GPU_WORKER);
    assertEquals(w.effective(ServiceConfig.GPU_WORKER, "dsgen.model.dir"), dir.group(1), file);
    assertTrue(dockerfile.contains("-Dai.djl.offline=true"), file);
  }

  @ParameterizedTest
  @EnumSource(ServiceConfig.class)
  void manifestsRunTheImagesTheProfileTags(ServiceConfig s) {
    String version = System.getProperty("dsgen.version");
    String jvm = "dsgen/" + s.workload() + ":" + version;
    assertEquals(jvm, Workload.of(Manifests.overlay("dev"), s).container().getImage());
    String gpu = s == ServiceConfig.GPU_WORKER ? jvm + "-cuda" : jvm;
    assertEquals(gpu, Workload.of(Manifests.overlay("gpu"), s).container().getImage());
    assertEquals(
        gpu,
        Compose.read(Repository.resolve("deploy/compose/compose.yaml"))
            .services()
            .get(s.workload())
            .image());
  }

  @ParameterizedTest
  @EnumSource(ServiceConfig.class)
  void composeBuildsFromTheSameDockerfiles(ServiceConfig s) {
    var build =
        Compose.read(Repository.resolve("deploy/compose/compose.yaml"))
            .services()
            .get(s.workload())
            .build();
    Path context = Repository.resolve("deploy/compose").resolve(build.context()).normalize();
    assertEquals(Repository.resolve(module(s)), context);
    assertTrue(Files.isRegularFile(context.resolve(build.dockerfile())), build.dockerfile());
  }
}
