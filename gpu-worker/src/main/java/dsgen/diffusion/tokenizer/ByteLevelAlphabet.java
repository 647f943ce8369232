package dsgen.diffusion.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2/CLIP byte-level alphabet: every byte maps to one printable character so that BPE works on
 * text without whitespace or control characters in its vocabulary. Printable Latin-1 bytes map to
 * themselves; the others to code points from 256 upwards, in byte order.
 */
final class ByteLevelAlphabet {
  private static final char[] TABLE = build();

  private ByteLevelAlphabet() {}

  private static char[] build() {
    char[] table = new char[256];
    boolean[] direct = new boolean[256];
    for (int b = 0; b < 256; b++) {
      direct[b] = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    }
    int next = 256;
    for (int b = 0; b < 256; b++) {
      table[b] = direct[b] ? (char) b : (char) next++;
    }
    return table;
  }

  /** The UTF-8 bytes of {@code text}, each replaced by its alphabet character. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      sb.append(TABLE[b & 0xFF]);
    }
    return sb.toString();
  }
}
