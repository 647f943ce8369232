package dsgen.kafka;

import dsgen.records.Caption;
import dsgen.records.ClassEntry;
import dsgen.records.DeadLetter;
import dsgen.records.ExplicitPrompt;
import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.GenerationTimings;
import dsgen.records.JobSpec;
import dsgen.records.JobState;
import dsgen.records.MaskTimings;
import dsgen.records.ObjectRef;
import dsgen.records.Pair;
import dsgen.records.PromptMode;
import dsgen.records.PromptTask;
import dsgen.records.RecipeRef;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;

/** One instance of every contract record with every field set to a non-default value. */
final class SampleRecords {

  static final Instant CREATED = Instant.parse("2026-11-22T10:15:30.123Z");

  private SampleRecords() {}

  static ObjectRef objectRef(String name) {
    return ObjectRef.newBuilder()
        .setUri("s3://dsgen/generations/job-1/job-1-000007/g-9/" + name)
        .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .setSizeBytes(123_456)
        .setContentType("image/png")
        .build();
  }

  static ClassEntry classEntry() {
    return ClassEntry.newBuilder()
        .setName("potted plant")
        .setLabel(16)
        .setPromptTokens(List.of(5, 6))
        .setClassPromptTokens(List.of(1, 2))
        .setDescriptiveTokens(List.of(3, 4))
        .build();
  }

  static GenerationParams params() {
    return GenerationParams.newBuilder()
        .setWidth(256)
        .setHeight(320)
        .setSteps(20)
        .setGuidanceScale(5.5)
        .setNegativePrompt("blurry")
        .setSampler("ddim")
        .setCaptureProfile("full")
        .setCaptureTensors(List.of("ca_mean_8", "sa_maxnorm_32"))
        .setAttentionDtype("float32")
        .setAttentionEncoding("compact")
        .build();
  }

  static RecipeRef recipe() {
    return RecipeRef.newBuilder()
        .setRecipeId("seediff-1a2b3c4d")
        .setMethod("seediff")
        .setCanonicalJson("{\"method\":\"seediff\",\"params\":{\"tau\":0.5}}")
        .build();
  }

  static GenerationTimings generationTimings() {
    return GenerationTimings.newBuilder()
        .setQueuedMs(11)
        .setTextEncodeMs(12)
        .setDenoiseMs(13)
        .setDecodeMs(14)
        .setCaptureMs(15)
        .setStoreMs(16)
        .setBatchSize(4)
        .build();
  }

  static MaskTimings maskTimings() {
    return MaskTimings.newBuilder().setFetchMs(21).setMaskMs(22).setWriteMs(23).build();
  }

  static JobSpec jobSpec() {
    return JobSpec.newBuilder()
        .setJobId("job-1")
        .setDataset("voc-like")
        .setState(JobState.CANCELLED)
        .setClasses(List.of(classEntry()))
        .setPromptMode(PromptMode.CAPTIONS)
        .setTemplates(List.of("a photo of a {class}"))
        .setImagesPerClass(3)
        .setCaptions(
            List.of(
                Caption.newBuilder()
                    .setText("a cat on a sofa")
                    .setClasses(List.of("cat", "sofa"))
                    .build()))
        .setPrompts(
            List.of(
                ExplicitPrompt.newBuilder()
                    .setPrompt("a dog")
                    .setClasses(List.of("dog"))
                    .setClassPrompt("dog")
                    .build()))
        .setRepeats(2)
        .setSeed(42)
        .setParams(params())
        .setRecipes(List.of(recipe()))
        .setContinuous(true)
        .setTargetBacklog(50)
        .setTotalImages(1000)
        .setCreatedAt(CREATED)
        .setUpdatedAt(CREATED.plusSeconds(60))
        .build();
  }

  static PromptTask promptTask() {
    return PromptTask.newBuilder()
        .setImageId("job-1-000007")
        .setJobId("job-1")
        .setIndex(7)
        .setDataset("voc-like")
        .setPrompt("a potted plant on a table")
        .setClassPrompt("potted plant")
        .setDescriptivePrompt("potted plant table")
        .setClasses(List.of(classEntry()))
        .setSeed(-7_000_000_000L)
        .setParams(params())
        .setCreatedAt(CREATED)
        .build();
  }

  static Generation generation() {
    return Generation.newBuilder()
        .setImageId("job-1-000007")
        .setJobId("job-1")
        .setGenerationId("g-9")
        .setDataset("voc-like")
        .setPrompt("a potted plant on a table")
        .setClassPrompt("potted plant")
        .setDescriptivePrompt("potted plant table")
        .setClasses(List.of(classEntry()))
        .setSeed(99)
        .setParams(params())
        .setTimesteps(List.of(951, 901, 1))
        .setImage(objectRef("image.png"))
        .setAttention(objectRef("attention.safetensors"))
        .setCapturedTensors(List.of("ca_up_64", "sa_up_32"))
        .setModelId("tiny-sd2")
        .setWorkerId("worker-a")
        .setDevice("gpu")
        .setDtype("float16")
        .setTimings(generationTimings())
        .setCreatedAt(CREATED)
        .build();
  }

  static Pair pair() {
    return Pair.newBuilder()
        .setImageId("job-1-000007")
        .setJobId("job-1")
        .setDataset("voc-like")
        .setRecipe(recipe())
        .setReplayId("replay-seediff-1a2b3c4d-1")
        .setGenerationId("g-9")
        .setImage(objectRef("x.jpg"))
        .setMask(objectRef("x.png"))
        .setAnnotation(objectRef("x.json"))
        .setClassFractions(Map.of("potted plant", 0.25, "background", 0.7, "ignore", 0.05))
        .setTimings(maskTimings())
        .setCreatedAt(CREATED)
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setStage("gpu-worker")
        .setReplayId("replay-seediff-1a2b3c4d-1")
        .setSourceTopic("dsgen.prompts")
        .setSourcePartition(3)
        .setSourceOffset(42)
        .setKey("job-1-000007")
        .setJobId("job-1")
        .setImageId("job-1-000007")
        .setRecipeId("seediff-1a2b3c4d")
        .setReason("class 'cat' does not occur in the prompt")
        .setErrorClass("dsgen.diffusion.InvalidGenerationRequestException")
        .setWorkerId("worker-a")
        .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setOccurredAt(CREATED)
        .build();
  }

  /** Every contract record, in {@link ReleasedSchemas#CONTRACT_RECORDS} order. */
  static List<SpecificRecordBase> all() {
    return List.of(
        jobSpec(),
        promptTask(),
        generation(),
        pair(),
        deadLetter(),
        objectRef("image.png"),
        classEntry(),
        params(),
        recipe(),
        generationTimings(),
        maskTimings());
  }
}
