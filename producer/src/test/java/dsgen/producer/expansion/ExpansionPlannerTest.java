package dsgen.producer.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.producer.TestJobs;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpansionPlannerTest {
  private static final int DEFAULT_TARGET = 3;
  private final ExpansionPlanner planner = new ExpansionPlanner(10, DEFAULT_TARGET);

  @Test
  void finiteJobsAreExpandedInBatchesUntilTheTotal() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'imagesPerClass':25,'targetBacklog':100,'recipes':[{'method':'diffumask'}]}");
    assertEquals(10, planner.tasksToProduce(job, OptionalLong.empty()));
    assertEquals(5, planner.tasksToProduce(progressed(job, 20), OptionalLong.empty()));
    assertEquals(0, planner.tasksToProduce(progressed(job, 25), OptionalLong.empty()));
  }

  @Test
  void aLargeFiniteJobKeepsItsBacklogBoundedAndIsExpandedAsTasksSettle() {
    // 2 classes x 50,000 images; the test limits stop requests at 1,000, so the size is set here
    JobSpec job =
        JobSpec.newBuilder(
                TestJobs.spec(
                    "{'dataset':'d','classes':[{'name':'cat'},{'name':'dog'}],'imagesPerClass':5,'targetBacklog':7,'recipes':[{'method':'diffumask'}]}"))
            .setImagesPerClass(50_000)
            .setTotalImages(100_000)
            .build();
    // Expansion passes with workers settling 0..4 tasks between them, like the loop and the
    // tracker would; the backlog is computed here from the simulated counts, independently.
    java.util.Random random = new java.util.Random(5);
    long produced = 0;
    long settled = 0;
    long maxBacklog = 0;
    int passes = 0;
    while (settled < 100_000) {
      int n = planner.tasksToProduce(progressed(job, produced), OptionalLong.of(settled));
      produced += n;
      maxBacklog = Math.max(maxBacklog, produced - settled);
      settled = Math.min(produced, settled + random.nextInt(5));
      passes++;
    }
    assertEquals(100_000, produced, "every task is produced in the end");
    assertEquals(7, maxBacklog, "never more than the target waits on dsgen.prompts");
    assertEquals(0, planner.tasksToProduce(progressed(job, produced), OptionalLong.of(settled)));
    assertTrue(passes > 100_000 / 4, "expansion followed the settling: " + passes + " passes");
  }

  @Test
  void aFiniteJobRecordWithoutATargetGetsTheDefaultBound() {
    JobSpec job =
        JobSpec.newBuilder(
                TestJobs.spec(
                    "{'dataset':'d','classes':[{'name':'cat'}],'imagesPerClass':25,'recipes':[{'method':'diffumask'}]}"))
            .setTargetBacklog(0)
            .build();
    assertEquals(DEFAULT_TARGET, planner.tasksToProduce(job, OptionalLong.of(0)));
    assertEquals(
        DEFAULT_TARGET - (4 - 2),
        planner.tasksToProduce(progressed(job, 4), OptionalLong.of(2)),
        "4 produced, 2 settled");
  }

  @Test
  void continuousJobsKeepTheBacklogAtTheTarget() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'continuous':true,'targetBacklog':6,'recipes':[{'method':'diffumask'}]}");
    assertEquals(6, planner.tasksToProduce(job, OptionalLong.of(0)));
    assertEquals(0, planner.tasksToProduce(progressed(job, 6), OptionalLong.of(0)));
    assertEquals(4, planner.tasksToProduce(progressed(job, 6), OptionalLong.of(4)));
    assertEquals(0, planner.tasksToProduce(progressed(job, 10), OptionalLong.of(4)));
  }

  @Test
  void withoutTrackerCountsEverythingProducedIsBacklog() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'continuous':true,'targetBacklog':6,'recipes':[{'method':'diffumask'}]}");
    assertEquals(0, planner.tasksToProduce(progressed(job, 6), OptionalLong.empty()));
    assertEquals(2, planner.tasksToProduce(progressed(job, 4), OptionalLong.empty()));
  }

  @Test
  void inactiveJobsGetNothing() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'continuous':true,'recipes':[{'method':'diffumask'}]}");
    assertEquals(
        0,
        planner.tasksToProduce(
            JobSpec.newBuilder(job).setState(JobState.CANCELLED).build(), OptionalLong.of(0)));
    assertEquals(
        0,
        planner.tasksToProduce(
            JobSpec.newBuilder(job).setState(JobState.COMPLETED).build(), OptionalLong.of(0)));
  }

  private static JobSpec progressed(JobSpec job, long produced) {
    return JobSpec.newBuilder(job).setProducedTasks(produced).build();
  }
}
