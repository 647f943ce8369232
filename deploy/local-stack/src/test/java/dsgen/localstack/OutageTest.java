package dsgen.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The outage switches other modules' tests use: S3 down and back, broker restart; nothing is lost.
 */
@ExtendWith(LocalStackExtension.class)
class OutageTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void s3StopRefusesRequestsAndStartServesTheSameObjectsOnTheSamePort(LocalStack stack) {
    StackData.putText(stack, "outage/before.txt", "kept");
    var endpoint = stack.s3Endpoint();

    stack.stopS3();
    assertThrows(SdkClientException.class, () -> StackData.getText(stack, "outage/before.txt"));

    stack.startS3();
    assertEquals(endpoint, stack.s3Endpoint());
    assertEquals("kept", StackData.getText(stack, "outage/before.txt"));
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void brokerRestartKeepsTopicsAndRecordsOnTheSamePort(LocalStack stack) throws Exception {
    String topic = "restart-" + System.nanoTime();
    StackData.createTopicWithRecords(stack, topic, List.of("a", "b", "c"));
    String bootstrap = stack.bootstrapServers();

    stack.restartBroker();

    assertEquals(bootstrap, stack.bootstrapServers());
    assertTrue(StackData.topics(stack).contains(topic));
    assertEquals(List.of("a", "b", "c"), StackData.readAll(stack, topic, 3));
    StackData.createTopicWithRecords(stack, topic + "-after", List.of("d"));
    assertEquals(List.of("d"), StackData.readAll(stack, topic + "-after", 1));
  }
}
