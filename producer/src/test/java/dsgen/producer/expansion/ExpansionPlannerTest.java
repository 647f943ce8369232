package dsgen.producer.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.producer.TestJobs;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpansionPlannerTest {
  private final ExpansionPlanner planner = new ExpansionPlanner(10);

  @Test
  void finiteJobsAreExpandedInBatchesUntilTheTotal() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'imagesPerClass':25,'recipes':[{'method':'diffumask'}]}");
    assertEquals(10, planner.tasksToProduce(job, OptionalLong.empty()));
    assertEquals(5, planner.tasksToProduce(progressed(job, 20), OptionalLong.empty()));
    assertEquals(0, planner.tasksToProduce(progressed(job, 25), OptionalLong.empty()));
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
