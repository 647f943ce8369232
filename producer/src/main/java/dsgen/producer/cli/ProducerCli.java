package dsgen.producer.cli;

import dsgen.producer.api.FieldViolation;
import dsgen.producer.api.JobStatus;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code ./dsgen submit|jobs|follow|cancel}: the job API from the command line. The producer's
 * address comes from {@code --url}, else DSGEN_PRODUCER_URL, else http://127.0.0.1:8080; the bearer
 * token from DSGEN_TOKEN.
 *
 * <p>Exit codes: 0 done, 1 finished with dead letters, 2 bad command line or request (HTTP 4xx), 3
 * job cancelled, 4 producer unreachable or failing.
 */
public final class ProducerCli {
  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final int EXIT_USAGE = 2;
  private static final String USAGE =
      """
            usage: ./dsgen submit ... [--follow]     submit a job (./dsgen submit --help)
                   ./dsgen jobs                     list jobs
                   ./dsgen follow JOB_ID            progress bar until the job finishes
                   ./dsgen cancel JOB_ID            cancel a job
            common option: --url URL (else DSGEN_PRODUCER_URL, default http://127.0.0.1:8080); token: DSGEN_TOKEN
            """;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final Function<String, String> env;

  ProducerCli(PrintStream out, PrintStream err, boolean terminal, Function<String, String> env) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.env = env;
  }

  public static void main(String[] args) throws InterruptedException {
    System.exit(
        new ProducerCli(System.out, System.err, System.console() != null, System::getenv)
            .run(Arrays.asList(args)));
  }

  int run(List<String> args) throws InterruptedException {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      out.print(args.size() > 0 && args.get(0).equals("submit") ? SubmitOptions.HELP : USAGE);
      return args.isEmpty() ? EXIT_USAGE : 0;
    }
    try {
      List<String> rest = args.subList(1, args.size());
      return switch (args.get(0)) {
        case "submit" -> submit(rest);
        case "jobs" -> jobs(rest);
        case "follow" -> follow(rest);
        case "cancel" -> cancel(rest);
        default -> throw new UsageException("unknown command '" + args.get(0) + "'\n" + USAGE);
      };
    } catch (UsageException e) {
      err.println("dsgen: " + e.getMessage());
      return EXIT_USAGE;
    } catch (ApiException e) {
      err.println(
          "dsgen: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
      for (FieldViolation v : e.violations()) {
        err.println("  " + v.field() + ": " + v.reason());
      }
      return e.status() / 100 == 4 ? EXIT_USAGE : Follower.EXIT_UNREACHABLE;
    }
  }

  private int submit(List<String> args) throws InterruptedException {
    SubmitOptions options = SubmitOptions.parse(args);
    ProducerClient client = client(options.url);
    JobStatus job = client.submit(options.request);
    out.printf(
        "submitted %s: %s images into dataset %s, recipes %s%n",
        job.jobId(),
        job.continuous() ? "continuous" : Long.toString(job.totalImages()),
        job.dataset(),
        String.join(", ", job.recipes().stream().map(JobStatus.RecipeInfo::recipeId).toList()));
    return options.follow ? new Follower(client, out, terminal).follow(job.jobId()) : 0;
  }

  private int jobs(List<String> args) {
    ParsedTarget target = ParsedTarget.parse(args, false);
    out.print(JobsTable.render(client(target.url()).list()));
    return 0;
  }

  private int follow(List<String> args) throws InterruptedException {
    ParsedTarget target = ParsedTarget.parse(args, true);
    return new Follower(client(target.url()), out, terminal).follow(target.jobId());
  }

  private int cancel(List<String> args) {
    ParsedTarget target = ParsedTarget.parse(args, true);
    JobStatus job = client(target.url()).cancel(target.jobId());
    out.println(job.jobId() + " " + job.state());
    return 0;
  }

  private ProducerClient client(String urlOption) {
    String url =
        urlOption != null
            ? urlOption
            : Optional.ofNullable(env.apply("DSGEN_PRODUCER_URL"))
                .filter(s -> !s.isBlank())
                .orElse(DEFAULT_URL);
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("producer URL '" + url + "' is not a URL");
    }
    return new ProducerClient(base, Optional.ofNullable(env.apply("DSGEN_TOKEN")));
  }

  /** {@code [--url URL] [JOB_ID]} of jobs, follow and cancel. */
  private record ParsedTarget(String url, String jobId) {
    static ParsedTarget parse(List<String> args, boolean needsJob) {
      String url = null;
      String jobId = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--url") && i + 1 < args.size()) {
          url = args.get(++i);
        } else if (a.startsWith("-") || jobId != null || !needsJob) {
          throw new UsageException("unexpected argument '" + a + "'\n" + USAGE);
        } else {
          jobId = a;
        }
      }
      if (needsJob && jobId == null) {
        throw new UsageException("a job id is required\n" + USAGE);
      }
      return new ParsedTarget(url, jobId);
    }
  }
}
