package dsgen.maskstage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageStreamsConfigTest {
  @Test
  void everyStreamsKeyOfTheServiceIsRead() throws IOException {
    Properties file = new Properties();
    try (InputStream in = StageStreamsConfig.class.getResourceAsStream("/application.properties")) {
      file.load(in);
    }
    Properties streams = StageStreamsConfig.load(Map.of());
    long declared =
        file.stringPropertyNames().stream().filter(k -> k.startsWith("kafka-streams.")).count();
    assertEquals(declared, streams.size());
    assertEquals("exactly_once_v2", streams.getProperty("processing.guarantee"));
    assertEquals(
        file.getProperty("dsgen.mask-stage.session-timeout-ms"),
        streams.getProperty("consumer.session.timeout.ms"));
  }

  @Test
  void theEnvironmentOverridesAReferencedKeyAsForTheService() {
    Properties streams = StageStreamsConfig.load(Map.of("DSGEN_MASK_STAGE_MAX_POLL_RECORDS", "3"));
    assertEquals("3", streams.getProperty("consumer.max.poll.records"));
  }

  @Test
  void referencesResolveWithNestedDefaults() {
    Properties file = new Properties();
    file.setProperty("a", "x");
    assertEquals("x/y", StageStreamsConfig.resolve("${a}/${b:${c:y}}", file, Map.of()));
    assertThrows(
        IllegalStateException.class, () -> StageStreamsConfig.resolve("${b}", file, Map.of()));
  }
}
