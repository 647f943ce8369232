package dsgen.producer.api;

import dsgen.producer.jobs.ClassWords;
import dsgen.producer.jobs.PromptExpansion;
import dsgen.records.Caption;
import dsgen.records.ClassEntry;
import dsgen.records.ExplicitPrompt;
import dsgen.records.PromptMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The prompt source of a request: templates (default), captions or explicit prompts, exactly one.
 * Checks what the worker would otherwise reject per image: every class word must occur in its
 * prompt, and no final prompt may exceed the configured length.
 */
final class PromptSourceResolver {
  private final RequestLimits limits;
  private final RequestDefaults defaults;

  PromptSourceResolver(RequestLimits limits, RequestDefaults defaults) {
    this.limits = limits;
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
    String longestClass =
        classes.stream()
            .map(ClassEntry::getName)
            .reduce("", (a, b) -> a.length() >= b.length() ? a : b);
    for (int i = 0; i < templates.size(); i++) {
      String t = templates.get(i);
      String field = "templates[" + i + "]";
      if (t == null || t.isBlank()) {
        violations.add(field, "is blank");
      } else if (!t.contains(PromptExpansion.CLASS_PLACEHOLDER)) {
        violations.add(field, "must contain the placeholder {class}, e.g. 'a photo of a {class}'");
      } else {
        checkLength(field, PromptExpansion.fillTemplate(t, longestClass), violations);
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
      checkLength(
          field + ".text",
          PromptExpansion.appendClassPrompt(text, String.join(" ", shown)),
          violations);
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
      if (prompt.isEmpty()) {
        violations.add(field + ".prompt", "is blank");
      } else {
        checkLength(field + ".prompt", prompt, violations);
      }
      List<String> shown = classList(p.classes(), field + ".classes", known, violations);
      for (String name : shown) {
        if (!prompt.isEmpty() && !ClassWords.occursIn(prompt, name)) {
          violations.add(
              field + ".classes", "class '" + name + "' does not occur as a word in the prompt");
        }
      }
      String classPrompt = p.classPrompt() == null ? "" : p.classPrompt().strip();
      checkLength(field + ".classPrompt", classPrompt, violations);
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

  private void checkLength(String field, String prompt, Violations violations) {
    if (prompt.length() > limits.maxPromptLength()) {
      violations.add(
          field,
          "the prompt would be "
              + prompt.length()
              + " characters, the limit is "
              + limits.maxPromptLength());
    }
  }

  private static Set<String> names(List<ClassEntry> classes) {
    Set<String> out = new java.util.LinkedHashSet<>();
    classes.forEach(c -> out.add(c.getName()));
    return out;
  }
}
