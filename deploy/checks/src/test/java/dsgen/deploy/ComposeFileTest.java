package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.kafka.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/** deploy/compose/compose.yaml against the services' code. */
class ComposeFileTest {
  private static final Compose.File COMPOSE =
      Compose.read(Repository.resolve("deploy/compose/compose.yaml"));
  private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{[A-Z0-9_]+(:[?-].*)?}");

  private static Compose.Service service(ServiceConfig s) {
    Compose.Service service = COMPOSE.services().get(s.workload());
    assertNotNull(service, "no compose service " + s.workload());
    return service;
  }

  @Test
  void servicesAreTheStackAndTheThreeDsgenServices() {
    assertEquals(
        Set.of("kafka", "minio", "minio-bucket", "producer", "mask-stage", "gpu-worker"),
        COMPOSE.services().keySet());
  }

  @ParameterizedTest
  @EnumSource(ServiceConfig.class)
  void everyVariableSetsADocumentedKey(ServiceConfig s) {
    Set<String> unknown = new TreeSet<>(service(s).environment().keySet());
    unknown.removeAll(s.environmentVariables());
    assertEquals(Set.of(), unknown, s + " gets variables that set none of its keys");
  }

  @ParameterizedTest
  @EnumSource(ServiceConfig.class)
  void healthCheckAsksTheServicesReadinessOnItsPort(ServiceConfig s) {
    List<String> test = service(s).healthcheck().test();
    assertEquals("CMD", test.get(0));
    assertTrue(
        test.contains("http://localhost:" + s.httpPort() + ServiceConfig.READY),
        s + " health check " + test);
  }

  @ParameterizedTest
  @EnumSource(
      value = ServiceConfig.class,
      names = {"PRODUCER", "MASK_STAGE"})
  void singleServicesPublishTheirHttpPort(ServiceConfig s) {
    assertEquals(List.of(s.httpPort() + ":" + s.httpPort()), service(s).ports());
  }

  @Test
  void workersScaleWithOneGpuEachAndTheModelReadOnly() {
    ServiceConfig w = ServiceConfig.GPU_WORKER;
    Compose.Service worker = service(w);
    // a published host port would stop a second replica from starting
    assertEquals(null, worker.ports());
    assertEquals(List.of(String.valueOf(w.httpPort())), worker.expose());
    Compose.Device gpu = worker.deploy().resources().reservations().devices().get(0);
    assertEquals("nvidia", gpu.driver());
    assertEquals(1, gpu.count());
    assertEquals(List.of("gpu"), gpu.capabilities());
    String modelDir = worker.environment().get("DSGEN_MODEL_DIR");
    assertTrue(
        worker.volumes().stream().anyMatch(v -> v.endsWith(":" + modelDir + ":ro")),
        "model volume " + worker.volumes());
    Duration deadline = ServiceConfig.duration(w.required("dsgen.worker.shutdown-deadline"));
    Duration grace = ServiceConfig.duration(worker.stopGracePeriod());
    assertTrue(grace.compareTo(deadline.plusSeconds(10)) >= 0, grace + " vs deadline " + deadline);
  }

  @Test
  void servicesReachTheBrokerAndTheObjectStoreOfThisFile() {
    Map<String, String> kafka = COMPOSE.services().get("kafka").environment();
    String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
    for (ServiceConfig s : ServiceConfig.values()) {
      Map<String, String> env = service(s).environment();
      assertEquals(advertised, env.get("KAFKA_BOOTSTRAP_SERVERS"), s.toString());
      assertEquals(
          "service_healthy", service(s).dependsOn().get("kafka").condition(), s.toString());
      if (s == ServiceConfig.PRODUCER) {
        continue;
      }
      URI endpoint = URI.create(env.get("DSGEN_STORE_S3_ENDPOINT"));
      assertTrue(COMPOSE.services().containsKey(endpoint.getHost()), "endpoint " + endpoint);
      String bucket = URI.create(env.get("DSGEN_STORE_URI")).getHost();
      assertTrue(
          String.join(" ", COMPOSE.services().get("minio-bucket").entrypoint())
              .contains("mb --ignore-existing dev/" + bucket),
          "bucket " + bucket + " is not created");
      assertEquals(
          "service_completed_successfully",
          service(s).dependsOn().get("minio-bucket").condition(),
          s.toString());
    }
  }

  @Test
  void brokerIsTheProjectsKafkaWithTheWorkersDeliveryLimit() {
    Compose.Service kafka = COMPOSE.services().get("kafka");
    assertEquals("apache/kafka:" + AppInfoParser.getVersion(), kafka.image());
    assertEquals(
        ServiceConfig.GPU_WORKER.required("dsgen.worker.max-deliveries"),
        kafka.environment().get("KAFKA_GROUP_SHARE_DELIVERY_COUNT_LIMIT"));
    // the services create the topics here; partitions come from the Topics registry
    assertTrue(Topics.PROMPTS.partitions() > 1);
  }

  @Test
  void credentialsComeFromTheEnvironmentNeverFromTheFile() {
    for (var entry : COMPOSE.services().entrySet()) {
      Map<String, String> env = entry.getValue().environment();
      if (env == null) {
        continue;
      }
      env.forEach(
          (name, value) -> {
            if (name.matches(".*(KEY|PASSWORD|TOKEN|ROOT_USER).*")) {
              assertTrue(
                  INTERPOLATED.matcher(value).matches(),
                  entry.getKey() + " " + name + " is a literal");
            }
          });
    }
  }

  @Test
  void aMisspeltComposeFieldIsAnError() {
    Map<String, Object> doc =
        new Yaml().load("services:\n  producer:\n    image: p\n    depend_on: [kafka]\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Compose.parse(doc));
    assertTrue(e.getMessage().contains("depend_on"), e.getMessage());
  }
}
