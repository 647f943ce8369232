package dsgen.attention;

import static dsgen.attention.AttentionProblem.BAD_METADATA;
import static dsgen.attention.AttentionProblem.BAD_SHAPE;
import static dsgen.attention.AttentionProblem.MALFORMED;
import static dsgen.attention.AttentionProblem.TOKEN_OUT_OF_RANGE;
import static dsgen.attention.AttentionProblem.UNSUPPORTED_DTYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of attention files (formats {@value AttentionFormat#V1} and {@value
 * AttentionFormat#V2}). Reading checks the container, the metadata, every tensor's shape and the
 * class token indices; tensor data stays in the file's bytes (memory-mapped for a path) and is
 * checked for NaN/Inf when first handed out. Every failure is an {@link AttentionFormatException}.
 */
public final class AttentionReader {
  /** Safetensors dtype of an encoded tensor's blob. */
  static final String ENCODED_DTYPE = "U8";

  private AttentionReader() {}

  /** Reads a file held in memory; the tensors stay in {@code bytes} (not copied). */
  public static AttentionContents read(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  /** Maps a file read-only; tensors are read from the mapping as they are used. */
  public static AttentionContents read(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new AttentionFormatException(MALFORMED, "file", path + " is larger than 2 GiB");
      }
      return read(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read attention file " + path, e);
    }
  }

  public static AttentionContents read(ByteBuffer buffer) {
    SafetensorsContainer.Contents contents = SafetensorsContainer.parse(buffer);
    AttentionMetadata metadata = AttentionMetadata.parse(contents.metadata());
    Map<String, TensorEncoding> encodings = encodings(contents, metadata);
    Map<String, AttentionContents.Entry> tensors = new LinkedHashMap<>();
    for (SafetensorsContainer.Entry e : contents.entries().values()) {
      TensorEncoding spec = encodings.get(e.name());
      AttentionContents.Entry entry = spec == null ? dense(e) : encoded(e, spec);
      checkShape(e.name(), entry.stored().shape(), metadata);
      tensors.put(e.name(), entry);
    }
    checkTokens(metadata, tensors);
    return new AttentionContents(metadata, tensors);
  }

  /** The {@value MetadataKeys#ENCODINGS} of a version 2 file; empty for version 1. */
  private static Map<String, TensorEncoding> encodings(
      SafetensorsContainer.Contents contents, AttentionMetadata metadata) {
    String json = contents.metadata().get(MetadataKeys.ENCODINGS);
    Map<String, TensorEncoding> out = new LinkedHashMap<>();
    if (json == null) {
      return out;
    }
    if (!metadata.format().equals(AttentionFormat.V2)) {
      throw new AttentionFormatException(
          BAD_METADATA,
          MetadataKeys.ENCODINGS,
          "metadata field "
              + MetadataKeys.ENCODINGS
              + " belongs to "
              + AttentionFormat.V2
              + ", the file says "
              + metadata.format());
    }
    JsonNode node;
    try {
      node = MetadataJson.MAPPER.readTree(json);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new AttentionFormatException(
          BAD_METADATA,
          MetadataKeys.ENCODINGS,
          "metadata field " + MetadataKeys.ENCODINGS + " is not a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!contents.entries().containsKey(e.getKey())) {
        throw new AttentionFormatException(
            BAD_METADATA,
            MetadataKeys.ENCODINGS,
            "metadata field "
                + MetadataKeys.ENCODINGS
                + " names "
                + e.getKey()
                + ", which is not a tensor of the file");
      }
      out.put(e.getKey(), TensorEncoding.fromJson(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** An encoded tensor: a U8 blob, decoded when first asked for. */
  private static AttentionContents.Entry encoded(
      SafetensorsContainer.Entry e, TensorEncoding spec) {
    if (!e.dtype().equals(ENCODED_DTYPE)
        || e.shape().length != 1
        || e.shape()[0] != e.data().remaining()) {
      throw SafetensorsContainer.malformed(
          e.name(),
          "tensor "
              + e.name()
              + " is encoded ("
              + spec.describe()
              + "), so its entry must be U8 [bytes], got "
              + e.dtype()
              + " "
              + Arrays.toString(e.shape()));
    }
    int[] shape = spec.shape();
    ByteBuffer data = e.data();
    StoredTensor stored = new StoredTensor(e.name(), shape, spec.describe(), data.remaining());
    return new AttentionContents.Entry(
        stored,
        () -> AttentionTensor.of(e.name(), shape, CompactCodec.decode(e.name(), spec, data)));
  }

  private static AttentionContents.Entry dense(SafetensorsContainer.Entry e) {
    AttentionTensor t = denseTensor(e);
    return new AttentionContents.Entry(
        new StoredTensor(e.name(), e.shape(), t.dtype().name(), e.data().remaining()), () -> t);
  }

  private static AttentionTensor denseTensor(SafetensorsContainer.Entry e) {
    DType dtype =
        DType.ofSafetensors(e.dtype())
            .orElseThrow(
                () ->
                    new AttentionFormatException(
                        UNSUPPORTED_DTYPE,
                        e.name(),
                        "tensor "
                            + e.name()
                            + ": dtype '"
                            + e.dtype()
                            + "' is not supported (F32, F16 or BF16)"));
    long count = 1;
    for (int d : e.shape()) {
      count *= d;
    }
    if (e.data().remaining() != count * dtype.bytes()) {
      throw SafetensorsContainer.malformed(
          e.name(),
          "tensor "
              + e.name()
              + ": "
              + e.data().remaining()
              + " bytes for shape "
              + Arrays.toString(e.shape())
              + " of "
              + e.dtype());
    }
    return new AttentionTensor(e.name(), dtype, e.shape(), e.data());
  }

  /** Shapes of the contract's tensors; names outside the contract are left alone. */
  private static void checkShape(String tensor, int[] shape, AttentionMetadata meta) {
    Optional<TensorName> parsed = TensorName.tryParse(tensor);
    if (parsed.isEmpty()) {
      return;
    }
    TensorName name = parsed.get();
    int r = name.resolution();
    if (name.family().perResolution() && !meta.resolutions().contains(r)) {
      throw new AttentionFormatException(
          BAD_SHAPE,
          tensor,
          "tensor "
              + tensor
              + ": resolution "
              + r
              + " is not among the file's resolutions "
              + meta.resolutions());
    }
    name.family()
        .shapeProblem(shape, r, meta.topResolution(), AttentionFormat.TEXT_LENGTH)
        .ifPresent(
            expected -> {
              throw new AttentionFormatException(
                  BAD_SHAPE,
                  tensor,
                  "tensor "
                      + tensor
                      + " has shape "
                      + Arrays.toString(shape)
                      + ", expected "
                      + expected);
            });
  }

  /**
   * Prompt and class-prompt tokens index the 77 text positions; descriptive tokens index the rows
   * of {@code ovam_R} when the file has it.
   */
  private static void checkTokens(
      AttentionMetadata metadata, Map<String, AttentionContents.Entry> tensors) {
    List<AttentionClass> classes = metadata.classes();
    String ovam = TensorName.of(TensorFamily.OVAM, metadata.topResolution()).toString();
    int text = AttentionFormat.TEXT_LENGTH;
    int descriptive = tensors.containsKey(ovam) ? tensors.get(ovam).stored().shape()[0] : text;
    for (int i = 0; i < classes.size(); i++) {
      AttentionClass c = classes.get(i);
      String where = "classes[" + i + "]";
      if (c.promptTokens().isEmpty()) {
        throw new AttentionFormatException(
            TOKEN_OUT_OF_RANGE,
            where + ".prompt_tokens",
            "metadata " + where + ".prompt_tokens of class '" + c.name() + "' is empty");
      }
      checkRange(c.promptTokens(), text, where + ".prompt_tokens", c.name());
      checkRange(c.classPromptTokens(), text, where + ".class_prompt_tokens", c.name());
      checkRange(c.descriptiveTokens(), descriptive, where + ".descriptive_tokens", c.name());
    }
  }

  private static void checkRange(List<Integer> tokens, int limit, String field, String className) {
    for (int t : tokens) {
      if (t < 0 || t >= limit) {
        throw new AttentionFormatException(
            TOKEN_OUT_OF_RANGE,
            field,
            "metadata "
                + field
                + " of class '"
                + className
                + "' holds token index "
                + t
                + ", outside [0, "
                + limit
                + ")");
      }
    }
  }
}
