package dsgen.producer.expansion;

/** A submitted job id is already taken; the REST layer answers 409. */
public final class JobExistsException extends RuntimeException {
  public JobExistsException(String jobId) {
    super("job '" + jobId + "' already exists");
  }
}
