package dsgen.producer.expansion;

import java.util.OptionalLong;

/**
 * Images of a job that no longer wait for a worker (generated or dead-lettered), as far as the
 * tracker knows.
 */
@FunctionalInterface
public interface SettledCounts {
  OptionalLong settled(String jobId);
}
