package dsgen.producer.gallery;

import java.util.Arrays;

/**
 * Per dataset, recipe and class: over the images whose pair was computed for the class, how many
 * there are, how many have any pixel of it, the mean pixel fraction and a histogram of the
 * fractions in {@link #BINS} equal bins over [0, 1] (a fraction of exactly 1 falls in the last).
 */
public record ClassStats(
    String recipeId,
    String className,
    long images,
    long withPixels,
    double fractionSum,
    long[] histogram) {
  public static final int BINS = 10;

  static ClassStats empty(String recipeId, String className) {
    return new ClassStats(recipeId, className, 0, 0, 0, new long[BINS]);
  }

  public double meanFraction() {
    return images == 0 ? 0 : fractionSum / images;
  }

  /** With one more image at {@code fraction} ({@code sign} 1), or one fewer ({@code sign} -1). */
  ClassStats plus(double fraction, int sign) {
    long[] bins = Arrays.copyOf(histogram, BINS);
    bins[bin(fraction)] += sign;
    return new ClassStats(
        recipeId,
        className,
        images + sign,
        withPixels + (fraction > 0 ? sign : 0),
        fractionSum + sign * fraction,
        bins);
  }

  static int bin(double fraction) {
    return Math.min(BINS - 1, Math.max(0, (int) Math.floor(fraction * BINS)));
  }
}
