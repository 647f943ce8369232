package dsgen.masks.cli;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionFormatException;
import dsgen.attention.AttentionReader;
import dsgen.attention.AttentionWriter;
import dsgen.attention.CompactEncoding;
import dsgen.attention.StoredTensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * {@code ./dsgen attention pack --in FILE --out FILE}: re-encodes an attention file (either
 * version) with the compact encoding, same tensors and metadata; {@code ./dsgen attention info
 * FILE}: the format version and every tensor with its shape, storage and stored bytes. Exit 0, 2 on
 * bad input (one line naming what is wrong), 1 when writing fails.
 */
public final class AttentionCommand {
  static final String USAGE =
      "usage: ./dsgen attention pack --in FILE --out FILE | ./dsgen attention info FILE";

  private AttentionCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 2 && args[0].equals("info")) {
        info(AttentionReader.read(existing(Path.of(args[1]))), Files.size(Path.of(args[1])), out);
        return 0;
      }
      if (args.length == 5 && args[0].equals("pack")) {
        Path in = null;
        Path target = null;
        for (int i = 1; i < 5; i += 2) {
          switch (args[i]) {
            case "--in" -> in = Path.of(args[i + 1]);
            case "--out" -> target = Path.of(args[i + 1]);
            default -> {
              err.println("dsgen attention: unknown option " + args[i] + "; " + USAGE);
              return 2;
            }
          }
        }
        if (in == null || target == null) {
          err.println("dsgen attention: pack needs --in and --out; " + USAGE);
          return 2;
        }
        pack(existing(in), target, out);
        return 0;
      }
      err.println("dsgen attention: " + USAGE);
      return 2;
    } catch (AttentionFormatException | NoSuchFileException e) {
      err.println(
          "dsgen attention: "
              + (e instanceof NoSuchFileException n
                  ? "no such file: " + n.getFile()
                  : e.getMessage()));
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("dsgen attention: " + e.getMessage());
      return 1;
    }
  }

  private static Path existing(Path p) throws NoSuchFileException {
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString());
    }
    return p;
  }

  private static void pack(Path in, Path target, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    AttentionWriter w =
        AttentionWriter.compactOf(AttentionReader.read(in), CompactEncoding.DEFAULT);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      w.writeTo(o);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    out.printf(
        "%s: %d -> %d bytes (%.1f %%), %d ms%n",
        target,
        Files.size(in),
        Files.size(target),
        100.0 * Files.size(target) / Files.size(in),
        (System.nanoTime() - t0) / 1_000_000);
  }

  static void info(AttentionContents file, long fileBytes, PrintStream out) {
    out.println(
        "format " + file.format() + ", capture profile " + file.metadata().captureProfile());
    int width = file.stored().stream().mapToInt(s -> s.name().length()).max().orElse(4);
    long stored = 0;
    for (StoredTensor s : file.stored()) {
      out.printf(
          "  %-" + width + "s  %-16s  %-26s  %,12d B%n",
          s.name(),
          Arrays.toString(s.shape()),
          s.storage(),
          s.storedBytes());
      stored += s.storedBytes();
    }
    out.printf(
        "%d tensors, %,d bytes of tensor data, %,d bytes in the file (%.2f MiB)%n",
        file.stored().size(), stored, fileBytes, fileBytes / (1024.0 * 1024.0));
  }
}
