package dsgen.maskstage.eval;

import java.util.List;

/** A plain-text table with a ruled header; text columns left-aligned, number columns right. */
final class TextTable {

  private TextTable() {}

  /**
   * @param rows the header first; every row has the header's number of cells
   * @param textColumns how many leading columns hold text (left-aligned)
   */
  static String render(List<String[]> rows, int textColumns) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    StringBuilder out = new StringBuilder();
    out.append(rule).append('\n');
    for (int r = 0; r < rows.size(); r++) {
      out.append('|');
      for (int c = 0; c < columns; c++) {
        String cell = rows.get(r)[c];
        String pad = " ".repeat(width[c] - cell.length());
        out.append(' ').append(c < textColumns ? cell + pad : pad + cell).append(" |");
      }
      out.append('\n');
      if (r == 0) {
        out.append(rule).append('\n');
      }
    }
    out.append(rule).append('\n');
    return out.toString();
  }
}
