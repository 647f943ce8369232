package dsgen.masks.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionFormat;
import dsgen.attention.AttentionReader;
import dsgen.attention.AttentionWriter;
import dsgen.attention.CompactEncoding;
import dsgen.attention.TensorName;
import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.conformance.FixtureCase;
import dsgen.masks.io.AttentionFile;
import dsgen.recipe.CaptureProfiles;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact encoding keeps the masks: a conformance case re-encoded with {@code ./dsgen attention
 * pack}'s encoding gives, for every method with its default recipe, label maps that agree with
 * those of the lossless float16 file on at least 99 % of the pixels (the bound the encoding was
 * chosen for; the figures are printed).
 */
class CompactAgreementTest {
  /**
   * The capture of the tiny model (real, unstructured attention; the other cases and the SD2-scale
   * case are measured by {@code ./dsgen bench payload}, each costs ~20 s of mask computation).
   */
  static java.util.List<FixtureCase> cases() {
    return java.util.List.of(FixtureCase.named("tiny-cat"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(300)
  void everyMethodAgreesOnAtLeast99PercentOfThePixels(FixtureCase fixture) throws Exception {
    AttentionContents source = AttentionReader.read(Files.readAllBytes(fixture.attentionPath()));
    AttentionFile lossless = AttentionFile.read(AttentionWriter.float16Of(source).toBytes());
    byte[] packed = AttentionWriter.compactOf(source, CompactEncoding.DEFAULT).toBytes();
    AttentionFile compact = AttentionFile.read(packed);
    assertEquals(AttentionFormat.V2, compact.metadata().format());
    assertEquals(new TreeSet<>(lossless.tensorNames()), new TreeSet<>(compact.tensorNames()));
    // the capture holds the replayable profile, so every method's recipe below reads what it needs
    assertTrue(
        compact
            .tensorNames()
            .containsAll(
                TensorName.spell(
                    CaptureProfiles.tensorsFor(
                        CaptureProfiles.REPLAYABLE, compact.metadata().resolutions()))));
    Map<String, MaskResult> reference =
        MaskAgreement.masks(lossless, fixture.image(), MaskMethods.names());
    Map<String, Double> agreement = MaskAgreement.perMethod(reference, compact, fixture.image());
    System.out.printf(
        "compact %-14s %d of %d bytes, agreement %s%n",
        fixture.name(), packed.length, Files.size(fixture.attentionPath()), agreement);
    agreement.forEach(
        (m, a) -> assertTrue(a >= 0.99, fixture.name() + "/" + m + ": " + 100 * a + " %"));
  }
}
