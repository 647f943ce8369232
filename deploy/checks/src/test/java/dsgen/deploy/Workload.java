package dsgen.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A service's Deployment or StatefulSet in a rendered overlay, and its container. */
record Workload(String name, int replicas, PodTemplateSpec template, Manifests manifests) {

  static Workload of(Manifests m, ServiceConfig service) {
    String name = service.workload();
    Optional<Deployment> d =
        m.all(Deployment.class).stream()
            .filter(o -> o.getMetadata().getName().equals(name))
            .findAny();
    if (d.isPresent()) {
      return new Workload(
          name, d.get().getSpec().getReplicas(), d.get().getSpec().getTemplate(), m);
    }
    StatefulSet s = m.named(StatefulSet.class, name);
    return new Workload(name, s.getSpec().getReplicas(), s.getSpec().getTemplate(), m);
  }

  Container container() {
    List<Container> containers = template.getSpec().getContainers();
    return containers.stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no container named " + name));
  }

  /**
   * Environment variable names the container gets, from {@code env} and from the ConfigMaps of
   * {@code envFrom}, with their literal values (null when from a Secret or field).
   */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    Container c = container();
    if (c.getEnvFrom() != null) {
      c.getEnvFrom()
          .forEach(
              from -> {
                if (from.getConfigMapRef() == null) {
                  throw new AssertionError(name + ": envFrom other than a ConfigMap");
                }
                manifests
                    .named(ConfigMap.class, from.getConfigMapRef().getName())
                    .getData()
                    .forEach(env::put);
              });
    }
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        env.put(e.getName(), e.getValue());
      }
    }
    return env;
  }

  /** The value the service sees for {@code key}: the container's variable, else its default. */
  String effective(ServiceConfig service, String key) {
    String fromEnv = environment().get(ServiceConfig.environmentVariable(key));
    return fromEnv != null ? fromEnv : service.required(key);
  }
}
