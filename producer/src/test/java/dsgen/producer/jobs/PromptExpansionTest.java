package dsgen.producer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dsgen.producer.TestJobs;
import dsgen.records.ClassEntry;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptExpansionTest {

  @Test
  void templatesCycleClassesFastestThenTemplates() {
    JobSpec job =
        TestJobs.spec(
            "{'jobId':'pets','dataset':'pets','classes':[{'name':'cat'},{'name':'dog','label':7}],"
                + "'templates':['a photo of a {class}','a {class} on grass'],'imagesPerClass':2,'recipes':[{'method':'diffumask'}]}");
    PromptExpansion expansion = new PromptExpansion(job);
    assertEquals(4, expansion.cycleLength());
    assertEquals(8, expansion.finiteTotal());
    List<String> prompts =
        java.util.stream.LongStream.range(0, 5)
            .mapToObj(i -> expansion.taskAt(i, TestJobs.NOW).getPrompt())
            .toList();
    assertEquals(
        List.of(
            "a photo of a cat",
            "a photo of a dog",
            "a cat on grass",
            "a dog on grass",
            "a photo of a cat"),
        prompts);

    PromptTask second = expansion.taskAt(1, TestJobs.NOW);
    assertEquals("pets-000001", second.getImageId());
    assertEquals(1, second.getIndex());
    assertEquals("dog", second.getClassPrompt());
    assertEquals(List.of(entry("dog", 7)), second.getClasses());
    assertEquals(TaskSeeds.seedOf(1111, 1), second.getSeed());
    assertEquals(job.getParams(), second.getParams());
    assertEquals("pets", second.getDataset());
  }

  @Test
  void captionsGetTheClassPromptAppendedAsInDatasetDiffusion() {
    JobSpec job =
        TestJobs.spec(
            "{'jobId':'voc','dataset':'voc','preset':'voc','captions':["
                + "{'text':'a baby in a yellow toy car ','classes':['person','car']},{'text':'a tv monitor on a desk','classes':['tv monitor']}],"
                + "'repeats':3,'recipes':[{'method':'dataset-diffusion'}]}");
    PromptExpansion expansion = new PromptExpansion(job);
    assertEquals(6, expansion.finiteTotal());
    PromptTask first = expansion.taskAt(0, TestJobs.NOW);
    assertEquals("a baby in a yellow toy car; person car", first.getPrompt());
    assertEquals("person car", first.getClassPrompt());
    assertEquals(List.of(entry("person", 15), entry("car", 7)), first.getClasses());
    assertEquals(
        "a tv monitor on a desk; tv monitor", expansion.taskAt(3, TestJobs.NOW).getPrompt());
    assertEquals(
        expansion.taskAt(0, TestJobs.NOW).getPrompt(),
        expansion.taskAt(2, TestJobs.NOW).getPrompt());
  }

  @Test
  void explicitPromptsAreVerbatimWithDefaultClassPrompt() {
    JobSpec job =
        TestJobs.spec(
            "{'jobId':'mix','dataset':'mix','classes':[{'name':'cat'},{'name':'dog'}],'prompts':["
                + "{'prompt':'a cat and a dog playing','classes':['cat','dog']},"
                + "{'prompt':'a sleepy cat','classes':['cat'],'classPrompt':'kitten cat'}],'recipes':[{'method':'diffumask'}]}");
    PromptExpansion expansion = new PromptExpansion(job);
    PromptTask first = expansion.taskAt(0, TestJobs.NOW);
    assertEquals("a cat and a dog playing", first.getPrompt());
    assertEquals("cat dog", first.getClassPrompt());
    assertEquals("kitten cat", expansion.taskAt(1, TestJobs.NOW).getClassPrompt());
  }

  @Test
  void aTaskIsAPureFunctionOfJobAndIndex() {
    JobSpec job =
        TestJobs.spec(
            "{'jobId':'pets','dataset':'pets','classes':[{'name':'cat'}],'imagesPerClass':5,'recipes':[{'method':'diffumask'}]}");
    assertEquals(
        new PromptExpansion(job).taskAt(3, TestJobs.NOW),
        new PromptExpansion(job).taskAt(3, TestJobs.NOW));
    // no state carried between calls: after walking the job, index 3 is what a fresh expansion says
    PromptExpansion walked = new PromptExpansion(job);
    for (long i = 4; i >= 0; i--) {
      walked.taskAt(i, TestJobs.NOW);
    }
    PromptTask fresh = new PromptExpansion(job).taskAt(3, TestJobs.NOW);
    assertEquals(fresh, walked.taskAt(3, TestJobs.NOW), "index 3 after the others");
    // only the record's content counts: a copy of it (as read back from the jobs topic) agrees
    assertEquals(
        fresh, new PromptExpansion(JobSpec.newBuilder(job).build()).taskAt(3, TestJobs.NOW));
    assertEquals(3, fresh.getIndex());
    assertEquals(ImageIds.of("pets", 3), fresh.getImageId());
    assertEquals(TaskSeeds.seedOf(job.getSeed(), 3), fresh.getSeed(), "the seed of index 3");
  }

  private static ClassEntry entry(String name, int label) {
    return ClassEntry.newBuilder().setName(name).setLabel(label).build();
  }
}
