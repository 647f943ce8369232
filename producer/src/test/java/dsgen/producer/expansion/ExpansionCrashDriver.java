package dsgen.producer.expansion;

import dsgen.records.JobState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer process for {@link ExpansionRestartTest}: expands a job slowly (a pause after every
 * send) and reports on stdout where it is inside each transaction, so the test can kill it in the
 * middle of one.
 *
 * <p>args: bootstrap servers, job id, transactional id, images, pause per send in ms.
 */
public final class ExpansionCrashDriver {
  static final String MARK = "IN-TRANSACTION";

  private ExpansionCrashDriver() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String jobId = args[1];
    String transactionalId = args[2];
    int images = Integer.parseInt(args[3]);
    long pauseMs = Long.parseLong(args[4]);
    JobLedger ledger =
        JobLedger.open(
            slow(transactionalProducer(bootstrap, transactionalId), pauseMs),
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            Clock.systemUTC(),
            Duration.ofSeconds(30));
    if (ledger.job(jobId).isEmpty()) {
      ledger.submit(ExpansionRestartTest.job(jobId, images));
    }
    while (ledger.job(jobId).orElseThrow().getState() == JobState.ACTIVE) {
      ledger.appendTasks(jobId, ExpansionRestartTest.BATCH);
    }
    System.out.println("DONE");
  }

  static Producer<byte[], byte[]> transactionalProducer(String bootstrap, String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  @SuppressWarnings("unchecked")
  private static Producer<byte[], byte[]> slow(Producer<byte[], byte[]> real, long pauseMs) {
    int[] batch = {0};
    int[] sent = {0};
    return (Producer<byte[], byte[]>)
        Proxy.newProxyInstance(
            Producer.class.getClassLoader(),
            new Class<?>[] {Producer.class},
            (proxy, method, methodArgs) -> {
              Object result;
              try {
                result = method.invoke(real, methodArgs);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (method.getName().equals("beginTransaction")) {
                batch[0]++;
                sent[0] = 0;
              } else if (method.getName().equals("send")) {
                sent[0]++;
                real.flush();
                System.out.println(MARK + " batch=" + batch[0] + " sent=" + sent[0]);
                System.out.flush();
                Thread.sleep(pauseMs);
              }
              return result;
            });
  }
}
