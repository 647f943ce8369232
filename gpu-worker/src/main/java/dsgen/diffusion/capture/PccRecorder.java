package dsgen.diffusion.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dsgen.attention.TensorName;
import dsgen.diffusion.attention.AttentionLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pcc_features} (Principal Component Clustering): at the last step, for every up-block
 * self-attention layer (execution order) and each head of both CFG halves (unconditional heads,
 * then conditional heads), the head's output softmax(QKᵀ)V [r², d] reduced to 3 principal-component
 * scores (centred, exact eigen-decomposition of XᵀX in double precision, sign rule of {@link
 * PrincipalComponents}), nearest-resized to R×R: [R², 3 per head]. The only per-layer data kept are
 * these few columns.
 */
final class PccRecorder implements Recorder {
  static final int COMPONENTS = 3;

  private final int top;
  private final List<List<double[]>> columns = new ArrayList<>();

  PccRecorder(int top, int batch) {
    this.top = top;
    for (int b = 0; b < batch; b++) {
      columns.add(new ArrayList<>());
    }
  }

  @Override
  public void record(CallTensors t) {
    AttentionLayer layer = t.call.layer();
    if (!t.lastStep || layer.cross() || layer.part() != AttentionLayer.Part.UP) {
      return;
    }
    int r = t.call.height();
    int n = r * r;
    int d = layer.headDim();
    int heads = layer.heads();
    NDArray o = t.output.toType(DataType.FLOAT64, false);
    NDArray centred = o.sub(o.mean(new int[] {2}, true));
    double[] gram = centred.transpose(0, 1, 3, 2).matMul(centred).toDoubleArray();
    double[] x = centred.toDoubleArray();
    int batch = t.batch;
    for (int b = 0; b < batch; b++) {
      for (int row : new int[] {b, batch + b}) {
        for (int h = 0; h < heads; h++) {
          int head = row * heads + h;
          double[] z =
              PrincipalComponents.scores(
                  x, head * n * d, n, d, copy(gram, head * d * d, d * d), COMPONENTS);
          columns.get(b).add(nearest(z, r));
        }
      }
    }
  }

  private static double[] copy(double[] a, int from, int length) {
    double[] out = new double[length];
    System.arraycopy(a, from, out, 0, length);
    return out;
  }

  // [r², 3] scores on the r×r grid → [R², 3] on the R×R grid, nearest source pixel
  private double[] nearest(double[] z, int r) {
    double[] out = new double[top * top * COMPONENTS];
    for (int y = 0; y < top; y++) {
      int sy = Resize.nearest(y, r, top);
      for (int x = 0; x < top; x++) {
        int sx = Resize.nearest(x, r, top);
        for (int j = 0; j < COMPONENTS; j++) {
          out[(y * top + x) * COMPONENTS + j] = z[(sy * r + sx) * COMPONENTS + j];
        }
      }
    }
    return out;
  }

  @Override
  public List<CapturedTensor> finish(int request, Finisher finisher) {
    List<double[]> blocks = columns.get(request);
    int width = blocks.size() * COMPONENTS;
    int pixels = top * top;
    float[] values = new float[pixels * width];
    for (int blk = 0; blk < blocks.size(); blk++) {
      double[] z = blocks.get(blk);
      for (int p = 0; p < pixels; p++) {
        for (int j = 0; j < COMPONENTS; j++) {
          values[p * width + blk * COMPONENTS + j] = (float) z[p * COMPONENTS + j];
        }
      }
    }
    return List.of(
        new CapturedTensor(
            TensorName.pccFeatures().toString(), new long[] {pixels, width}, values));
  }

  @Override
  public void close() {
    columns.clear();
  }
}
