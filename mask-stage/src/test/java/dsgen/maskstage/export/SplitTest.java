package dsgen.maskstage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void theValShareFollowsTheFraction() {
    int n = 20_000;
    double fraction = 0.1;
    int val = 0;
    for (int i = 0; i < n; i++) {
      val += Split.of(String.format("job-%06d", i), fraction) == Split.VAL ? 1 : 0;
    }
    // SHA-256 positions are uniform: val ~ Binomial(n, 0.1), sd = sqrt(n p (1-p)) = 42.4; 5 sd
    double sd = Math.sqrt(n * fraction * (1 - fraction));
    assertEquals(n * fraction, val, 5 * sd);
  }

  @Test
  void raisingTheFractionOnlyMovesImagesFromTrainToVal() {
    for (int i = 0; i < 2_000; i++) {
      String id = "job-" + i;
      if (Split.of(id, 0.1) == Split.VAL) {
        assertEquals(Split.VAL, Split.of(id, 0.3), id);
      }
      assertEquals(Split.TRAIN, Split.of(id, 0.0));
      assertEquals(Split.VAL, Split.of(id, 1.0));
    }
  }

  @Test
  void thePositionIsTheFirst53BitsOfTheSha256() {
    // Python: (int(hashlib.sha256(b"job-000001").hexdigest()[:16], 16) >> 11) / 2**53; the digest
    // starts 9e2991daf3ff471c
    assertEquals(0.6178218040040493, Split.position("job-000001"), 0.0);
    assertEquals(Split.TRAIN, Split.of("job-000001", 0.6178218040040493));
    assertEquals(Split.VAL, Split.of("job-000001", 0.6178218040040494));
  }

  @Test
  void aFractionOutsideZeroToOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Split.of("x", -0.1));
    assertThrows(IllegalArgumentException.class, () -> Split.of("x", 1.5));
    assertThrows(IllegalArgumentException.class, () -> Split.of("x", Double.NaN));
  }
}
