package dsgen.producer.tracker;

import java.util.ArrayList;
import java.util.List;

/** The latest dead letters of a job, newest last, at most {@code kept}. */
public record RecentErrors(List<ErrorSummary> errors) {
  static RecentErrors empty() {
    return new RecentErrors(List.of());
  }

  RecentErrors with(ErrorSummary error, int kept) {
    List<ErrorSummary> out = new ArrayList<>(errors);
    out.add(error);
    return new RecentErrors(List.copyOf(out.subList(Math.max(0, out.size() - kept), out.size())));
  }
}
