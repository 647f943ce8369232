package dsgen.producer.api;

import dsgen.generation.GenerationRules;
import dsgen.generation.RuleViolation;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.records.Caption;
import dsgen.records.ClassEntry;
import dsgen.records.ExplicitPrompt;
import dsgen.records.PromptMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The prompt source of a request: templates (default), captions or explicit prompts, exactly one.
 * Checks each final prompt with the contract's {@link GenerationRules}, as the worker will: every
 * class word must occur in its prompt as a word, and no prompt may exceed the length limit.
 */
final class PromptSourceResolver {
  private final RequestDefaults defaults;

  PromptSourceResolver(RequestDefaults defaults) {
    this.defaults = defaults;
  }

  PromptSource resolve(JobRequest request, List<ClassEntry> classes, Violations violations) {
    List<String> given = new ArrayList<>();
    if (request.templates() != null) {
      given.add("templates");
    }
    if (request.captions() != null) {
      given.add("captions");
    }
    if (request.prompts() != null) {
      given.add("prompts");
    }
    if (given.size() > 1) {
      for (String field : given) {
        violations.add(
            field,
            "templates, captions and prompts are alternatives: give one (got "
                + String.join(", ", given)
                + ")");
      }
    }
    if (request.captions() != null) {
      return captions(request, classes, violations);
    }
    if (request.prompts() != null) {
      return prompts(request, classes, violations);
    }
    return templates(request, classes, violations);
  }

  private PromptSource templates(
      JobRequest request, List<ClassEntry> classes, Violations violations) {
    List<String> templates =
        request.templates() == null ? List.of(defaults.template()) : request.templates();
    if (templates.isEmpty()) {
      violations.add(
          "templates",
          "at least one template is required (or leave templates out for '"
              + defaults.template()
              + "')");
    }
    for (int i = 0; i < templates.size(); i++) {
      String t = templates.get(i);
      String field = "templates[" + i + "]";
      if (t == null || t.isBlank()) {
        violations.add(field, "is blank");
      } else if (!t.contains(PromptExpansion.CLASS_PLACEHOLDER)) {
        violations.add(field, "must contain the placeholder {class}, e.g. 'a photo of a {class}'");
      } else {
        checkFilled(field, t, classes, violations);
      }
    }
    if (request.repeats() != null) {
      violations.add(
          "repeats", "applies to captions and prompts; with templates use imagesPerClass");
    }
    int imagesPerClass = request.imagesPerClass() == null ? 1 : request.imagesPerClass();
    if (imagesPerClass < 1) {
      violations.add("imagesPerClass", "must be >= 1, was " + imagesPerClass);
    }
    return new PromptSource(
        PromptMode.TEMPLATES, templates, imagesPerClass, List.of(), List.of(), 1);
  }

  private PromptSource captions(
      JobRequest request, List<ClassEntry> classes, Violations violations) {
    rejectImagesPerClass(request, violations);
    Set<String> known = names(classes);
    List<Caption> out = new ArrayList<>();
    if (request.captions().isEmpty()) {
      violations.add("captions", "at least one caption is required");
    }
    for (int i = 0; i < request.captions().size(); i++) {
      JobRequest.CaptionRequest c = request.captions().get(i);
      String field = "captions[" + i + "]";
      if (c == null) {
        violations.add(field, "must be an object {text, classes}");
        continue;
      }
      if (c.text() == null || c.text().isBlank()) {
        violations.add(field + ".text", "is blank");
      }
      List<String> shown = classList(c.classes(), field + ".classes", known, violations);
      String text = c.text() == null ? "" : c.text().strip();
      String prompt = PromptExpansion.appendClassPrompt(text, String.join(" ", shown));
      GenerationRules.promptLength(prompt)
          .ifPresent(
              v -> violations.add(field + ".text", "with its classes appended " + v.reason()));
      out.add(Caption.newBuilder().setText(text).setClasses(shown).build());
    }
    return new PromptSource(
        PromptMode.CAPTIONS, List.of(), 0, out, List.of(), repeats(request, violations));
  }

  private PromptSource prompts(
      JobRequest request, List<ClassEntry> classes, Violations violations) {
    rejectImagesPerClass(request, violations);
    Set<String> known = names(classes);
    List<ExplicitPrompt> out = new ArrayList<>();
    if (request.prompts().isEmpty()) {
      violations.add("prompts", "at least one prompt is required");
    }
    for (int i = 0; i < request.prompts().size(); i++) {
      JobRequest.PromptRequest p = request.prompts().get(i);
      String field = "prompts[" + i + "]";
      if (p == null) {
        violations.add(field, "must be an object {prompt, classes, classPrompt?}");
        continue;
      }
      String prompt = p.prompt() == null ? "" : p.prompt().strip();
      Optional<RuleViolation> refused = GenerationRules.prompt(prompt);
      refused.ifPresent(v -> violations.add(field + ".prompt", v.reason()));
      List<String> shown = classList(p.classes(), field + ".classes", known, violations);
      for (String name : shown) {
        if (refused.isEmpty()) {
          GenerationRules.classInPrompt(prompt, name)
              .ifPresent(v -> violations.add(field + ".classes", v.reason()));
        }
      }
      String classPrompt = p.classPrompt() == null ? "" : p.classPrompt().strip();
      GenerationRules.promptLength(classPrompt)
          .ifPresent(v -> violations.add(field + ".classPrompt", v.reason()));
      out.add(
          ExplicitPrompt.newBuilder()
              .setPrompt(prompt)
              .setClasses(shown)
              .setClassPrompt(classPrompt)
              .build());
    }
    return new PromptSource(
        PromptMode.PROMPTS, List.of(), 0, List.of(), out, repeats(request, violations));
  }

  private List<String> classList(
      List<String> requested, String field, Set<String> known, Violations violations) {
    if (requested == null || requested.isEmpty()) {
      violations.add(field, "at least one class of the job is required");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : requested) {
      String stripped = name == null ? "" : name.strip();
      if (!known.contains(stripped)) {
        violations.add(
            field,
            "'"
                + stripped
                + "' is not a class of the job (classes: "
                + String.join(", ", known)
                + ")");
      } else if (!seen.add(stripped)) {
        violations.add(field, "'" + stripped + "' is listed twice");
      } else {
        out.add(stripped);
      }
    }
    return out;
  }

  private int repeats(JobRequest request, Violations violations) {
    int repeats = request.repeats() == null ? 1 : request.repeats();
    if (repeats < 1) {
      violations.add("repeats", "must be >= 1, was " + repeats);
    }
    return repeats;
  }

  private static void rejectImagesPerClass(JobRequest request, Violations violations) {
    if (request.imagesPerClass() != null) {
      violations.add(
          "imagesPerClass", "applies to templates; with captions or prompts use repeats");
    }
  }

  /**
   * The template as each class fills it: the final prompt must satisfy the length rule, and the
   * class word must stay a word of it ("a {class}s" makes "cats", in which the worker finds no
   * "cat").
   */
  private static void checkFilled(
      String field, String template, List<ClassEntry> classes, Violations violations) {
    Set<String> reasons = new LinkedHashSet<>();
    for (ClassEntry c : classes) {
      if (c.getName().isBlank()) {
        continue; // reported by the class list
      }
      String prompt = PromptExpansion.fillTemplate(template, c.getName());
      GenerationRules.promptLength(prompt)
          .ifPresent(v -> reasons.add("filled with '" + c.getName() + "' " + v.reason()));
      GenerationRules.classInPrompt(prompt, c.getName()).ifPresent(v -> reasons.add(v.reason()));
    }
    reasons.forEach(r -> violations.add(field, r));
  }

  private static Set<String> names(List<ClassEntry> classes) {
    Set<String> out = new LinkedHashSet<>();
    classes.forEach(c -> out.add(c.getName()));
    return out;
  }
}
