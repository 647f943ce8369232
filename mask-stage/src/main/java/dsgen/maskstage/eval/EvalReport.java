package dsgen.maskstage.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one evaluation as text (the per-class table mmsegmentation prints, the summary, the
 * confusion matrix) and as {@code metrics.json}.
 *
 * @param source what was scored against what, e.g. {@code prediction} and {@code groundTruth}
 *     folders, or a dataset and two recipes; written as it is
 * @param images number of image pairs scored
 */
public record EvalReport(
    Map<String, Object> source, int images, ConfusionMatrix matrix, SegmentationMetrics metrics) {

  public static final String FORMAT = "dsgen-eval/1";

  /** Beyond this many classes the text leaves the confusion matrix to metrics.json. */
  static final int MATRIX_IN_TEXT_MAX_CLASSES = 12;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static EvalReport of(Map<String, Object> source, int images, ConfusionMatrix matrix) {
    return new EvalReport(source, images, matrix, SegmentationMetrics.of(matrix));
  }

  /** The per-class table, the summary line and (for a few classes) the confusion matrix. */
  public String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"label", "class", "IoU", "Acc", "ground truth px", "predicted px"});
    for (SegmentationMetrics.ClassMetrics c : metrics.classes()) {
      rows.add(
          new String[] {
            Integer.toString(c.label()),
            c.name(),
            percentText(c.iou()),
            percentText(c.acc()),
            Long.toString(c.groundTruthPixels()),
            Long.toString(c.predictedPixels())
          });
    }
    StringBuilder out = new StringBuilder();
    out.append("per class results (percent; nan = the class is on neither side / not in the")
        .append(" ground truth):\n");
    out.append(TextTable.render(rows, 2));
    out.append(
        String.format(
            "aAcc %s   mIoU %s   mAcc %s   over %d images, %d scored pixels%n",
            percentText(metrics.aAcc()),
            percentText(metrics.mIoU()),
            percentText(metrics.mAcc()),
            images,
            scoredPixels()));
    out.append(
        String.format(
            "ignored: %d ground-truth pixels at 255; %d scored pixels predicted 255 (%s)%n",
            matrix.ignoredInGroundTruth(),
            matrix.ignoredInPrediction(),
            matrix.predictionIgnore() == ConfusionMatrix.PredictionIgnore.MISS
                ? "counted as misses"
                : "not scored"));
    if (matrix.classes().size() <= MATRIX_IN_TEXT_MAX_CLASSES) {
      out.append("confusion matrix (pixels; rows: ground truth, columns: prediction):\n");
      out.append(TextTable.render(matrixRows(), 1));
    }
    return out.toString();
  }

  /** {@code metrics.json}: fractions (NaN as null), mmseg's percentages, counts, the matrix. */
  public byte[] json() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("metric", "mmsegmentation IoUMetric: ignore_index 255, nan_to_num None");
    doc.putAll(source);
    doc.put("images", images);
    doc.put(
        "predicted255",
        matrix.predictionIgnore() == ConfusionMatrix.PredictionIgnore.MISS
            ? "miss of the ground-truth class"
            : "not scored");
    doc.put("aAcc", finite(metrics.aAcc()));
    doc.put("mIoU", finite(metrics.mIoU()));
    doc.put("mAcc", finite(metrics.mAcc()));
    Map<String, Object> percent = new LinkedHashMap<>();
    percent.put("aAcc", finite(SegmentationMetrics.percent(metrics.aAcc())));
    percent.put("mIoU", finite(SegmentationMetrics.percent(metrics.mIoU())));
    percent.put("mAcc", finite(SegmentationMetrics.percent(metrics.mAcc())));
    doc.put("percent", percent);
    Map<String, Object> pixels = new LinkedHashMap<>();
    pixels.put("scored", scoredPixels());
    pixels.put("groundTruth255", matrix.ignoredInGroundTruth());
    pixels.put("predicted255", matrix.ignoredInPrediction());
    doc.put("pixels", pixels);
    doc.put("classes", classes());
    doc.put("confusionMatrix", confusionMatrix());
    try {
      return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics.json could not be encoded", e);
    }
  }

  private long scoredPixels() {
    long sum = 0;
    for (int k = 0; k < matrix.classes().size(); k++) {
      sum += matrix.groundTruthPixels(k);
    }
    return sum;
  }

  private List<Map<String, Object>> classes() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SegmentationMetrics.ClassMetrics c : metrics.classes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", c.label());
      m.put("name", c.name());
      m.put("iou", finite(c.iou()));
      m.put("acc", finite(c.acc()));
      m.put("intersection", c.intersection());
      m.put("union", c.union());
      m.put("groundTruthPixels", c.groundTruthPixels());
      m.put("predictedPixels", c.predictedPixels());
      out.add(m);
    }
    return out;
  }

  private Map<String, Object> confusionMatrix() {
    ClassList classes = matrix.classes();
    List<Object> columns = new ArrayList<>();
    for (int k = 0; k < classes.size(); k++) {
      columns.add(classes.label(k));
    }
    columns.add(ClassList.IGNORE);
    List<long[]> counts = new ArrayList<>();
    for (int r = 0; r < classes.size(); r++) {
      long[] row = new long[classes.size() + 1];
      for (int c = 0; c <= classes.size(); c++) {
        row[c] = matrix.count(r, c);
      }
      counts.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", "ground-truth label, in the order of 'labels'");
    m.put("columns", "predicted label, in the order of 'predictedLabels' (255: predicted ignore)");
    m.put("labels", columns.subList(0, classes.size()));
    m.put("predictedLabels", columns);
    m.put("counts", counts);
    return m;
  }

  private List<String[]> matrixRows() {
    ClassList classes = matrix.classes();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[classes.size() + 2];
    header[0] = "gt \\ pred";
    for (int k = 0; k < classes.size(); k++) {
      header[k + 1] = classes.name(k);
    }
    header[classes.size() + 1] = "255";
    rows.add(header);
    for (int r = 0; r < classes.size(); r++) {
      String[] row = new String[classes.size() + 2];
      row[0] = classes.name(r);
      for (int c = 0; c <= classes.size(); c++) {
        row[c + 1] = Long.toString(matrix.count(r, c));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String percentText(double fraction) {
    return Double.isNaN(fraction)
        ? "nan"
        : String.format(java.util.Locale.ROOT, "%.2f", SegmentationMetrics.percent(fraction));
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
