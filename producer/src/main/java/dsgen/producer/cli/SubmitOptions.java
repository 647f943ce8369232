package dsgen.producer.cli;

import dsgen.generation.GenerationRules;
import dsgen.producer.api.JobRequest;
import dsgen.producer.api.JobRequest.CaptionRequest;
import dsgen.producer.api.JobRequest.ClassRequest;
import dsgen.producer.api.JobRequest.PromptRequest;
import dsgen.producer.api.JobRequest.RecipeRequest;
import dsgen.producer.jobs.VocClasses;
import dsgen.records.ClassEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ./dsgen submit} options, turned into the same {@link JobRequest} the API takes: every
 * option is one field of the request, and what is left out is left to the producer's defaults. The
 * producer validates; the CLI only parses.
 */
final class SubmitOptions {
  static final String HELP =
      """
            usage: ./dsgen submit --dataset NAME (--classes a,b[:label] | --voc) --recipe METHOD [--param k=v ...] [options]
              prompts (one source):   --template T ...  [--images-per-class N]     (default 'a photo of a {class}')
                                      --captions FILE [--repeats N]   lines 'caption | class, class' or JSON {"text","classes"}
                                      --prompt P ... [--repeats N]    classes = the job classes named in P
              generation:             --seed N --steps N --sampler ddim|pndm|dpmsolver++|euler --guidance X --size N --negative-prompt S
                                      --capture PROFILE (default: replayable) --attention-dtype float16|float32 --attention-encoding compact|lossless
              recipes:                --recipe METHOD [--param key=value ...]   (repeat for several; lists comma-separated)
              pacing:                 --target-backlog N  (tasks kept waiting for workers; default configured)
                                      --continuous        (keep producing until cancelled)
              other:                  --job-id ID  --follow (progress bar; exit 1 if anything was dead-lettered)
              producer:               --url URL (or DSGEN_PRODUCER_URL, default http://127.0.0.1:8080), token in DSGEN_TOKEN
            """;

  private static final Pattern CLASS_ITEM = Pattern.compile("(.+?)(?::(\\d+))?");

  final JobRequest request;
  final boolean follow;
  final String url;

  private SubmitOptions(JobRequest request, boolean follow, String url) {
    this.request = request;
    this.follow = follow;
    this.url = url;
  }

  static SubmitOptions parse(List<String> args) {
    Args a = new Args(args);
    String jobId = null;
    String dataset = null;
    List<ClassRequest> classes = null;
    String preset = null;
    List<String> templates = null;
    Integer imagesPerClass = null;
    List<CaptionRequest> captions = null;
    List<String> prompts = null;
    Integer repeats = null;
    Long seed = null;
    Integer steps = null;
    String sampler = null;
    Double guidance = null;
    Integer size = null;
    String negative = null;
    String capture = null;
    String dtype = null;
    String encoding = null;
    List<RecipeRequest> recipes = new ArrayList<>();
    Boolean continuous = null;
    Integer targetBacklog = null;
    boolean follow = false;
    String url = null;
    while (a.more()) {
      String option = a.next();
      switch (option) {
        case "--job-id" -> jobId = a.value(option);
        case "--dataset" -> dataset = a.value(option);
        case "--classes" -> classes = classes(a.value(option));
        case "--voc" -> preset = VocClasses.PRESET;
        case "--template" ->
            (templates = templates == null ? new ArrayList<>() : templates).add(a.value(option));
        case "--images-per-class" -> imagesPerClass = a.intValue(option);
        case "--captions" -> captions = CaptionsFile.read(Path.of(a.value(option)));
        case "--prompt" ->
            (prompts = prompts == null ? new ArrayList<>() : prompts).add(a.value(option));
        case "--repeats" -> repeats = a.intValue(option);
        case "--seed" -> seed = a.longValue(option);
        case "--steps" -> steps = a.intValue(option);
        case "--sampler" -> sampler = a.value(option);
        case "--guidance" -> guidance = a.doubleValue(option);
        case "--size" -> size = a.intValue(option);
        case "--negative-prompt" -> negative = a.value(option);
        case "--capture" -> capture = a.value(option);
        case "--attention-dtype" -> dtype = a.value(option);
        case "--attention-encoding" -> encoding = a.value(option);
        case "--recipe" -> recipes.add(new RecipeRequest(a.value(option), new LinkedHashMap<>()));
        case "--param" -> param(recipes, a.value(option));
        case "--continuous" -> continuous = true;
        case "--target-backlog" -> targetBacklog = a.intValue(option);
        case "--follow" -> follow = true;
        case "--url" -> url = a.value(option);
        default -> throw new UsageException("unknown option " + option + "\n" + HELP);
      }
    }
    List<PromptRequest> explicit =
        prompts == null ? null : explicitPrompts(prompts, classes, preset);
    JobRequest request =
        new JobRequest(
            jobId,
            dataset,
            classes,
            preset,
            templates,
            imagesPerClass,
            captions,
            explicit,
            repeats,
            seed,
            steps,
            sampler,
            guidance,
            size,
            negative,
            capture,
            dtype,
            encoding,
            recipes.isEmpty() ? null : recipes,
            continuous,
            targetBacklog);
    return new SubmitOptions(request, follow, url);
  }

  /** {@code cat,dog} or {@code cat:3,potted plant:16}. */
  static List<ClassRequest> classes(String text) {
    List<ClassRequest> out = new ArrayList<>();
    for (String item : text.split(",")) {
      var m = CLASS_ITEM.matcher(item.strip());
      if (!m.matches()) {
        throw new UsageException("--classes: empty class in '" + text + "'");
      }
      out.add(
          new ClassRequest(
              m.group(1).strip(), m.group(2) == null ? null : Integer.valueOf(m.group(2))));
    }
    return out;
  }

  private static void param(List<RecipeRequest> recipes, String keyValue) {
    if (recipes.isEmpty()) {
      throw new UsageException("--param " + keyValue + " must follow the --recipe it belongs to");
    }
    int eq = keyValue.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--param expects key=value, got '" + keyValue + "'");
    }
    recipes
        .get(recipes.size() - 1)
        .params()
        .put(keyValue.substring(0, eq).strip(), keyValue.substring(eq + 1).strip());
  }

  /** An explicit prompt shows the job classes whose names occur in it as words. */
  private static List<PromptRequest> explicitPrompts(
      List<String> prompts, List<ClassRequest> classes, String preset) {
    List<String> names =
        preset != null
            ? VocClasses.classes().stream().map(ClassEntry::getName).toList()
            : classes == null ? List.of() : classes.stream().map(ClassRequest::name).toList();
    List<PromptRequest> out = new ArrayList<>();
    for (String prompt : prompts) {
      List<String> shown = names.stream().filter(n -> GenerationRules.mentions(prompt, n)).toList();
      if (shown.isEmpty()) {
        throw new UsageException(
            "--prompt '" + prompt + "' names none of the job's classes " + names);
      }
      out.add(new PromptRequest(prompt, shown, null));
    }
    return out;
  }

  /** Walks the argument list; every value-taking option checks that its value is there. */
  static final class Args {
    private final List<String> args;
    private int next;

    Args(List<String> args) {
      this.args = args;
    }

    boolean more() {
      return next < args.size();
    }

    String next() {
      return args.get(next++);
    }

    String value(String option) {
      if (!more()) {
        throw new UsageException(option + " needs a value");
      }
      return next();
    }

    int intValue(String option) {
      String v = value(option);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " expects a whole number, got '" + v + "'");
      }
    }

    long longValue(String option) {
      String v = value(option);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " expects a whole number, got '" + v + "'");
      }
    }

    double doubleValue(String option) {
      String v = value(option);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new UsageException(option + " expects a number, got '" + v + "'");
      }
    }
  }
}
