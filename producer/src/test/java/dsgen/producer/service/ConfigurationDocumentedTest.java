package dsgen.producer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every producer setting is declared in ProducerConfig, described in application.properties and
 * listed in the README.
 */
class ConfigurationDocumentedTest {
  private static final String PREFIX = "dsgen.producer.";

  /** {@code key=value} or a commented-out {@code #key=} for settings without a default. */
  private static final Pattern PROPERTY =
      Pattern.compile("^#?(dsgen\\.(?:producer|api)\\.[a-z0-9.-]+)=.*$");

  private static final Pattern README_ROW =
      Pattern.compile("^\\| `(dsgen\\.(?:producer|api)\\.[a-z0-9.-]+)` \\|");

  @Test
  void propertiesConfigMappingAndReadmeAgree() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("src/main/resources/application.properties"));
    Set<String> properties = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = PROPERTY.matcher(lines.get(i));
      if (m.matches()) {
        properties.add(m.group(1));
        assertTrue(
            i > 0 && lines.get(i - 1).startsWith("# "),
            m.group(1) + " needs a description line above it");
      }
    }
    Set<String> readme = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher m = README_ROW.matcher(line);
      if (m.find()) {
        readme.add(m.group(1));
      }
    }
    Set<String> mapped = new TreeSet<>();
    collect(ProducerConfig.class, PREFIX, mapped);
    collect(ApiConfig.class, "dsgen.api.", mapped);
    assertEquals(mapped, properties, "ProducerConfig vs application.properties");
    assertEquals(mapped, readme, "ProducerConfig vs README table");
  }

  /**
   * The keys SmallRye derives from the mapping: method names in kebab case, nested groups as
   * prefixes.
   */
  private static void collect(Class<?> type, String prefix, Set<String> out) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.isDefault()
          || m.isSynthetic()
          || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String key = prefix + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
      if (m.getReturnType().isInterface()
          && m.getReturnType().getDeclaringClass() == ProducerConfig.class) {
        collect(m.getReturnType(), key + ".", out);
      } else {
        out.add(key);
      }
    }
  }
}
