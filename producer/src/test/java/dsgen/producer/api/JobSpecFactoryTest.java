package dsgen.producer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.TensorName;
import dsgen.producer.TestJobs;
import dsgen.recipe.CaptureProfiles;
import dsgen.recipe.Recipes;
import dsgen.records.ClassEntry;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.PromptMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecFactoryTest {

  @Test
  void fillsDefaultsAndCapturesTheReplayableProfileCoveringTheRecipes() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'pets','classes':[{'name':'cat'},{'name':'dog'}],"
                + "'recipes':[{'method':'seediff'},{'method':'dataset-diffusion','params':{'threshold':0.7}}]}");
    assertEquals("job-test", job.getJobId());
    assertEquals(JobState.ACTIVE, job.getState());
    assertEquals(PromptMode.TEMPLATES, job.getPromptMode());
    assertEquals(List.of("a photo of a {class}"), job.getTemplates());
    assertEquals(1, job.getImagesPerClass());
    assertEquals(2, job.getTotalImages());
    assertEquals(0, job.getProducedTasks());
    assertEquals(1111L, job.getSeed());
    assertEquals(256, job.getParams().getWidth());
    assertEquals(256, job.getParams().getHeight());
    assertEquals(50, job.getParams().getSteps());
    assertEquals(7.5, job.getParams().getGuidanceScale());
    assertEquals("float16", job.getParams().getAttentionDtype());

    var seediff = Recipes.resolve("seediff", Map.of(), 32);
    var dd = Recipes.resolve("dataset-diffusion", Map.of("threshold", "0.7"), 32);
    assertEquals(
        List.of(seediff.recipeId(), dd.recipeId()),
        job.getRecipes().stream().map(r -> r.getRecipeId()).toList());
    // no profile named: replayable, which covers the job's recipes and any replay of any method
    assertEquals(CaptureProfiles.REPLAYABLE, job.getParams().getCaptureProfile());
    assertEquals("compact", job.getParams().getAttentionEncoding());
    java.util.SortedSet<TensorName> expected =
        CaptureProfiles.tensorsFor(CaptureProfiles.REPLAYABLE, List.of(32, 16, 8, 4));
    expected.addAll(CaptureProfiles.tensorsFor(List.of(seediff, dd), 32));
    // resolved once here; workers and the mask stage read this list
    assertEquals(TensorName.spell(expected), job.getParams().getCaptureTensors());
  }

  @Test
  void recipeParametersInJsonFormMatchTheCommandLineForm() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'size':512,"
                + "'recipes':[{'method':'seediff','params':{'res':[16,32,64],'alpha':0.4,'pamr':false}}]}");
    var expected =
        Recipes.resolve("seediff", Map.of("res", "16,32,64", "alpha", "0.4", "pamr", "false"), 64);
    assertEquals(expected.recipeId(), job.getRecipes().get(0).getRecipeId());
  }

  @Test
  void omittedLabelsTakeTheNextFreeId() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'},{'name':'dog','label':1},{'name':'bird'}],"
                + "'recipes':[{'method':'diffumask'}]}");
    assertEquals(List.of(entry("cat", 2), entry("dog", 1), entry("bird", 3)), job.getClasses());
  }

  @Test
  void vocPresetHasTheTwentyClassesWithVocIds() {
    JobSpec job =
        TestJobs.spec("{'dataset':'voc','preset':'voc','recipes':[{'method':'diffumask'}]}");
    assertEquals(20, job.getClasses().size());
    assertEquals(entry("aeroplane", 1), job.getClasses().get(0));
    assertEquals(entry("dining table", 11), job.getClasses().get(10));
    assertEquals(entry("tv monitor", 20), job.getClasses().get(19));
    assertEquals(20, job.getTotalImages());
  }

  @Test
  void namedCaptureProfileIsKeptWhenItCoversTheRecipes() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'captureProfile':'full','recipes':[{'method':'pcc'}]}");
    assertEquals("full", job.getParams().getCaptureProfile());
  }

  @Test
  void continuousJobsHaveNoTotalAndTheDefaultBacklog() {
    JobSpec job =
        TestJobs.spec(
            "{'dataset':'d','classes':[{'name':'cat'}],'continuous':true,'recipes':[{'method':'diffumask'}]}");
    assertTrue(job.getContinuous());
    assertEquals(0, job.getTotalImages());
    assertEquals(4, job.getTargetBacklog());
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    var e =
        assertThrows(
            InvalidJobRequestException.class,
            () ->
                TestJobs.spec(
                    "{'dataset':'a b','classes':[],'steps':0,'recipes':[{'method':'nope'}]}"));
    assertEquals(
        List.of("dataset", "classes", "recipes[0].method", "steps"),
        e.violations().stream().map(FieldViolation::field).toList());
  }

  private static ClassEntry entry(String name, int label) {
    return ClassEntry.newBuilder().setName(name).setLabel(label).build();
  }
}
