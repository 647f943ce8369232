package dsgen.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the checks run in: the manifests and the services' sources are read from it. */
final class Repository {
  private Repository() {}

  static Path root() {
    String root = System.getProperty("dsgen.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property dsgen.root (the repository root) is not set");
    }
    Path path = Path.of(root).toAbsolutePath().normalize();
    if (!Files.isDirectory(path.resolve("deploy/k8s"))) {
      throw new IllegalStateException(path + " is not the dsgen repository (no deploy/k8s)");
    }
    return path;
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
