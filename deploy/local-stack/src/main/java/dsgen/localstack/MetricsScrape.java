package dsgen.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's Prometheus endpoint ({@code /q/metrics}), for tests that check what a
 * running service really exports. Reads the text exposition format: {@code name{labels} value}.
 */
public final class MetricsScrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private MetricsScrape(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Scrapes {@code url} (e.g. {@code http://127.0.0.1:8080/q/metrics}). */
  public static MetricsScrape of(URI url) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return parse(response.body());
  }

  /** Parses the text exposition format. */
  public static MetricsScrape parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return new MetricsScrape(out);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Every sample name (histograms and summaries appear with their suffixes). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /** Samples of one name whose labels include {@code labels}. */
  public List<Sample> find(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  /**
   * The value of the only sample of {@code name} with {@code labels}, or NaN when there is none.
   */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = find(name, labels);
    if (found.size() > 1) {
      throw new IllegalStateException(found.size() + " samples of " + name + labels);
    }
    return found.isEmpty() ? Double.NaN : found.get(0).value();
  }
}
