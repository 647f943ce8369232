package dsgen.diffusion.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dsgen.diffusion.ModelLoadException;
import dsgen.diffusion.io.SafetensorsFile;
import java.util.Arrays;
import java.util.Map;

/**
 * Parameters read from one safetensors file. Optionally renames legacy tensor names (e.g. the VAE's
 * {@code query/key/value/proj_attn}) to the current diffusers names.
 */
public final class SafetensorsWeights implements TensorSource {
  private final SafetensorsFile file;
  private final NDManager manager;
  private final DataType dtype;
  private final Map<String, String> aliases;

  public SafetensorsWeights(
      SafetensorsFile file, NDManager manager, DataType dtype, Map<String, String> aliases) {
    this.file = file;
    this.manager = manager;
    this.dtype = dtype;
    this.aliases = aliases;
  }

  public SafetensorsWeights(SafetensorsFile file, NDManager manager, DataType dtype) {
    this(file, manager, dtype, Map.of());
  }

  private String stored(String name) {
    if (file.entries().containsKey(name)) {
      return name;
    }
    String alias = aliases.get(name);
    return alias != null && file.entries().containsKey(alias) ? alias : null;
  }

  @Override
  public NDArray tensor(String name, Shape expected) {
    String stored = stored(name);
    if (stored == null) {
      throw ModelLoadException.missingTensor(file.file(), name, expected.toString());
    }
    Shape found = file.entries().get(stored).djlShape();
    if (!found.equals(expected)) {
      // A 1x1 convolution saved where a linear layer is expected (or the reverse) holds the same
      // numbers.
      if (found.size() == expected.size() && squeezable(found, expected)) {
        NDArray a = file.load(manager, stored, dtype);
        NDArray r = a.reshape(expected);
        a.close();
        return r;
      }
      throw ModelLoadException.shapeMismatch(
          file.file(), stored, expected.toString(), found.toString());
    }
    return file.load(manager, stored, dtype);
  }

  private static boolean squeezable(Shape a, Shape b) {
    return Arrays.equals(withoutOnes(a), withoutOnes(b));
  }

  private static long[] withoutOnes(Shape s) {
    return Arrays.stream(s.getShape()).filter(d -> d != 1).toArray();
  }
}
