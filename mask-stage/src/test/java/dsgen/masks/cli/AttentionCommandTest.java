package dsgen.masks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.AttentionContents;
import dsgen.attention.AttentionFormat;
import dsgen.attention.AttentionReader;
import dsgen.masks.conformance.FixtureCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionCommandTest {
  @TempDir Path dir;

  @Test
  void packKeepsTensorsAndMetadataAndInfoListsEveryTensor() throws Exception {
    Path in = FixtureCase.named("blobs-2class").attentionPath();
    Path out = dir.resolve("compact.safetensors");
    assertEquals(0, run("pack", "--in", in.toString(), "--out", out.toString()).code());
    AttentionContents original = AttentionReader.read(in);
    AttentionContents packed = AttentionReader.read(out);
    assertEquals(AttentionFormat.V2, packed.format());
    assertEquals(original.metadata().withFormat(AttentionFormat.V2), packed.metadata());
    assertEquals(original.tensorNames(), packed.tensorNames());
    assertTrue(Files.size(out) * 2 < Files.size(in), Files.size(out) + " of " + Files.size(in));

    Result info = run("info", out.toString());
    assertEquals(0, info.code());
    assertTrue(info.out().startsWith("format " + AttentionFormat.V2), info.out());
    for (String name : original.tensorNames()) {
      assertTrue(info.out().contains("  " + name + " "), name + " missing in\n" + info.out());
    }
    assertTrue(info.out().contains("q8-rows") && info.out().contains("F16"), info.out());
    assertTrue(info.out().contains(original.tensorNames().size() + " tensors"), info.out());
  }

  @Test
  void badInputIsOneLineAndExit2() throws Exception {
    Result missing = run("info", dir.resolve("nope.safetensors").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("dsgen attention: no such file"), missing.err());
    Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not a safetensors file");
    Result bad = run("info", junk.toString());
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertEquals(2, run("pack", "--in", junk.toString()).code());
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        AttentionCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
