package dsgen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dsgen.producer.service.OperatorGauges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every query of deploy/grafana/dsgen-dashboard.json names metrics the services export. */
class DashboardTest {
  private static final Pattern METRIC = Pattern.compile("\\b(dsgen_[a-z0-9_]+)\\b");

  private static List<String> queries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Repository.resolve("deploy/grafana/dsgen-dashboard.json").toFile());
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asText());
      }
    }
    return out;
  }

  private static Set<String> metricsOf(List<String> queries) {
    Set<String> names = new TreeSet<>();
    for (String q : queries) {
      Matcher m = METRIC.matcher(q);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void everyQueryNamesExportedMetrics() throws IOException {
    List<String> queries = queries();
    assertFalse(queries.isEmpty());
    queries.forEach(
        q -> assertTrue(METRIC.matcher(q).find(), "query without a dsgen metric: " + q));
    Set<String> unknown = metricsOf(queries);
    unknown.removeAll(ExportedMetrics.names());
    assertEquals(Set.of(), unknown, "queried but not exported");
  }

  @Test
  void showsThroughputBacklogDeadLettersAndTimings() throws IOException {
    Set<String> used = metricsOf(queries());
    for (String needed :
        List.of(
            OperatorGauges.BACKLOG,
            "dsgen_worker_tasks_total",
            "dsgen_mask_pairs_total",
            "dsgen_mask_dead_letters_total",
            "dsgen_worker_generation_seconds_sum",
            "dsgen_mask_compute_seconds_sum")) {
      assertTrue(used.contains(needed), needed + " is not on the dashboard");
    }
  }

  @Test
  void aMetricNoServiceExportsIsCaught() {
    Set<String> exported = ExportedMetrics.names();
    assertTrue(exported.contains("dsgen_worker_generation_seconds_count"), exported.toString());
    assertFalse(
        exported.contains("dsgen_worker_generation_seconds_bucket"), "no histograms are on");
  }
}
