package dsgen.masks.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * Thread CPU time per operation of the {@link MasksBenchmark} operations: a cross-check of the JMH
 * wall-clock figures on a machine shared with other work (CPU time does not count time spent
 * waiting for a core). {@code java -cp <test classpath> dsgen.masks.bench.CpuTimes [repetitions]}
 */
public final class CpuTimes {
  private CpuTimes() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    MasksBenchmark b = new MasksBenchmark();
    b.setUp();
    time("seediff", reps, b::seediff);
    time("pamrOriginal", reps, b::pamrOriginal);
    time("seediffCode", reps, b::seediffCode);
    time("datasetDiffusion", reps, b::datasetDiffusion);
    time("diffumask", reps, b::diffumask);
    time("openAndCheck", reps, b::openAndCheck);
    if (!Boolean.getBoolean("skip5000")) {
      time("pamrSeediffCode", Math.max(1, reps / 3), b::pamrSeediffCode);
    }
  }

  private static void time(String name, int reps, Supplier<?> op) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < reps; i++) {
      op.get();
    }
    long cpu = mx.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      op.get();
    }
    double cpuMs = (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / reps;
    double wallMs = (System.nanoTime() - wall) / 1e6 / reps;
    System.out.printf("%-18s cpu %9.1f ms/op   wall %9.1f ms/op%n", name, cpuMs, wallMs);
  }
}
