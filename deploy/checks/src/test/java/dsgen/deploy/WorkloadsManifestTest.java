package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The services' workloads against the services' own configuration. */
class WorkloadsManifestTest {

  static Stream<Arguments> overlaysAndServices() {
    return Stream.of("dev", "gpu")
        .flatMap(o -> Stream.of(ServiceConfig.values()).map(s -> Arguments.of(o, s)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("overlaysAndServices")
  void portsAreTheServicesHttpPort(String overlay, ServiceConfig service) {
    Manifests m = Manifests.overlay(overlay);
    Workload w = Workload.of(m, service);
    ContainerPort http =
        w.container().getPorts().stream()
            .filter(p -> "http".equals(p.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(service + ": no port named http"));
    assertEquals(service.httpPort(), http.getContainerPort(), service + " container port");
    Service svc = m.named(Service.class, service.workload());
    ServicePort port = svc.getSpec().getPorts().get(0);
    assertEquals(service.httpPort(), port.getPort(), service + " service port");
    assertEquals("http", port.getTargetPort().getStrVal(), service + " target port");
    assertSelects(svc.getSpec().getSelector(), w.template().getMetadata().getLabels(), service);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("overlaysAndServices")
  void probesUseTheServicesHealthPaths(String overlay, ServiceConfig service) {
    assertEquals(Set.of(), service.quarkusPaths(), service + " moves Quarkus' endpoints");
    Workload w = Workload.of(Manifests.overlay(overlay), service);
    assertProbe(w.container().getReadinessProbe(), ServiceConfig.READY, service);
    assertProbe(w.container().getLivenessProbe(), ServiceConfig.LIVE, service);
    if (w.container().getStartupProbe() != null) {
      assertProbe(w.container().getStartupProbe(), ServiceConfig.LIVE, service);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("overlaysAndServices")
  void everyVariableSetsADocumentedKey(String overlay, ServiceConfig service) {
    Set<String> unknown =
        new TreeSet<>(Workload.of(Manifests.overlay(overlay), service).environment().keySet());
    unknown.removeAll(service.environmentVariables());
    assertEquals(Set.of(), unknown, service + " gets variables that set none of its keys");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("overlaysAndServices")
  void runsAsNonRootUnderADisruptionBudget(String overlay, ServiceConfig service) {
    Manifests m = Manifests.overlay(overlay);
    Workload w = Workload.of(m, service);
    assertEquals(Boolean.TRUE, w.template().getSpec().getSecurityContext().getRunAsNonRoot());
    PodDisruptionBudget pdb = m.named(PodDisruptionBudget.class, service.workload());
    assertSelects(
        pdb.getSpec().getSelector().getMatchLabels(),
        w.template().getMetadata().getLabels(),
        service);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("overlaysAndServices")
  void prometheusScrapesTheMetricsEndpoint(String overlay, ServiceConfig service) {
    Manifests m = Manifests.overlay(overlay);
    Service svc = m.named(Service.class, service.workload());
    ServiceMonitor monitor =
        m.all(ServiceMonitor.class).stream()
            .filter(
                sm ->
                    svc.getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(sm.getSpec().getSelector().getMatchLabels().entrySet()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ServiceMonitor selects " + service));
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
    assertEquals("http", endpoint.getPort());
    assertEquals(ServiceConfig.METRICS, endpoint.getPath());
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"dev", "gpu"})
  void workerGetsMoreTimeToStopThanItsShutdownDeadline(String overlay) {
    Workload w = Workload.of(Manifests.overlay(overlay), ServiceConfig.GPU_WORKER);
    Duration deadline =
        ServiceConfig.duration(
            w.effective(ServiceConfig.GPU_WORKER, "dsgen.worker.shutdown-deadline"));
    long grace = w.template().getSpec().getTerminationGracePeriodSeconds();
    // the deadline covers the batch in hand; releasing its tasks and leaving the group come after
    // it
    assertTrue(grace >= deadline.toSeconds() + 10, "grace " + grace + " s, deadline " + deadline);
  }

  @Test
  void gpuOverlayGivesEachWorkerOneGpu() {
    Workload w = Workload.of(Manifests.overlay("gpu"), ServiceConfig.GPU_WORKER);
    Map<String, Quantity> limits = w.container().getResources().getLimits();
    assertEquals(new Quantity("1"), limits.get("nvidia.com/gpu"));
    assertEquals("gpu", w.effective(ServiceConfig.GPU_WORKER, "dsgen.model.device"));
    assertTrue(w.container().getImage().endsWith("-cuda"), w.container().getImage());
    Workload dev = Workload.of(Manifests.overlay("dev"), ServiceConfig.GPU_WORKER);
    assertEquals("cpu", dev.effective(ServiceConfig.GPU_WORKER, "dsgen.model.device"));
  }

  @Test
  void workerReadsTheModelFromAReadOnlyVolume() {
    Workload w = Workload.of(Manifests.overlay("gpu"), ServiceConfig.GPU_WORKER);
    String dir = w.effective(ServiceConfig.GPU_WORKER, "dsgen.model.dir");
    VolumeMount mount =
        w.container().getVolumeMounts().stream()
            .filter(v -> v.getMountPath().equals(dir))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume at the model dir " + dir));
    assertEquals(Boolean.TRUE, mount.getReadOnly());
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"dev", "gpu"})
  void maskStageKeepsItsStateOnAVolumeAndFitsThePartitions(String overlay) {
    Manifests m = Manifests.overlay(overlay);
    ServiceConfig stage = ServiceConfig.MASK_STAGE;
    Workload w = Workload.of(m, stage);
    assertEquals("exactly_once_v2", stage.required("kafka-streams.processing.guarantee"));
    int threads = Integer.parseInt(w.effective(stage, "dsgen.mask-stage.stream-threads"));
    int partitions =
        m.all(KafkaTopic.class).stream()
            .filter(t -> TopicsManifestTest.topicName(t).equals(Topics.GENERATIONS.name()))
            .findFirst()
            .orElseThrow()
            .getSpec()
            .getPartitions();
    assertTrue(
        w.replicas() * threads <= partitions,
        w.replicas() + " instances x " + threads + " threads > " + partitions + " partitions");
    String stateDir = w.effective(stage, "dsgen.mask-stage.state-dir");
    VolumeMount mount =
        w.container().getVolumeMounts().stream()
            .filter(v -> v.getMountPath().equals(stateDir))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume at the state dir " + stateDir));
    StatefulSet set = m.named(StatefulSet.class, stage.workload());
    assertTrue(
        set.getSpec().getVolumeClaimTemplates().stream()
            .anyMatch(c -> c.getMetadata().getName().equals(mount.getName())),
        "state volume " + mount.getName() + " is not a claim of its own");
  }

  private static void assertProbe(Probe probe, String path, ServiceConfig service) {
    assertNotNull(probe, service + ": probe for " + path);
    HTTPGetAction get = probe.getHttpGet();
    assertEquals(path, get.getPath(), service + " probe path");
    assertEquals("http", get.getPort().getStrVal(), service + " probe port");
  }

  private static void assertSelects(
      Map<String, String> selector, Map<String, String> labels, ServiceConfig service) {
    assertTrue(
        labels.entrySet().containsAll(selector.entrySet()),
        service + ": selector " + selector + " does not match pod labels " + labels);
  }
}
