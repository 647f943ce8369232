package dsgen.producer.expansion;

import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expansion thread: produces batches for every active job until none needs more, then sleeps
 * until woken (a new job) or the idle interval passes (continuous jobs re-check their backlog).
 * Stops on {@link #close()} or when the ledger was fenced by another producer instance.
 */
public final class ExpansionLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpansionLoop.class);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(2);

  private final JobLedger ledger;
  private final ExpansionPlanner planner;
  private final SettledCounts settled;
  private final Duration idle;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean woken;
  private volatile boolean running = true;

  public ExpansionLoop(
      JobLedger ledger, ExpansionPlanner planner, SettledCounts settled, Duration idle) {
    this.ledger = ledger;
    this.planner = planner;
    this.settled = settled;
    this.idle = idle;
    this.thread = new Thread(this::run, "dsgen-expansion");
    this.thread.setDaemon(true);
  }

  public ExpansionLoop start() {
    thread.start();
    return this;
  }

  /** Asks for an immediate pass (a job was submitted). */
  public void wakeUp() {
    lock.lock();
    try {
      woken = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (running && ledger.usable()) {
      try {
        if (!passOverJobs()) {
          sleep(idle);
        }
      } catch (KafkaException e) {
        if (!ledger.usable()) {
          break;
        }
        LOG.warn("expansion failed, retrying in {}: {}", ERROR_BACKOFF, e.toString());
        sleep(ERROR_BACKOFF);
      } catch (RuntimeException e) {
        LOG.error("expansion failed, retrying in {}", ERROR_BACKOFF, e);
        sleep(ERROR_BACKOFF);
      }
    }
    LOG.info(
        "expansion stopped{}", ledger.usable() ? "" : " (fenced by another producer instance)");
  }

  /**
   * @return whether anything was produced (then another pass follows at once)
   */
  private boolean passOverJobs() {
    boolean produced = false;
    for (JobSpec job : ledger.jobs()) {
      if (!running) {
        return false;
      }
      if (job.getState() != JobState.ACTIVE) {
        continue;
      }
      int count = planner.tasksToProduce(job, settled.settled(job.getJobId()));
      if (count > 0) {
        ledger.appendTasks(job.getJobId(), count);
        produced = true;
      }
    }
    return produced;
  }

  private void sleep(Duration d) {
    lock.lock();
    try {
      long nanos = d.toNanos();
      while (running && !woken && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    wakeUp();
    thread.join(30_000);
  }
}
