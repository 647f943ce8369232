package dsgen.producer.service;

import dsgen.producer.api.JobStatus;
import dsgen.producer.api.JobStatusAssembler;
import dsgen.producer.tracker.JobCounts;
import dsgen.producer.tracker.TrackerNotReadyException;
import dsgen.producer.tracker.TrackerQueries;
import dsgen.records.JobSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A job record with the tracker's counts, as the API and the operator gauges show it. */
@ApplicationScoped
public class JobStatuses {
  @Inject TrackerQueries tracker;
  @Inject TrackerStateListener trackerState;

  /** The job's status; its counts are null while the tracker cannot answer. */
  public JobStatus of(JobSpec spec) {
    try {
      JobCounts counts = tracker.counts(spec.getJobId());
      return JobStatusAssembler.assemble(spec, counts, "ready");
    } catch (TrackerNotReadyException e) {
      return JobStatusAssembler.assemble(spec, null, e.getMessage());
    }
  }

  /**
   * The job's status with its counts, for reads ({@code GET /jobs}, {@code GET /jobs/{id}}).
   *
   * @throws ServiceUnavailableException (503) with the tracker's state and why, while it cannot
   *     answer: partial or null counts would read as progress that is not there
   */
  public JobStatus withCounts(JobSpec spec) {
    try {
      return JobStatusAssembler.assemble(spec, tracker.counts(spec.getJobId()), "ready");
    } catch (TrackerNotReadyException e) {
      throw new ServiceUnavailableException(
          "job counts unavailable: " + trackerState.verdict().reason() + "; retry later");
    }
  }
}
