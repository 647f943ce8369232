package dsgen.diffusion.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token ids of the tiny SD2 tokenizer against the reference CLIPTokenizer: exact. */
class ClipTokenizerTest {
  private final ClipTokenizer tokenizer =
      ClipTokenizer.load(Fixtures.tinyModel().resolve("tokenizer"));

  @Test
  void promptAndEmptyPromptIdsEqualTheGoldens() {
    assertArrayEquals(
        Fixtures.npy("token_ids_cond.npy").longs(), toLongs(tokenizer.encode("a photo of a cat")));
    assertArrayEquals(Fixtures.npy("token_ids_uncond.npy").longs(), toLongs(tokenizer.encode("")));
  }

  @Test
  void everyTokenizerCaseIsExact() throws Exception {
    JsonNode cases = new ObjectMapper().readTree(Fixtures.golden("tokenizer_cases.json").toFile());
    assertEquals(10, cases.size());
    for (JsonNode c : cases) {
      String text = c.get("text").asText();
      int[] expected = new int[c.get("ids_until_eos").size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = c.get("ids_until_eos").get(i).asInt();
      }
      int[] ids = tokenizer.encode(text);
      assertEquals(77, ids.length);
      assertArrayEquals(expected, Arrays.copyOf(ids, expected.length), "ids of \"" + text + "\"");
      for (int i = expected.length; i < ids.length; i++) {
        assertEquals(c.get("pad_id_after").asInt(), ids[i], "pad of \"" + text + "\" at " + i);
      }
      assertArrayEquals(expected, tokenizer.encodeUnpadded(text));
    }
  }

  @Test
  void longPromptsAreTruncatedTo75TokensBetweenStartAndEnd() {
    int[] ids = tokenizer.encode("cat ".repeat(100));
    assertEquals(77, ids.length);
    assertEquals(tokenizer.bos(), ids[0]);
    assertEquals(tokenizer.eos(), ids[76]);
    assertEquals(537, ids[75]);
  }

  @Test
  void classPositionsCountTheStartTokenAndKeepEverySubToken() {
    int[] prompt = tokenizer.encode("a photo of a cat");
    assertEquals(List.of(5), tokenizer.positionsOf(prompt, "cat"));
    int[] zebra = tokenizer.encode("a zebra on the grass");
    assertEquals(List.of(2, 3, 4, 5, 6), tokenizer.positionsOf(zebra, "zebra"));
    assertEquals(List.of(), tokenizer.positionsOf(tokenizer.encode("photos of cats"), "cat"));
  }

  private static long[] toLongs(int[] a) {
    return Arrays.stream(a).asLongStream().toArray();
  }
}
