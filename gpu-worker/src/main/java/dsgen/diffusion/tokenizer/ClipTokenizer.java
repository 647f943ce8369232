package dsgen.diffusion.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.io.JsonConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CLIP BPE tokenizer of a diffusers {@code tokenizer/} folder ({@code vocab.json}, {@code
 * merges.txt}, {@code tokenizer_config.json} / {@code special_tokens_map.json}), matching
 * transformers' {@code CLIPTokenizer}: special strings (start, end and pad token; SD2's pad is
 * {@code "!"}) are matched in the raw text first and map straight to their ids; every other chunk
 * is whitespace-collapsed, lower-cased, split by CLIP's pattern and byte-level BPE encoded. Output:
 * [start] + at most {@code maxLength - 2} ids + [end], padded with the pad id.
 */
public final class ClipTokenizer {
  private static final Logger LOG = Logger.getLogger(ClipTokenizer.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern WORDS =
      Pattern.compile(
          "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final int CACHE_LIMIT = 50_000;

  private final Map<String, Integer> vocab;
  private final Map<String, Integer> mergeRanks;
  private final Map<String, Integer> specials;
  private final Pattern specialSplit;
  private final int bos;
  private final int eos;
  private final int pad;
  private final int unk;
  private final int maxLength;
  private final Map<String, List<String>> bpeCache = new ConcurrentHashMap<>();

  private ClipTokenizer(
      Map<String, Integer> vocab,
      Map<String, Integer> mergeRanks,
      String bosText,
      String eosText,
      String padText,
      String unkText,
      int maxLength) {
    this.vocab = vocab;
    this.mergeRanks = mergeRanks;
    this.bos = vocab.get(bosText);
    this.eos = vocab.get(eosText);
    this.pad = vocab.get(padText);
    this.unk = vocab.get(unkText);
    this.maxLength = maxLength;
    Set<String> texts = new LinkedHashSet<>(List.of(bosText, eosText, padText));
    this.specials = new HashMap<>();
    texts.forEach(t -> specials.put(t, vocab.get(t)));
    this.specialSplit =
        Pattern.compile(
            texts.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
  }

  /** Loads the tokenizer folder of a diffusers model. */
  public static ClipTokenizer load(Path dir) {
    Path vocabFile = dir.resolve("vocab.json");
    Path mergesFile = dir.resolve("merges.txt");
    Path configFile = dir.resolve("tokenizer_config.json");
    Path specialsFile = dir.resolve("special_tokens_map.json");
    Map<String, Integer> vocab = readVocab(vocabFile);
    Map<String, Integer> ranks = readMerges(mergesFile);
    JsonConfig config =
        Files.isRegularFile(configFile)
            ? JsonConfig.read(configFile, "tokenizer configuration")
            : null;
    JsonConfig specialMap =
        Files.isRegularFile(specialsFile)
            ? JsonConfig.read(specialsFile, "special tokens map")
            : null;
    if (config == null && specialMap == null) {
      throw ModelLoadException.missingFile(
          configFile, "tokenizer configuration (or special_tokens_map.json)");
    }
    String bosText = special(config, specialMap, "bos_token", "<|startoftext|>");
    String eosText = special(config, specialMap, "eos_token", "<|endoftext|>");
    String padText = special(config, specialMap, "pad_token", eosText);
    String unkText = special(config, specialMap, "unk_token", eosText);
    for (String t : List.of(bosText, eosText, padText, unkText)) {
      if (!vocab.containsKey(t)) {
        throw new ModelLoadException(
            vocabFile, "special token '" + t + "' is not in the vocabulary");
      }
    }
    int maxLength = config != null ? config.integer("model_max_length", 77) : 77;
    if (maxLength > 10_000) {
      maxLength = 77; // transformers writes a huge sentinel when the length is unset
    }
    return new ClipTokenizer(vocab, ranks, bosText, eosText, padText, unkText, maxLength);
  }

  private static String special(
      JsonConfig config, JsonConfig specialMap, String key, String fallback) {
    for (JsonConfig c : new JsonConfig[] {config, specialMap}) {
      if (c != null && c.has(key)) {
        JsonNode n = c.node(key);
        return n.isTextual() ? n.textValue() : n.path("content").asText(fallback);
      }
    }
    return fallback;
  }

  private static Map<String, Integer> readVocab(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ModelLoadException.missingFile(file, "tokenizer vocabulary");
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      Map<String, Integer> vocab = new HashMap<>(root.size() * 2);
      root.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().intValue()));
      return vocab;
    } catch (IOException e) {
      throw new ModelLoadException(file, "unreadable vocabulary: " + e.getMessage(), e);
    }
  }

  private static Map<String, Integer> readMerges(Path file) {
    if (!Files.isRegularFile(file)) {
      throw ModelLoadException.missingFile(file, "BPE merges");
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Map<String, Integer> ranks = new HashMap<>(lines.size() * 2);
      int rank = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if ((i == 0 && line.startsWith("#version")) || line.isEmpty()) {
          continue;
        }
        String[] pair = line.split(" ");
        if (pair.length != 2) {
          throw new ModelLoadException(
              file, "line " + (i + 1) + " is not a merge pair: '" + line + "'");
        }
        ranks.putIfAbsent(pair[0] + " " + pair[1], rank++);
      }
      return ranks;
    } catch (IOException e) {
      throw new ModelLoadException(file, "unreadable merges: " + e.getMessage(), e);
    }
  }

  public int bos() {
    return bos;
  }

  public int eos() {
    return eos;
  }

  public int pad() {
    return pad;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Ids padded to {@link #maxLength()}: [start, tokens (truncated), end, pad...]. */
  public int[] encode(String text) {
    int[] ids = encodeUnpadded(text);
    int[] out = Arrays.copyOf(ids, maxLength);
    Arrays.fill(out, ids.length, maxLength, pad);
    return out;
  }

  /** Ids up to and including the end token, without padding (OVAM's descriptive prompt). */
  public int[] encodeUnpadded(String text) {
    List<Integer> tokens = tokens(text);
    int keep = Math.min(tokens.size(), maxLength - 2);
    if (keep < tokens.size()) {
      LOG.log(
          Level.WARNING,
          "prompt of {0} tokens truncated to {1}: \"{2}\"",
          new Object[] {tokens.size(), keep, text});
    }
    int[] ids = new int[keep + 2];
    ids[0] = bos;
    for (int i = 0; i < keep; i++) {
      ids[i + 1] = tokens.get(i);
    }
    ids[keep + 1] = eos;
    return ids;
  }

  /** Number of tokens of {@code text} without start/end tokens and before truncation. */
  public int tokenCount(String text) {
    return tokens(text).size();
  }

  /**
   * Positions in {@code ids} of every occurrence of {@code word}'s tokens (all sub-tokens of a
   * multi-token word), in increasing order; empty when the word does not occur.
   */
  public List<Integer> positionsOf(int[] ids, String word) {
    List<Integer> w = tokens(word);
    List<Integer> out = new ArrayList<>();
    if (w.isEmpty()) {
      return out;
    }
    for (int i = 0; i + w.size() <= ids.length; i++) {
      boolean match = true;
      for (int j = 0; j < w.size() && match; j++) {
        match = ids[i + j] == w.get(j);
      }
      if (match) {
        for (int j = 0; j < w.size(); j++) {
          if (!out.contains(i + j)) {
            out.add(i + j);
          }
        }
      }
    }
    return out;
  }

  private List<Integer> tokens(String text) {
    List<Integer> ids = new ArrayList<>();
    Matcher special = specialSplit.matcher(text);
    int from = 0;
    while (special.find()) {
      chunkTokens(text.substring(from, special.start()), ids);
      ids.add(specials.get(special.group()));
      from = special.end();
    }
    chunkTokens(text.substring(from), ids);
    return ids;
  }

  private void chunkTokens(String chunk, List<Integer> out) {
    String clean = WHITESPACE.matcher(chunk).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    Matcher m = WORDS.matcher(clean);
    while (m.find()) {
      for (String piece : bpe(ByteLevelAlphabet.encode(m.group()))) {
        out.add(vocab.getOrDefault(piece, unk));
      }
    }
  }

  private List<String> bpe(String token) {
    List<String> cached = bpeCache.get(token);
    if (cached != null) {
      return cached;
    }
    List<String> word = new ArrayList<>();
    token.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
    word.set(word.size() - 1, word.get(word.size() - 1) + "</w>");
    List<String> current = word;
    while (current.size() > 1) {
      int bestRank = Integer.MAX_VALUE;
      int best = -1;
      for (int i = 0; i + 1 < current.size(); i++) {
        Integer r = mergeRanks.get(current.get(i) + " " + current.get(i + 1));
        if (r != null && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      String a = current.get(best);
      String b = current.get(best + 1);
      List<String> merged = new ArrayList<>(current.size());
      for (int i = 0; i < current.size(); i++) {
        if (i + 1 < current.size() && current.get(i).equals(a) && current.get(i + 1).equals(b)) {
          merged.add(a + b);
          i++;
        } else {
          merged.add(current.get(i));
        }
      }
      current = merged;
    }
    List<String> result = List.copyOf(current);
    if (bpeCache.size() < CACHE_LIMIT) {
      bpeCache.put(token, result);
    }
    return result;
  }
}
