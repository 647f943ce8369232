package dsgen.worker.output;

import dsgen.records.Generation;
import dsgen.records.GenerationParams;
import dsgen.records.GenerationTimings;
import dsgen.records.PromptTask;
import dsgen.worker.generate.GeneratedImage;
import dsgen.worker.generate.ModelInfo;
import java.time.Duration;
import java.time.Instant;

/** Builds the Generation record of one finished attempt (pure). */
public final class GenerationRecords {
  private GenerationRecords() {}

  /**
   * @param captureProfile the profile actually used (the worker default when the task left it
   *     empty)
   * @param batchSize how many tasks shared the UNet batch
   */
  public static Generation of(
      PromptTask task,
      String generationId,
      String captureProfile,
      GeneratedImage image,
      StoredObjects objects,
      ModelInfo model,
      String workerId,
      Instant acquiredAt,
      int batchSize,
      Instant now) {
    GenerationParams params =
        GenerationParams.newBuilder(task.getParams())
            .setCaptureProfile(captureProfile)
            // the sampler that ran (a task without one gets the model folder's default)
            .setSampler(image.sampler())
            .build();
    long queuedMs = Math.max(0, Duration.between(task.getCreatedAt(), acquiredAt).toMillis());
    GeneratedImage.StageTimes t = image.times();
    return Generation.newBuilder()
        .setImageId(task.getImageId())
        .setJobId(task.getJobId())
        .setGenerationId(generationId)
        .setDataset(task.getDataset())
        .setPrompt(task.getPrompt())
        .setClassPrompt(task.getClassPrompt())
        .setDescriptivePrompt(task.getDescriptivePrompt())
        .setClasses(image.classes())
        .setSeed(task.getSeed())
        .setParams(params)
        .setTimesteps(image.timesteps())
        .setImage(objects.image())
        .setAttention(objects.attention())
        .setCapturedTensors(image.tensorNames())
        .setModelId(model.modelId())
        .setWorkerId(workerId)
        .setDevice(model.device())
        .setDtype(model.dtype())
        .setTimings(
            GenerationTimings.newBuilder()
                .setQueuedMs(queuedMs)
                .setTextEncodeMs(t.textEncodeMs())
                .setDenoiseMs(t.denoiseMs())
                .setDecodeMs(t.decodeMs())
                .setCaptureMs(t.captureMs())
                .setStoreMs(objects.storeMs())
                .setBatchSize(batchSize)
                .build())
        .setCreatedAt(now)
        .build();
  }
}
