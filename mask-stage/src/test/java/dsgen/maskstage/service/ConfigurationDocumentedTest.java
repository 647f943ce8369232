package dsgen.maskstage.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The service's settings are documented once: every {@code dsgen.*} and {@code kafka.*} key of
 * application.properties has a description comment there and a row with the same default in the
 * README table.
 */
class ConfigurationDocumentedTest {

  private static final Pattern README_ROW =
      Pattern.compile("^\\| `((?:dsgen|kafka)\\.[^`]+)` \\| (.*?) \\| .+ \\|$");

  @Test
  void everyKeyHasADescriptionAndTheReadmeRowMatchesItsDefault() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of("src/main/resources/application.properties"));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("dsgen.") || line.startsWith("kafka.")) {
        String key = line.substring(0, line.indexOf('='));
        assertTrue(
            i > 0 && lines.get(i - 1).startsWith("# "),
            key + " has no description comment above it");
        defaults.put(key, line.substring(line.indexOf('=') + 1));
      }
    }
    assertFalse(defaults.isEmpty());

    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher m = README_ROW.matcher(line);
      if (m.matches()) {
        documented.put(m.group(1), m.group(2));
      }
    }
    assertEquals(
        defaults.keySet(),
        documented.keySet(),
        "README configuration table vs application.properties");
    defaults.forEach(
        (key, value) ->
            assertEquals(
                value.isEmpty() ? "(empty)" : "`" + value + "`",
                documented.get(key),
                "README default of " + key));
  }
}
