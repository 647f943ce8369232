package dsgen.producer.cli;

import dsgen.producer.api.JobStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --follow}: polls the job once a second and shows its progress line (redrawn in place on a
 * terminal, one new line per change otherwise) until the job finishes or is cancelled. Keeps trying
 * while the producer is briefly unreachable or starting.
 */
final class Follower {
  static final int EXIT_OK = 0;
  static final int EXIT_DEAD_LETTERS = 1;
  static final int EXIT_CANCELLED = 3;
  static final int EXIT_UNREACHABLE = 4;
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration GIVE_UP = Duration.ofSeconds(60);

  private final ProducerClient client;
  private final PrintStream out;
  private final boolean terminal;

  Follower(ProducerClient client, PrintStream out, boolean terminal) {
    this.client = client;
    this.out = out;
    this.terminal = terminal;
  }

  int follow(String jobId) throws InterruptedException {
    String lastLine = "";
    Instant lastContact = Instant.now();
    while (true) {
      JobStatus job;
      try {
        job = client.get(jobId);
        lastContact = Instant.now();
      } catch (ApiException e) {
        if ((e.status() != 0 && e.status() != 503)
            || Instant.now().isAfter(lastContact.plus(GIVE_UP))) {
          endLine(lastLine);
          throw e;
        }
        Thread.sleep(POLL.toMillis());
        continue;
      }
      String line = ProgressLine.render(job);
      if (terminal) {
        out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
        out.flush();
      } else if (!line.equals(lastLine)) {
        out.println(line);
      }
      lastLine = line;
      if (job.finished()) {
        endLine(lastLine);
        return summarize(job);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void endLine(String lastLine) {
    if (terminal && !lastLine.isEmpty()) {
      out.println();
    }
  }

  private int summarize(JobStatus job) {
    JobStatus.Counts c = job.counts();
    if ("CANCELLED".equals(job.state())) {
      out.println("job " + job.jobId() + " was cancelled");
      return EXIT_CANCELLED;
    }
    for (JobStatus.RecipeInfo r : job.recipes()) {
      out.printf(
          "%s: %d pairs under datasets/%s/%s/%n",
          r.recipeId(), c.paired().getOrDefault(r.recipeId(), 0L), job.dataset(), r.recipeId());
    }
    if (c.deadLettered() > 0) {
      out.println(c.deadLettered() + " image(s) dead-lettered; latest errors:");
      job.lastErrors()
          .forEach(
              e ->
                  out.printf(
                      "  %s %s%s: %s%n",
                      e.stage(),
                      e.imageId(),
                      e.recipeId() == null ? "" : " (" + e.recipeId() + ")",
                      e.reason()));
      return EXIT_DEAD_LETTERS;
    }
    return EXIT_OK;
  }
}
