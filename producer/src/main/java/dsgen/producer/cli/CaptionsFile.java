package dsgen.producer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.producer.api.JobRequest.CaptionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Captions for {@code --captions FILE}: one per line, either {@code a baby in a toy car | person,
 * car} or a JSON object {@code {"text": "...", "classes": ["person", "car"]}}. Blank lines and
 * lines starting with # are skipped.
 */
final class CaptionsFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaptionsFile() {}

  static List<CaptionRequest> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UsageException("cannot read captions file " + file + ": " + e.getMessage());
    }
    List<CaptionRequest> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.add(line.startsWith("{") ? fromJson(file, i + 1, line) : fromText(file, i + 1, line));
    }
    if (out.isEmpty()) {
      throw new UsageException("captions file " + file + " has no caption");
    }
    return out;
  }

  private static CaptionRequest fromText(Path file, int lineNo, String line) {
    int bar = line.lastIndexOf('|');
    if (bar < 0) {
      throw new UsageException(
          file + ":" + lineNo + ": expected 'caption | class, class' or a JSON object");
    }
    List<String> classes =
        Arrays.stream(line.substring(bar + 1).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return new CaptionRequest(line.substring(0, bar).strip(), classes);
  }

  private static CaptionRequest fromJson(Path file, int lineNo, String line) {
    try {
      JsonNode node = JSON.readTree(line);
      List<String> classes = new ArrayList<>();
      node.path("classes").forEach(c -> classes.add(c.asText()));
      return new CaptionRequest(node.path("text").asText(null), classes);
    } catch (IOException e) {
      throw new UsageException(file + ":" + lineNo + ": not valid JSON: " + e.getMessage());
    }
  }
}
