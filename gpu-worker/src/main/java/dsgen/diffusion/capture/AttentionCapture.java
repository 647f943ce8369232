package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dsgen.attention.TensorName;
import dsgen.diffusion.attention.AttentionCall;
import dsgen.diffusion.attention.AttentionLayer;
import dsgen.diffusion.attention.AttentionProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The capturing attention processor of one generation batch: computes the probabilities and outputs
 * of every attention call and hands them to the recorders of the tensors the batch asked for. All
 * accumulators are allocated once here, on the device, in float32; finishing copies them to the
 * host.
 */
public final class AttentionCapture implements AttentionProcessor, AutoCloseable {
  private final List<Recorder> recorders = new ArrayList<>();
  private final List<Set<TensorName>> namesPerRequest;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final int batch;
  private final int steps;
  private int step;

  /**
   * Recorded-only text states for the batch: class prompts [B, L, D] (padded like the prompt) and
   * descriptive prompts [B, Tmax, D] with their unpadded lengths; either may be null when no
   * request needs it.
   */
  public record PromptStates(
      NDArray classStates, NDArray descriptiveStates, int[] descriptiveLengths) {}

  public AttentionCapture(
      List<AttentionLayer> layers,
      int latentSide,
      int textLength,
      List<? extends Set<TensorName>> names,
      PromptStates prompts,
      int steps,
      NDManager manager) {
    this.namesPerRequest = List.copyOf(names);
    this.batch = names.size();
    this.steps = steps;
    Set<TensorName> union = new TreeSet<>();
    names.forEach(union::addAll);
    int top = CapturableTensors.resolutions(layers, latentSide).get(0);
    PromptKeys classKeys = null;
    PromptKeys descriptiveKeys = null;
    for (TensorName tensor : union) {
      String name = tensor.toString();
      int r = tensor.resolution();
      long pixels = (long) r * r;
      switch (tensor.family()) {
        case PCC_FEATURES -> recorders.add(new PccRecorder(top, batch));
        case CA_MEAN -> recorders.add(new MeanRecorder(name, true, r, batch, textLength, manager));
        case SA_MEAN -> recorders.add(new MeanRecorder(name, false, r, batch, pixels, manager));
        case CA_MAXNORM ->
            recorders.add(new MaxNormRecorder(name, true, r, batch, textLength, manager));
        case SA_MAXNORM ->
            recorders.add(new MaxNormRecorder(name, false, r, batch, pixels, manager));
        case CA_LAYERS ->
            recorders.add(
                new LayerRecorder(
                    name,
                    layers.stream()
                        .filter(l -> l.cross() && l.resolution(latentSide) == r)
                        .toList(),
                    true,
                    r,
                    batch,
                    textLength,
                    manager));
        case SA_FIRST ->
            recorders.add(
                new LayerRecorder(
                    name,
                    List.of(CapturableTensors.firstUpSelfLayer(layers, latentSide, r)),
                    false,
                    r,
                    batch,
                    pixels,
                    manager));
        case CPA_MEAN -> {
          if (classKeys == null) {
            classKeys = new PromptKeys(prompts.classStates());
            owned.add(classKeys);
          }
          recorders.add(
              new ClassPromptRecorder(
                  name, r, classKeys, batch, prompts.classStates().getShape().get(1), manager));
        }
        case OVAM -> {
          descriptiveKeys = new PromptKeys(prompts.descriptiveStates());
          owned.add(descriptiveKeys);
          NDArray mask = descriptiveMask(prompts, manager);
          owned.add(mask);
          List<Integer> rs =
              new ArrayList<>(
                  new TreeSet<>(
                      layers.stream()
                          .filter(l -> l.cross() && l.part() != AttentionLayer.Part.MID)
                          .map(l -> l.resolution(latentSide))
                          .toList()));
          recorders.add(
              new OvamRecorder(
                  name,
                  top,
                  rs,
                  descriptiveKeys,
                  prompts.descriptiveLengths(),
                  mask,
                  batch,
                  manager));
        }
      }
    }
  }

  // 0 for a request's own tokens, -inf for the padding up to the longest descriptive prompt: [B, 1,
  // 1, Tmax]
  private static NDArray descriptiveMask(PromptStates prompts, NDManager manager) {
    int[] lengths = prompts.descriptiveLengths();
    int slots = (int) prompts.descriptiveStates().getShape().get(1);
    float[] m = new float[lengths.length * slots];
    for (int b = 0; b < lengths.length; b++) {
      for (int t = lengths[b]; t < slots; t++) {
        m[b * slots + t] = Float.NEGATIVE_INFINITY;
      }
    }
    return manager.create(m, new ai.djl.ndarray.types.Shape(lengths.length, 1, 1, slots));
  }

  /** Marks the start of denoising step {@code step} (0-based). */
  public void beginStep(int step) {
    this.step = step;
  }

  @Override
  public NDArray attend(AttentionCall call) {
    NDArray p = AttentionProcessor.probabilities(call);
    NDArray o = p.toType(call.v().getDataType(), false).matMul(call.v());
    CallTensors tensors = new CallTensors(call, p, o, batch, step, step == steps - 1);
    for (Recorder r : recorders) {
      r.record(tensors);
    }
    return o;
  }

  /** The finished tensors of batch element {@code request} as float32 host copies, by name. */
  public List<CapturedTensor> finish(int request) {
    return finish(request, Finisher.DENSE);
  }

  /**
   * The finished tensors of batch element {@code request}, sorted by name, each device map leaving
   * the device through {@code finisher}.
   */
  public List<CapturedTensor> finish(int request, Finisher finisher) {
    Set<String> wanted = new TreeSet<>(TensorName.spell(namesPerRequest.get(request)));
    List<CapturedTensor> out = new ArrayList<>();
    for (Recorder r : recorders) {
      for (CapturedTensor t : r.finish(request, finisher)) {
        if (wanted.contains(t.name())) {
          out.add(t);
        }
      }
    }
    out.sort(Comparator.comparing(CapturedTensor::name));
    return out;
  }

  @Override
  public void close() {
    recorders.forEach(Recorder::close);
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
