package dsgen.producer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageIdsTest {

  @Test
  void imageIdIsJobIdAndSixDigitIndex() {
    assertEquals("pets-000000", ImageIds.of("pets", 0));
    assertEquals("job-20261122-1-000042", ImageIds.of("job-20261122-1", 42));
    assertEquals("pets-1234567", ImageIds.of("pets", 1_234_567));
    assertThrows(IllegalArgumentException.class, () -> ImageIds.of("pets", -1));
  }

  @Test
  void jobOfStripsTheLastIndexEvenWhenTheJobIdEndsInDigits() {
    assertEquals(
        Optional.of("job-20261122-153012-a1b2"), ImageIds.jobOf("job-20261122-153012-a1b2-000003"));
    assertEquals(Optional.of("j-000001"), ImageIds.jobOf("j-000001-000002"));
    assertEquals(Optional.of("pets"), ImageIds.jobOf(ImageIds.of("pets", 1_234_567)));
    assertFalse(ImageIds.jobOf("pets").isPresent());
    assertFalse(ImageIds.jobOf("pets-12").isPresent());
    assertFalse(ImageIds.jobOf("Pets-000001").isPresent());
    assertFalse(ImageIds.jobOf(null).isPresent());
  }

  @Test
  void jobIdPattern() {
    assertTrue(ImageIds.JOB_ID.matcher("a").matches());
    assertTrue(ImageIds.JOB_ID.matcher("job-1").matches());
    assertFalse(ImageIds.JOB_ID.matcher("-job").matches());
    assertFalse(ImageIds.JOB_ID.matcher("job-").matches());
    assertFalse(ImageIds.JOB_ID.matcher("Job").matches());
    assertFalse(ImageIds.JOB_ID.matcher("a/b").matches());
    assertFalse(ImageIds.JOB_ID.matcher("a".repeat(41)).matches());
  }
}
