package dsgen.maskstage.service;

import dsgen.store.ObjectStoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What happens when a stream thread dies. Input problems never get here (they become dead letters),
 * so what does is either the object store staying unreachable beyond the retry budget — replace the
 * thread, which reprocesses from the last commit — or something no retry fixes (bad credentials, a
 * missing bucket, a defect): stop the client, so liveness fails and the orchestrator restarts the
 * instance with a visible error.
 */
@ApplicationScoped
public class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = Logger.getLogger(StreamThreadFailures.class);

  @Override
  public StreamThreadExceptionResponse handle(Throwable error) {
    if (causedByStoreOutage(error)) {
      LOG.warnf(
          "object store unreachable beyond the retry budget, replacing the stream thread: %s",
          error.toString());
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    LOG.errorf(
        error, "stream thread failed for a reason retrying cannot fix; stopping Kafka Streams");
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  static boolean causedByStoreOutage(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ObjectStoreUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
