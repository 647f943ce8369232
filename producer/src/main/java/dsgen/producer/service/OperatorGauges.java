package dsgen.producer.service;

import dsgen.producer.api.JobStatus;
import dsgen.producer.metrics.OperatorSnapshot;
import dsgen.producer.metrics.OperatorSnapshot.JobRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's operator gauges on {@code /q/metrics}: the prompts backlog the gpu-workers are
 * autoscaled on (KEDA's Prometheus scaler reads {@value #BACKLOG}) and per-job counts for
 * dashboards. Refreshed from the jobs' statuses every {@code dsgen.producer.metrics.refresh}; while
 * the tracker cannot answer the previous values stay.
 */
@ApplicationScoped
public class OperatorGauges {
  /** Prometheus name of the total backlog over every job. */
  public static final String BACKLOG = "dsgen_prompts_backlog";

  /** Prometheus names of the per-job gauges (tags job_id, dataset; paired also recipe). */
  public static final String JOB_BACKLOG = "dsgen_job_backlog";

  public static final String JOB_SUBMITTED = "dsgen_job_submitted";
  public static final String JOB_GENERATED = "dsgen_job_generated";
  public static final String JOB_DEAD_LETTERED = "dsgen_job_dead_lettered";
  public static final String JOB_PAIRED = "dsgen_job_paired";

  /** Prometheus name of the jobs-per-state gauge (tag state). */
  public static final String JOBS = "dsgen_jobs";

  /** Every name above: what dashboards may query from the producer. */
  public static final List<String> NAMES =
      List.of(
          BACKLOG, JOB_BACKLOG, JOB_SUBMITTED, JOB_GENERATED, JOB_DEAD_LETTERED, JOB_PAIRED, JOBS);

  private static final Logger LOG = LoggerFactory.getLogger(OperatorGauges.class);
  // Not "job": Prometheus attaches its own job label (the scrape job) to every series.
  private static final String JOB_TAG = "job_id";

  @Inject ProducerConfig config;
  @Inject ProducerRuntime runtime;
  @Inject JobStatuses statuses;
  @Inject MeterRegistry registry;

  private final Clock clock = Clock.systemUTC();
  private volatile OperatorSnapshot snapshot = OperatorSnapshot.EMPTY;
  private ScheduledExecutorService refresher;
  private MultiGauge backlogByJob;
  private MultiGauge submittedByJob;
  private MultiGauge generatedByJob;
  private MultiGauge deadLetteredByJob;
  private MultiGauge pairedByJobAndRecipe;
  private MultiGauge jobsByState;

  void onStart(@Observes StartupEvent event) {
    Gauge.builder(dotted(BACKLOG), this, g -> g.snapshot.backlog())
        .description("Prompt tasks waiting for a gpu-worker or in its hands, over every job")
        .register(registry);
    backlogByJob = gauge(JOB_BACKLOG, "Prompt tasks of the job waiting for a worker");
    submittedByJob = gauge(JOB_SUBMITTED, "Distinct images of the job on dsgen.prompts");
    generatedByJob = gauge(JOB_GENERATED, "Distinct images of the job generated");
    deadLetteredByJob = gauge(JOB_DEAD_LETTERED, "Distinct images of the job with a dead letter");
    pairedByJobAndRecipe = gauge(JOB_PAIRED, "Pairs of the job written, per recipe");
    jobsByState = gauge(JOBS, "Jobs known to the producer, per state");
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dsgen-operator-gauges");
              t.setDaemon(true);
              return t;
            });
    long period = config.metrics().refresh().toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, period, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  /** The values last published. */
  public OperatorSnapshot snapshot() {
    return snapshot;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (ServiceUnavailableException e) {
      // not started yet: nothing to show
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again
      LOG.warn("operator gauges not refreshed: {}", e.toString());
    }
  }

  private void refresh() {
    List<JobStatus> all = runtime.ledger().jobs().stream().map(statuses::of).toList();
    OperatorSnapshot.of(all, clock.instant(), config.metrics().finishedJobRetention())
        .ifPresent(this::publish);
  }

  private void publish(OperatorSnapshot next) {
    snapshot = next;
    List<JobRow> jobs = next.jobs();
    backlogByJob.register(rows(jobs, JobRow::backlog), true);
    submittedByJob.register(rows(jobs, JobRow::submitted), true);
    generatedByJob.register(rows(jobs, JobRow::generated), true);
    deadLetteredByJob.register(rows(jobs, JobRow::deadLettered), true);
    pairedByJobAndRecipe.register(
        jobs.stream()
            .flatMap(
                j ->
                    j.paired().entrySet().stream()
                        .map(
                            e ->
                                MultiGauge.Row.of(
                                    jobTags(j).and("recipe", e.getKey()), e.getValue())))
            .toList(),
        true);
    jobsByState.register(
        next.jobsByState().entrySet().stream()
            .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey()), e.getValue()))
            .toList(),
        true);
  }

  private static List<MultiGauge.Row<?>> rows(List<JobRow> jobs, ToLongFunction<JobRow> value) {
    return jobs.stream()
        .<MultiGauge.Row<?>>map(j -> MultiGauge.Row.of(jobTags(j), value.applyAsLong(j)))
        .toList();
  }

  private static Tags jobTags(JobRow job) {
    return Tags.of(JOB_TAG, job.jobId(), "dataset", job.dataset());
  }

  private MultiGauge gauge(String prometheusName, String description) {
    return MultiGauge.builder(dotted(prometheusName)).description(description).register(registry);
  }

  private static String dotted(String prometheusName) {
    return prometheusName.replace('_', '.');
  }
}
