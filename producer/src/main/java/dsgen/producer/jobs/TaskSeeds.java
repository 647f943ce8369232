package dsgen.producer.jobs;

/**
 * The seed of each image of a job, derived from the job seed and the image index so that a task
 * alone determines its image and a restarted producer recreates exactly the same tasks.
 *
 * <pre>
 *   seed(jobSeed, i) = splitmix64(jobSeed + (i + 1) * 0x9E3779B97F4A7C15) >>> 1      (all arithmetic mod 2^64)
 *   splitmix64(z): z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *                  z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *                  return z ^ (z >>> 31)
 * </pre>
 *
 * SplitMix64 is the finaliser of Java's {@code SplittableRandom}: consecutive indices give
 * unrelated seeds. The final shift keeps seeds in [0, 2^63) so every torch/numpy/DJL seed setter
 * accepts them unchanged.
 */
public final class TaskSeeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private TaskSeeds() {}

  public static long seedOf(long jobSeed, long index) {
    return splitMix64(jobSeed + (index + 1) * GOLDEN_GAMMA) >>> 1;
  }

  static long splitMix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
