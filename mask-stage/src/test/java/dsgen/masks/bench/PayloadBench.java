package dsgen.masks.bench;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionReader;
import dsgen.attention.AttentionWriter;
import dsgen.attention.CompactEncoding;
import dsgen.attention.StoredTensor;
import dsgen.attention.TensorName;
import dsgen.masks.MaskMethods;
import dsgen.masks.MaskResult;
import dsgen.masks.agreement.MaskAgreement;
import dsgen.masks.conformance.FixtureCase;
import dsgen.masks.image.RgbImage;
import dsgen.masks.io.AttentionFile;
import dsgen.recipe.CaptureProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./dsgen bench payload}: the attention file's size/agreement frontier, measured side by
 * side in one run. For a synthetic SD2-scale file (R = 64, 512², every tensor of {@code --capture
 * full}, float16) and each encoding option: MiB per image, CPU encode ms, and per pair the mask
 * stage's fetch (read of the stored file) + decode + mask time for the five methods' default
 * recipes, and the share of pixels whose label agrees with the lossless float16 file's masks, per
 * method. Then the same agreement for every mask conformance fixture case with the compact
 * encoding. Options: {@code --skip-fixtures}, {@code --dir DIR} (where the synthetic file is kept).
 */
public final class PayloadBench {
  private static final double MIB = 1024.0 * 1024.0;

  private PayloadBench() {}

  public static void main(String[] args) throws Exception {
    boolean fixtures = true;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dsgen-bench-payload");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--skip-fixtures" -> fixtures = false;
        case "--dir" -> dir = Path.of(args[++i]);
        default -> {
          System.err.println("usage: ./dsgen bench payload [--skip-fixtures] [--dir DIR]");
          System.exit(2);
        }
      }
    }
    if (System.getProperty("dsgen.fixtures") == null) {
      System.setProperty("dsgen.fixtures", "fixtures"); // ./dsgen runs from the repository root
    }
    SyntheticSd2Attention.ensure(dir);
    Path lossless = dir.resolve("attention.safetensors");
    RgbImage image = RgbImage.decode(Files.readAllBytes(dir.resolve("image.png")));
    List<String> methods = MaskMethods.names();
    Map<String, CompactEncoding> options = new LinkedHashMap<>();
    options.put("top-4 + 4x4 blocks (compact)", CompactEncoding.DEFAULT);
    options.put("top-8 + 8x8 blocks", CompactEncoding.DEFAULT.withTopk(8, 8));
    options.put("top-4 + 8x8 blocks", CompactEncoding.DEFAULT.withTopk(4, 8));
    options.put("top-16 + 2x2 blocks", CompactEncoding.DEFAULT.withTopk(16, 2));
    options.put("8-bit rows, no top-k", CompactEncoding.DEFAULT.withTopk(0, 0));

    AttentionContents source = AttentionReader.read(lossless);
    List<Integer> resolutions = source.metadata().resolutions();
    Set<String> replayable =
        Set.copyOf(
            TensorName.spell(CaptureProfiles.tensorsFor(CaptureProfiles.REPLAYABLE, resolutions)));
    System.out.printf(
        "attention payload at SD2 scale: R = 64, 512², %d tensors (every tensor of --capture full;"
            + " replayable = %d of them), synthetic content%n%n",
        source.tensorNames().size(), replayable.size());

    Timed reference = pair(lossless, image, methods, null);
    List<String> header = new ArrayList<>(List.of("option", "MiB/image", "replayable MiB"));
    header.addAll(List.of("encode ms", "fetch ms", "decode ms", "masks ms"));
    header.addAll(methods);
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("lossless float16 (v1)", source, replayable, -1, reference, null, methods));
    for (Map.Entry<String, CompactEncoding> o : options.entrySet()) {
      long t0 = System.nanoTime();
      byte[] packed = AttentionWriter.compactOf(source, o.getValue()).toBytes();
      long encodeMs = (System.nanoTime() - t0) / 1_000_000;
      Path file = dir.resolve("packed.safetensors");
      Files.write(file, packed);
      Timed t = pair(file, image, methods, reference.masks());
      rows.add(
          row(
              o.getKey(),
              AttentionReader.read(packed),
              replayable,
              encodeMs,
              t,
              t.agreement(),
              methods));
    }
    print(header, rows);
    System.out.println(
        "\nfetch = reading the stored file from local disk; decode = reading every tensor (v2:"
            + " zstd + reconstruction); masks = the five default recipes, one after the other;"
            + " agreement = share of pixels whose label (0, class, 255) equals the lossless file's");

    if (fixtures) {
      System.out.println("\nmask conformance fixtures, compact encoding vs lossless float16:");
      List<String> fh = new ArrayList<>(List.of("case", "lossless KiB", "compact KiB"));
      fh.addAll(methods);
      List<List<String>> frows = new ArrayList<>();
      for (FixtureCase c : FixtureCase.all()) {
        AttentionContents src = AttentionReader.read(Files.readAllBytes(c.attentionPath()));
        byte[] f16 = AttentionWriter.float16Of(src).toBytes();
        byte[] packed = AttentionWriter.compactOf(src, CompactEncoding.DEFAULT).toBytes();
        Map<String, MaskResult> ref =
            MaskAgreement.masks(AttentionFile.read(f16), c.image(), methods);
        Map<String, Double> a = MaskAgreement.perMethod(ref, AttentionFile.read(packed), c.image());
        List<String> r = new ArrayList<>(List.of(c.name(), kib(f16.length), kib(packed.length)));
        methods.forEach(m -> r.add(percent(a.get(m))));
        frows.add(r);
      }
      print(fh, frows);
    }
  }

  private record Timed(
      long fetchMs,
      long decodeMs,
      long masksMs,
      Map<String, MaskResult> masks,
      Map<String, Double> agreement) {}

  /**
   * What the mask stage does for one pair: fetch the file, decode every tensor, run the recipes.
   */
  private static Timed pair(
      Path file, RgbImage image, List<String> methods, Map<String, MaskResult> reference)
      throws Exception {
    long t0 = System.nanoTime();
    byte[] bytes = Files.readAllBytes(file);
    long t1 = System.nanoTime();
    AttentionFile attention = AttentionFile.read(bytes);
    for (String name : attention.tensorNames()) {
      attention.tensor(name);
    }
    long t2 = System.nanoTime();
    Map<String, MaskResult> masks = MaskAgreement.masks(attention, image, methods);
    long t3 = System.nanoTime();
    Map<String, Double> agreement = new LinkedHashMap<>();
    if (reference != null) {
      reference.forEach((m, r) -> agreement.put(m, MaskAgreement.agreement(r, masks.get(m))));
    }
    return new Timed(
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, masks, agreement);
  }

  private static List<String> row(
      String name,
      AttentionContents file,
      Set<String> replayable,
      long encodeMs,
      Timed t,
      Map<String, Double> agreement,
      List<String> methods) {
    long total = 0;
    long replay = 0;
    for (StoredTensor s : file.stored()) {
      total += s.storedBytes();
      replay += replayable.contains(s.name()) ? s.storedBytes() : 0;
    }
    List<String> r = new ArrayList<>();
    r.add(name);
    r.add(String.format("%.2f", total / MIB));
    r.add(String.format("%.2f", replay / MIB));
    r.add(encodeMs < 0 ? "-" : Long.toString(encodeMs));
    r.add(Long.toString(t.fetchMs()));
    r.add(Long.toString(t.decodeMs()));
    r.add(Long.toString(t.masksMs()));
    for (String m : methods) {
      r.add(agreement == null ? "(ref)" : percent(agreement.get(m)));
    }
    return r;
  }

  private static String percent(double v) {
    return String.format("%.3f %%", 100 * v);
  }

  private static String kib(long bytes) {
    return String.format("%.0f", bytes / 1024.0);
  }

  private static void print(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : concat(header, rows)) {
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        sb.append(
            i == 0
                ? String.format("%-" + width[i] + "s", cell)
                : String.format("  %" + width[i] + "s", cell));
      }
      sb.append('\n');
    }
    System.out.print(sb);
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}
