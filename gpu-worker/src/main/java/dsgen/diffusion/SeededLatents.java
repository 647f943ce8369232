package dsgen.diffusion;

import java.util.SplittableRandom;

/**
 * dsgen's documented initial-noise generator, identical on every machine and JVM: a {@link
 * SplittableRandom} seeded with the request's seed yields doubles u = (nextLong() >>> 11)·2⁻⁵³;
 * each pair (u1, u2) gives two standard normals by Box-Muller, z0 = √(−2 ln(1−u1))·cos(2π u2), z1 =
 * √(−2 ln(1−u1))·sin(2π u2), computed with {@link StrictMath} (bit-reproducible) and rounded to
 * float; values fill [C, H, W] in C order (z0 then z1). (It is not torch's generator: conformance
 * runs pass the reference latents instead.)
 */
public final class SeededLatents implements InitialLatents {
  public static final SeededLatents INSTANCE = new SeededLatents();

  @Override
  public float[] latents(
      GenerationRequest request, int index, int channels, int height, int width) {
    return normal(request.seed(), channels * height * width);
  }

  public static float[] normal(long seed, int count) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[count];
    for (int i = 0; i < count; i += 2) {
      double u1 = rng.nextDouble();
      double u2 = rng.nextDouble();
      double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1));
      double angle = 2.0 * StrictMath.PI * u2;
      out[i] = (float) (radius * StrictMath.cos(angle));
      if (i + 1 < count) {
        out[i + 1] = (float) (radius * StrictMath.sin(angle));
      }
    }
    return out;
  }
}
