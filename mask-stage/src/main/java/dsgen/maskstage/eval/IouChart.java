package dsgen.maskstage.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code per_class_iou.png}: one bar per class (its IoU, 0..1), a class with no IoU (absent from
 * both sides) as an empty slot, and the mIoU as a dashed line (and in the title). Drawn with
 * JFreeChart.
 */
public final class IouChart {

  private static final int HEIGHT = 480;
  private static final int MIN_WIDTH = 640;
  private static final int WIDTH_PER_CLASS = 56;
  private static final int ROTATE_LABELS_FROM = 8;

  private IouChart() {}

  /**
   * @param subtitle what was scored against what
   */
  public static void write(SegmentationMetrics metrics, String subtitle, Path png) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (SegmentationMetrics.ClassMetrics c : metrics.classes()) {
      boolean absent = Double.isNaN(c.iou());
      data.addValue(
          absent ? null : c.iou(), "IoU", c.label() + " " + c.name() + (absent ? " (absent)" : ""));
    }
    CategoryAxis classes = new CategoryAxis("class");
    if (metrics.classes().size() >= ROTATE_LABELS_FROM) {
      classes.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    NumberAxis iou = new NumberAxis("IoU");
    iou.setRange(0, 1.05);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(0x4C72B0));
    bars.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.000")));
    bars.setDefaultItemLabelsVisible(true);
    CategoryPlot plot = new CategoryPlot(data, classes, iou, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    if (!Double.isNaN(metrics.mIoU())) {
      plot.addRangeMarker(meanLine(metrics.mIoU()));
    }
    String title =
        Double.isNaN(metrics.mIoU())
            ? "per-class IoU"
            : String.format(Locale.ROOT, "per-class IoU, mIoU %.3f", metrics.mIoU());
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
    chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
    chart.setBackgroundPaint(Color.WHITE);
    int width = Math.max(MIN_WIDTH, WIDTH_PER_CLASS * metrics.classes().size() + 160);
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png + ": " + e, e);
    }
  }

  private static ValueMarker meanLine(double mIoU) {
    ValueMarker mean = new ValueMarker(mIoU);
    mean.setPaint(new Color(0xC44E52));
    mean.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    return mean;
  }
}
