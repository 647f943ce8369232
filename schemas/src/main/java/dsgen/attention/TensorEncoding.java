package dsgen.attention;

import static dsgen.attention.AttentionProblem.UNSUPPORTED_DTYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * How one tensor of a {@value AttentionFormat#V2} file is encoded: the encoding, the tensor's shape
 * and the encoding's parameters. Stored under the metadata key {@value MetadataKeys#ENCODINGS} (a
 * JSON object by tensor name); the tensor's safetensors entry is then {@code U8} holding the
 * zstd-compressed streams {@link CompactCodec} writes. Tensors without an entry are plain dense
 * tensors, as in version 1.
 *
 * @param k top-k entries kept per row ({@link Kind#TOPK_BLOCKS}), else 0
 * @param block side of the square key blocks the rest of a row is pooled over ({@link
 *     Kind#TOPK_BLOCKS}), else 0
 */
public record TensorEncoding(Kind kind, int[] shape, int k, int block) {
  /** The encodings. Every quantised value is {@code lo + code·(hi − lo)/255}, code 0..255. */
  public enum Kind {
    /**
     * A square [N, N] self-attention map over an r×r grid: per row the k largest entries (key index
     * u16 + float16 value), and every other key given the mean of the non-top-k entries of its b×b
     * key block, block means quantised to 8 bits per row.
     */
    TOPK_BLOCKS("topk-blocks"),
    /** 8 bits per element, lo/hi per row (last axis). */
    Q8_ROWS("q8-rows"),
    /** 8 bits per element, lo/hi per column of each trailing [N, T] matrix (one token's map). */
    Q8_COLUMNS("q8-columns");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Kind ofId(String id, String tensor) {
      return Arrays.stream(values())
          .filter(k -> k.id.equals(id))
          .findFirst()
          .orElseThrow(
              () ->
                  new AttentionFormatException(
                      UNSUPPORTED_DTYPE,
                      tensor,
                      "tensor "
                          + tensor
                          + ": encoding '"
                          + id
                          + "' is not supported (topk-blocks, q8-rows, q8-columns)"));
    }
  }

  public TensorEncoding {
    shape = shape.clone();
    if (kind == Kind.TOPK_BLOCKS) {
      int r = side(shape);
      if (k <= 0 || k > shape[1] || block <= 0 || r % block != 0 || shape[1] > 65536) {
        throw new IllegalArgumentException(
            "topk-blocks needs a square [r², r²] map (r² ≤ 65536), 0 < k ≤ r², r divisible by the"
                + " block; got shape "
                + Arrays.toString(shape)
                + ", k "
                + k
                + ", block "
                + block);
      }
    } else if (k != 0 || block != 0) {
      throw new IllegalArgumentException(kind.id() + " has no k or block");
    }
    if (kind == Kind.Q8_COLUMNS && shape.length < 2) {
      throw new IllegalArgumentException("q8-columns needs at least two axes");
    }
  }

  public static TensorEncoding topkBlocks(int[] shape, int k, int block) {
    return new TensorEncoding(Kind.TOPK_BLOCKS, shape, k, block);
  }

  public static TensorEncoding q8Rows(int[] shape) {
    return new TensorEncoding(Kind.Q8_ROWS, shape, 0, 0);
  }

  public static TensorEncoding q8Columns(int[] shape) {
    return new TensorEncoding(Kind.Q8_COLUMNS, shape, 0, 0);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements of the decoded tensor. */
  public long size() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Rows of the tensor (every axis but the last flattened). */
  int rows() {
    return shape.length == 0 ? 1 : (int) (size() / shape[shape.length - 1]);
  }

  int rowLength() {
    return shape.length == 0 ? 1 : shape[shape.length - 1];
  }

  /** r of a square [r², r²] map, or -1. */
  static int side(int[] shape) {
    if (shape.length != 2 || shape[0] != shape[1]) {
      return -1;
    }
    int r = (int) Math.round(Math.sqrt(shape[0]));
    return r * r == shape[0] ? r : -1;
  }

  /** Key blocks per row of a {@link Kind#TOPK_BLOCKS} map: (r/b)². */
  int blocksPerRow() {
    int g = side(shape) / block;
    return g * g;
  }

  /** Quantisation groups of a q8 encoding (rows, or columns of the trailing matrices). */
  int groups() {
    return switch (kind) {
      case Q8_ROWS -> rows();
      case Q8_COLUMNS -> (int) (size() / shape[shape.length - 2]);
      case TOPK_BLOCKS -> shape[0];
    };
  }

  /** Bytes of the uncompressed streams. */
  int rawLength() {
    return switch (kind) {
      case TOPK_BLOCKS -> shape[0] * (k * 4 + 8 + blocksPerRow());
      case Q8_ROWS, Q8_COLUMNS -> Math.toIntExact(groups() * 8L + size());
    };
  }

  /** A short description for listings: {@code topk-blocks(k=4, block=4)}. */
  public String describe() {
    return kind == Kind.TOPK_BLOCKS ? kind.id() + "(k=" + k + ", block=" + block + ")" : kind.id();
  }

  ObjectNode toJson() {
    ObjectNode n = MetadataJson.MAPPER.createObjectNode();
    n.put("encoding", kind.id());
    Arrays.stream(shape).forEach(n.putArray("shape")::add);
    if (kind == Kind.TOPK_BLOCKS) {
      n.put("k", k);
      n.put("block", block);
    }
    return n;
  }

  static TensorEncoding fromJson(String tensor, JsonNode n) {
    JsonNode shapeNode = n.path("shape");
    if (!n.isObject() || !shapeNode.isArray()) {
      throw bad(tensor, "an object with encoding and shape");
    }
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      long d = shapeNode.get(i).asLong(-1);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw bad(tensor, "non-negative shape entries, got " + shapeNode);
      }
      shape[i] = (int) d;
    }
    Kind kind = Kind.ofId(n.path("encoding").asText(), tensor);
    try {
      return new TensorEncoding(kind, shape, n.path("k").asInt(0), n.path("block").asInt(0));
    } catch (IllegalArgumentException e) {
      throw bad(tensor, e.getMessage());
    }
  }

  private static AttentionFormatException bad(String tensor, String what) {
    return new AttentionFormatException(
        AttentionProblem.BAD_METADATA,
        MetadataKeys.ENCODINGS,
        "metadata field " + MetadataKeys.ENCODINGS + " entry " + tensor + ": expected " + what);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorEncoding e
        && e.kind == kind
        && Arrays.equals(e.shape, shape)
        && e.k == k
        && e.block == block;
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + k * 7 + block;
  }

  @Override
  public String toString() {
    return describe() + " " + Arrays.toString(shape);
  }
}
