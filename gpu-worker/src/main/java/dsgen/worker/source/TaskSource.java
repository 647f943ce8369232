package dsgen.worker.source;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where prompt-task records come from and where their acknowledgements go: a share group or a
 * classic consumer group. Not thread-safe: one thread polls, acknowledges and keeps alive; only
 * {@link #wakeup()} may be called from another thread.
 */
public interface TaskSource extends AutoCloseable {

  /**
   * Records this worker now holds and must acknowledge, at most the configured batch size. Throws
   * {@link org.apache.kafka.common.errors.WakeupException} after {@link #wakeup()}.
   */
  List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout);

  /**
   * Records the outcome of one record returned by {@link #poll}; durable after {@link #commit()}.
   */
  void acknowledge(ConsumerRecord<byte[], byte[]> record, Acknowledgement acknowledgement);

  /**
   * Sends the acknowledgements given so far and waits for the broker; failures are logged, not
   * thrown.
   */
  void commit();

  /**
   * Called every {@link #keepAliveInterval()} while a batch is being generated: renews the
   * acquisition locks of the records held (share group) or shows the group this member is alive
   * (classic group). Records acquired as a side effect are returned by the next {@link #poll}.
   */
  void keepAlive();

  /** How often {@link #keepAlive()} must run; a third of the acquisition lock for share groups. */
  Duration keepAliveInterval();

  /** Releases every record held but not yet acknowledged (shutdown). */
  void releaseHeld();

  /** Interrupts a blocking {@link #poll}; the only method safe to call from another thread. */
  void wakeup();

  /** Sends pending acknowledgements and leaves the group. */
  @Override
  void close();
}
