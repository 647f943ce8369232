package dsgen.producer.tracker;

import dsgen.producer.jobs.ImageIds;
import dsgen.records.DeadLetter;
import java.util.Optional;

/**
 * Which job and image a dead letter belongs to: its own fields when set, else what its key says
 * (stages key dead letters by the source record's key, which is the image id on every image topic).
 */
record DeadLetterAttribution(String jobId, String imageId) {
  static final String MASK_STAGE = "mask-stage";

  /** Empty for a replay's dead letter: a replay never counts against the job it replays. */
  static Optional<DeadLetterAttribution> of(String key, DeadLetter d) {
    if (d.getReplayId() != null) {
      return Optional.empty();
    }
    String imageId =
        d.getImageId() != null ? d.getImageId() : ImageIds.jobOf(key).isPresent() ? key : null;
    String jobId = d.getJobId() != null ? d.getJobId() : ImageIds.jobOf(imageId).orElse(null);
    return jobId == null
        ? Optional.empty()
        : Optional.of(new DeadLetterAttribution(jobId, imageId));
  }

  /**
   * A dead letter before the mask stage means no worker will generate the image: it no longer
   * counts as backlog.
   */
  static boolean settlesImage(DeadLetter d) {
    return !MASK_STAGE.equals(d.getStage());
  }
}
