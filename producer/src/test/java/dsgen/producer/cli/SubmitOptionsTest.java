package dsgen.producer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.producer.api.JobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitOptionsTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void everyOptionBecomesItsRequestField() throws Exception {
    SubmitOptions o =
        SubmitOptions.parse(
            List.of(
                "--dataset",
                "pets",
                "--job-id",
                "j1",
                "--classes",
                "cat,potted plant:16",
                "--template",
                "a photo of a {class}",
                "--template",
                "a {class} outdoors",
                "--images-per-class",
                "3",
                "--seed",
                "1111",
                "--steps",
                "20",
                "--sampler",
                "dpmsolver++",
                "--guidance",
                "5.5",
                "--size",
                "256",
                "--negative-prompt",
                "blurry",
                "--capture",
                "full",
                "--attention-dtype",
                "float32",
                "--attention-encoding",
                "lossless",
                "--recipe",
                "seediff",
                "--param",
                "alpha=0.4",
                "--param",
                "res=8,16,32",
                "--recipe",
                "diffumask",
                "--follow",
                "--url",
                "http://host:1"));
    String json = JSON.writeValueAsString(o.request);
    assertEquals(
        "{\"jobId\":\"j1\",\"dataset\":\"pets\",\"classes\":[{\"name\":\"cat\"},{\"name\":\"potted plant\",\"label\":16}],"
            + "\"templates\":[\"a photo of a {class}\",\"a {class} outdoors\"],\"imagesPerClass\":3,\"seed\":1111,\"steps\":20,"
            + "\"sampler\":\"dpmsolver++\",\"guidance\":5.5,\"size\":256,\"negativePrompt\":\"blurry\",\"captureProfile\":\"full\",\"attentionDtype\":\"float32\","
            + "\"attentionEncoding\":\"lossless\",\"recipes\":[{\"method\":\"seediff\",\"params\":{\"alpha\":\"0.4\",\"res\":\"8,16,32\"}},{\"method\":\"diffumask\",\"params\":{}}]}",
        json);
    assertEquals(
        o.request,
        JSON.readValue(json, JobRequest.class),
        "the API reads exactly what the CLI writes");
    assertTrue(o.follow);
    assertEquals("http://host:1", o.url);
  }

  @Test
  void vocContinuousAndExplicitPrompts() {
    SubmitOptions o =
        SubmitOptions.parse(
            List.of(
                "--dataset",
                "voc",
                "--voc",
                "--prompt",
                "a dog on a sofa",
                "--repeats",
                "2",
                "--continuous",
                "--target-backlog",
                "8",
                "--recipe",
                "pcc"));
    assertEquals("voc", o.request.preset());
    assertNull(o.request.classes());
    assertEquals(
        List.of(new JobRequest.PromptRequest("a dog on a sofa", List.of("dog", "sofa"), null)),
        o.request.prompts());
    assertEquals(2, o.request.repeats());
    assertEquals(true, o.request.continuous());
    assertEquals(8, o.request.targetBacklog());
  }

  @Test
  void captionsFileTakesBothLineForms(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("captions.txt");
    Files.writeString(
        file,
        "# VOC-like captions\n\na baby in a toy car | person, car\n"
            + "{\"text\": \"a cat; asleep\", \"classes\": [\"cat\"]}\n");
    SubmitOptions o =
        SubmitOptions.parse(
            List.of(
                "--dataset",
                "d",
                "--voc",
                "--captions",
                file.toString(),
                "--recipe",
                "dataset-diffusion"));
    assertEquals(
        List.of(
            new JobRequest.CaptionRequest("a baby in a toy car", List.of("person", "car")),
            new JobRequest.CaptionRequest("a cat; asleep", List.of("cat"))),
        o.request.captions());
  }

  @Test
  void mistakesAreUsageErrorsNamingTheOption() {
    assertEquals(
        "--param alpha=1 must follow the --recipe it belongs to",
        assertThrows(UsageException.class, () -> SubmitOptions.parse(List.of("--param", "alpha=1")))
            .getMessage());
    assertEquals(
        "--steps expects a whole number, got 'ten'",
        assertThrows(UsageException.class, () -> SubmitOptions.parse(List.of("--steps", "ten")))
            .getMessage());
    assertEquals(
        "--dataset needs a value",
        assertThrows(UsageException.class, () -> SubmitOptions.parse(List.of("--dataset")))
            .getMessage());
    assertTrue(
        assertThrows(UsageException.class, () -> SubmitOptions.parse(List.of("--colour", "red")))
            .getMessage()
            .startsWith("unknown option --colour"));
    assertTrue(
        assertThrows(
                UsageException.class,
                () -> SubmitOptions.parse(List.of("--classes", "cat", "--prompt", "a cow")))
            .getMessage()
            .contains("names none of the job's classes"));
  }
}
