package dsgen.producer.jobs;

import dsgen.records.Caption;
import dsgen.records.ClassEntry;
import dsgen.records.ExplicitPrompt;
import dsgen.records.JobSpec;
import dsgen.records.PromptTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a job into its prompt tasks: task {@code i} is a pure function of the job record and {@code
 * i}, so expansion can stop anywhere and resume at any index without a duplicate or a gap.
 *
 * <p>The prompt source is a cycle the index walks through: TEMPLATES cycles classes fastest, then
 * templates (so a job cut short still has every class in equal numbers); CAPTIONS and PROMPTS cycle
 * their list. A finite job runs the cycle {@code imagesPerClass} (templates) or {@code repeats}
 * (captions, prompts) times; a continuous job cycles until cancelled. Every repetition gets fresh
 * seeds because the seed depends on the index.
 *
 * <p>The class prompt (Dataset Diffusion's separately encoded prompt) is the class names joined by
 * a space in every mode, unless an explicit prompt gives its own; in CAPTIONS mode the same names
 * are also appended to the caption ({@code "<caption>; <class> <class>"}), as Dataset Diffusion
 * does.
 */
public final class PromptExpansion {
  public static final String CLASS_PLACEHOLDER = "{class}";

  private final JobSpec job;
  private final Map<String, ClassEntry> classesByName;

  public PromptExpansion(JobSpec job) {
    this.job = job;
    this.classesByName =
        job.getClasses().stream()
            .collect(Collectors.toMap(ClassEntry::getName, Function.identity()));
  }

  /** Length of one pass through the prompt source. */
  public long cycleLength() {
    return switch (job.getPromptMode()) {
      case TEMPLATES -> (long) job.getClasses().size() * job.getTemplates().size();
      case CAPTIONS -> job.getCaptions().size();
      case PROMPTS -> job.getPrompts().size();
    };
  }

  /** Number of tasks of a finite job (the continuous flag is ignored here). */
  public long finiteTotal() {
    long passes =
        job.getPromptMode() == dsgen.records.PromptMode.TEMPLATES
            ? job.getImagesPerClass()
            : job.getRepeats();
    return cycleLength() * passes;
  }

  public PromptTask taskAt(long index, Instant createdAt) {
    long position = index % cycleLength();
    PromptTask.Builder task =
        PromptTask.newBuilder()
            .setImageId(ImageIds.of(job.getJobId(), index))
            .setJobId(job.getJobId())
            .setIndex(index)
            .setDataset(job.getDataset())
            .setSeed(TaskSeeds.seedOf(job.getSeed(), index))
            .setParams(dsgen.records.GenerationParams.newBuilder(job.getParams()).build())
            .setDescriptivePrompt("")
            .setCreatedAt(createdAt);
    return switch (job.getPromptMode()) {
      case TEMPLATES -> fromTemplate(task, position);
      case CAPTIONS -> fromCaption(task, job.getCaptions().get((int) position));
      case PROMPTS -> fromExplicit(task, job.getPrompts().get((int) position));
    };
  }

  private PromptTask fromTemplate(PromptTask.Builder task, long position) {
    int classCount = job.getClasses().size();
    ClassEntry cls = job.getClasses().get((int) (position % classCount));
    String template = job.getTemplates().get((int) (position / classCount));
    return task.setPrompt(fillTemplate(template, cls.getName()))
        .setClassPrompt(cls.getName())
        .setClasses(List.of(copyOf(cls)))
        .build();
  }

  private PromptTask fromCaption(PromptTask.Builder task, Caption caption) {
    String classPrompt = String.join(" ", caption.getClasses());
    return task.setPrompt(appendClassPrompt(caption.getText(), classPrompt))
        .setClassPrompt(classPrompt)
        .setClasses(entriesFor(caption.getClasses()))
        .build();
  }

  private PromptTask fromExplicit(PromptTask.Builder task, ExplicitPrompt prompt) {
    String classPrompt =
        prompt.getClassPrompt().isEmpty()
            ? String.join(" ", prompt.getClasses())
            : prompt.getClassPrompt();
    return task.setPrompt(prompt.getPrompt())
        .setClassPrompt(classPrompt)
        .setClasses(entriesFor(prompt.getClasses()))
        .build();
  }

  public static String fillTemplate(String template, String className) {
    return template.replace(CLASS_PLACEHOLDER, className);
  }

  /** Dataset Diffusion's class-prompt appending: {@code "a baby in a toy car; person car"}. */
  public static String appendClassPrompt(String caption, String classPrompt) {
    return caption.strip() + "; " + classPrompt;
  }

  private List<ClassEntry> entriesFor(List<String> names) {
    List<ClassEntry> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(copyOf(classesByName.get(name)));
    }
    return out;
  }

  /** Avro records are mutable; each task gets its own copies so no two records share one. */
  private static ClassEntry copyOf(ClassEntry cls) {
    return ClassEntry.newBuilder().setName(cls.getName()).setLabel(cls.getLabel()).build();
  }
}
