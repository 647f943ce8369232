package dsgen.diffusion.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dsgen.attention.AttentionFormat;
import dsgen.attention.AttentionMetadata;
import dsgen.attention.AttentionWriter;
import dsgen.attention.CompactEncoding;
import dsgen.attention.DType;
import dsgen.attention.TensorName;
import dsgen.diffusion.GenerationOutput;
import dsgen.diffusion.InitialLatents;
import dsgen.diffusion.attention.AttentionProcessor;
import dsgen.diffusion.capture.AttentionCapture;
import dsgen.diffusion.capture.CapturableTensors;
import dsgen.diffusion.capture.CapturedTensor;
import dsgen.diffusion.capture.Finisher;
import dsgen.diffusion.io.PngEncoder;
import dsgen.diffusion.scheduler.Sampler;
import dsgen.diffusion.scheduler.SamplerRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one planned batch end to end: text encoding, initial latents, the denoising loop (capturing
 * attention when any request asks for tensors), VAE decode to PNG, and the attention files. Every
 * device array of the batch belongs to a sub-manager closed at the end.
 */
public final class BatchGenerator {
  private final LoadedModel model;
  private final NDManager modelManager;

  public BatchGenerator(LoadedModel model, NDManager modelManager) {
    this.model = model;
    this.modelManager = modelManager;
  }

  public List<GenerationOutput> run(
      List<PlannedRequest> batch, InitialLatents initial, StepListener listener) {
    var first = batch.get(0).request();
    int b = batch.size();
    int scale = model.vaeScale();
    int latentH = first.height() / scale;
    int latentW = first.width() / scale;
    int channels = model.unet().config().inChannels();
    int steps = first.steps();
    Sampler sampler = batch.get(0).sampler();
    try (NDManager gen = modelManager.newSubManager();
        SamplerRun run = sampler.start(steps)) {
      int[] timesteps = run.recordedTimesteps();
      long t0 = System.nanoTime();
      TextConditioning text = TextConditioning.encode(model, gen, batch);
      long t1 = System.nanoTime();

      float[] init = new float[b * channels * latentH * latentW];
      for (int i = 0; i < b; i++) {
        float[] one = initial.latents(batch.get(i).request(), i, channels, latentH, latentW);
        System.arraycopy(one, 0, init, i * one.length, one.length);
      }
      NDArray latents =
          gen.create(init, new Shape(b, channels, latentH, latentW))
              .toType(model.options().dtype(), false);
      List<Set<TensorName>> names = batch.stream().map(p -> (Set<TensorName>) p.tensors()).toList();
      boolean capturing = names.stream().anyMatch(s -> !s.isEmpty());
      AttentionCapture capture =
          capturing
              ? new AttentionCapture(
                  model.unet().attentionLayers(),
                  latentW,
                  (int) text.context().getShape().get(1),
                  names,
                  text.prompts(),
                  run.calls(),
                  gen)
              : null;
      try {
        AttentionProcessor processor = capture != null ? capture : AttentionProcessor.PLAIN;
        NDArray last =
            new Denoiser(model.unet(), run)
                .run(
                    latents,
                    text.context(),
                    (float) first.guidanceScale(),
                    processor,
                    step -> {
                      if (capture != null) {
                        capture.beginStep(step);
                      }
                    },
                    listener);
        long t2 = System.nanoTime();
        List<byte[]> pngs = decode(last, first.width(), first.height());
        long t3 = System.nanoTime();
        List<GenerationOutput> out = new ArrayList<>();
        List<Integer> resolutions =
            CapturableTensors.resolutions(model.unet().attentionLayers(), latentW);
        for (int i = 0; i < b; i++) {
          long c0 = System.nanoTime();
          PlannedRequest p = batch.get(i);
          Finisher finisher =
              p.request().attentionCompact()
                  ? Finisher.compact(CompactEncoding.DEFAULT)
                  : Finisher.DENSE;
          List<CapturedTensor> tensors = capture != null ? capture.finish(i, finisher) : List.of();
          byte[] file =
              attentionFile(
                  tensors,
                  CaptureMetadata.of(
                      p,
                      model.modelId(),
                      timesteps,
                      latentW,
                      resolutions,
                      model.options().dtypeName(),
                      sampler.kind(),
                      run.calls()),
                  DType.ofAttentionDtype(p.request().attentionDtype()));
          long c1 = System.nanoTime();
          out.add(
              new GenerationOutput(
                  pngs.get(i),
                  file,
                  p.classes(),
                  timesteps.clone(),
                  sampler.kind().id(),
                  tensors.stream().map(CapturedTensor::name).toList(),
                  ms(t1 - t0),
                  ms(t2 - t1),
                  run.calls(),
                  ms(t3 - t2),
                  ms(c1 - c0)));
        }
        return out;
      } finally {
        if (capture != null) {
          capture.close();
        }
      }
    }
  }

  private List<byte[]> decode(NDArray latents, int width, int height) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray image =
          model
              .vae()
              .decode(latents)
              .div(2)
              .add(0.5f)
              .clip(0, 1)
              .mul(255)
              .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
      float[] values = image.toFloatArray();
      int b = (int) image.getShape().get(0);
      int plane = width * height;
      List<byte[]> pngs = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        byte[] rgb = new byte[plane * 3];
        for (int p = 0; p < plane; p++) {
          for (int c = 0; c < 3; c++) {
            rgb[p * 3 + c] = (byte) (int) Math.rint(values[(i * 3 + c) * plane + p]);
          }
        }
        pngs.add(PngEncoder.encode(rgb, width, height));
      }
      return pngs;
    }
  }

  /**
   * The attention file: lossless ({@value AttentionFormat#V1}) stores every tensor as {@code
   * dtype}; compact ({@value AttentionFormat#V2}) stores what the device encoded, and the
   * host-built tensors as {@link CompactEncoding#DEFAULT} plans them.
   */
  private static byte[] attentionFile(
      List<CapturedTensor> tensors, AttentionMetadata metadata, DType dtype) {
    AttentionWriter writer = new AttentionWriter().metadata(metadata);
    boolean compact = metadata.format().equals(AttentionFormat.V2);
    for (CapturedTensor t : tensors) {
      if (t.isEncoded()) {
        writer.encoded(t.name(), t.encoding(), t.encoded());
      } else if (compact) {
        writer.compact(t.name(), t.intShape(), t.values(), CompactEncoding.DEFAULT);
      } else {
        writer.tensor(t.name(), t.intShape(), t.values(), dtype);
      }
    }
    return writer.toBytes();
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
