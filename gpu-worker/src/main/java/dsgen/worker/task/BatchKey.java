package dsgen.worker.task;

import dsgen.attention.TensorName;
import dsgen.records.GenerationParams;
import java.util.SortedSet;

/**
 * What tasks must share to run in one UNet batch: the latent shape, the number of steps, the
 * guidance scale, and the attention capture (tensors and their storage precision).
 */
public record BatchKey(
    int width,
    int height,
    int steps,
    double guidanceScale,
    String scheduler,
    String captureProfile,
    SortedSet<TensorName> captureTensors,
    String attentionDtype) {

  public static BatchKey of(AcquiredTask t) {
    GenerationParams p = t.task().getParams();
    return new BatchKey(
        p.getWidth(),
        p.getHeight(),
        p.getSteps(),
        p.getGuidanceScale(),
        p.getSampler(),
        t.captureProfile(),
        t.captureTensors(),
        p.getAttentionDtype());
  }
}
