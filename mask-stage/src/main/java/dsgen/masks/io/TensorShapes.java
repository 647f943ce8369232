package dsgen.masks.io;

import static dsgen.masks.io.AttentionFileException.Problem.BAD_SHAPE;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes ALGORITHMS.md A2 prescribes for each tensor family; names outside A2 are left alone.
 */
final class TensorShapes {
  private static final Pattern NAME =
      Pattern.compile(
          "(ca_mean|ca_maxnorm|cpa_mean|ca_layers|sa_mean|sa_maxnorm|sa_first|ovam)_(\\d+)");

  private TensorShapes() {}

  static void check(AttentionTensor t, AttentionMetadata meta) {
    int[] s = t.shape();
    int top = meta.topResolution();
    if (t.name().equals("pcc_features")) {
      expect(t, s.length == 2 && s[0] == top * top, "[" + top * top + ", F]");
      return;
    }
    Matcher m = NAME.matcher(t.name());
    if (!m.matches()) {
      return;
    }
    String family = m.group(1);
    int r = Integer.parseInt(m.group(2));
    if (!meta.resolutions().contains(r)) {
      throw new AttentionFileException(
          BAD_SHAPE,
          t.name(),
          "tensor "
              + t.name()
              + ": resolution "
              + r
              + " is not among the file's resolutions "
              + meta.resolutions());
    }
    int n = r * r;
    int text = AttentionMetadata.TEXT_LENGTH;
    switch (family) {
      case "ca_mean", "ca_maxnorm", "cpa_mean" ->
          expect(t, s.length == 2 && s[0] == n && s[1] == text, "[" + n + ", " + text + "]");
      case "ca_layers" ->
          expect(
              t,
              s.length == 3 && s[0] > 0 && s[1] == n && s[2] == text,
              "[L, " + n + ", " + text + "]");
      case "sa_mean", "sa_maxnorm", "sa_first" ->
          expect(t, s.length == 2 && s[0] == n && s[1] == n, "[" + n + ", " + n + "]");
      case "ovam" ->
          expect(
              t,
              r == top && s.length == 3 && s[0] > 0 && s[1] == r && s[2] == r,
              "[T_d, " + top + ", " + top + "] at the top resolution " + top);
      default -> throw new IllegalStateException("pattern and switch disagree on " + family);
    }
  }

  private static void expect(AttentionTensor t, boolean ok, String expected) {
    if (!ok) {
      throw new AttentionFileException(
          BAD_SHAPE,
          t.name(),
          "tensor "
              + t.name()
              + " has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + expected);
    }
  }
}
