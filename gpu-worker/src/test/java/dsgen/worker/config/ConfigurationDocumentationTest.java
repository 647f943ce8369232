package dsgen.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * application.properties is where each key's default and one-line description live; the README
 * table must say the same. On a mismatch the failure message is the table to paste into
 * gpu-worker/README.md.
 */
class ConfigurationDocumentationTest {
  private static final String BEGIN =
      "<!-- configuration table: generated from application.properties -->";
  private static final String END = "<!-- end of configuration table -->";

  record Key(String key, String defaultValue, String description) {}

  @Test
  void everyKeyHasADescription() throws IOException {
    List<Key> keys = keys();
    assertTrue(keys.size() > 20, "found only " + keys);
    for (Key k : keys) {
      assertFalse(k.description().isBlank(), k.key() + " has no description comment above it");
    }
  }

  @Test
  void theReadmeTableMatchesTheProperties() throws IOException {
    String expected = table(keys());
    Path readme =
        Path.of(System.getProperty("dsgen.fixtures")).getParent().resolve("gpu-worker/README.md");
    String text = Files.readString(readme);
    int from = text.indexOf(BEGIN);
    int to = text.indexOf(END);
    assertTrue(from >= 0 && to > from, readme + " lacks the markers " + BEGIN + " / " + END);
    String actual = text.substring(from + BEGIN.length(), to).strip();
    assertEquals(
        expected.strip(),
        actual,
        "gpu-worker/README.md configuration table is stale; expected:\n" + expected);
  }

  /** dsgen.* and kafka.* keys outside profiles, with the comment lines right above each. */
  static List<Key> keys() throws IOException {
    List<Key> keys = new ArrayList<>();
    try (InputStream in =
        ConfigurationDocumentationTest.class
            .getClassLoader()
            .getResourceAsStream("application.properties")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      StringBuilder comment = new StringBuilder();
      for (String line : lines) {
        if (line.startsWith("# ") && !line.startsWith("# ---")) {
          comment.append(comment.isEmpty() ? "" : " ").append(line.substring(2).strip());
        } else if (line.startsWith("dsgen.") || line.startsWith("kafka.")) {
          int eq = line.indexOf('=');
          keys.add(
              new Key(
                  line.substring(0, eq).strip(),
                  line.substring(eq + 1).strip(),
                  comment.toString()));
          comment.setLength(0);
        } else {
          comment.setLength(0);
        }
      }
    }
    return keys;
  }

  static String table(List<Key> keys) {
    StringBuilder b =
        new StringBuilder(
            "| key (environment variable) | default | what it does |\n|---|---|---|\n");
    for (Key k : keys) {
      String env = k.key().toUpperCase().replaceAll("[^A-Z0-9]", "_");
      b.append("| `")
          .append(k.key())
          .append("` (`")
          .append(env)
          .append("`) | ")
          .append(k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`")
          .append(" | ")
          .append(k.description().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
