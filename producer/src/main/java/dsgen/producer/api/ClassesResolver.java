package dsgen.producer.api;

import dsgen.generation.GenerationRules;
import dsgen.generation.RuleViolation;
import dsgen.producer.jobs.VocClasses;
import dsgen.records.ClassEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The job's classes: an explicit list (labels default to the next free id) or a preset. */
final class ClassesResolver {
  static final int MAX_NAME_LENGTH = 64;

  /**
   * Letters, digits, spaces, apostrophes and dashes: no ';' (it separates the appended class
   * prompt) and no braces.
   */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} '_-]*");

  private ClassesResolver() {}

  static List<ClassEntry> resolve(JobRequest request, Violations violations) {
    boolean hasList = request.classes() != null;
    if (request.preset() != null) {
      if (hasList) {
        violations.add("preset", "give either classes or preset, not both");
      }
      if (!VocClasses.PRESET.equals(request.preset())) {
        violations.add("preset", "unknown preset '" + request.preset() + "' (known: voc)");
        return List.of();
      }
      return VocClasses.classes();
    }
    if (!hasList || request.classes().isEmpty()) {
      violations.add("classes", "at least one class is required (or preset: voc)");
      return List.of();
    }
    if (request.classes().size() > GenerationRules.MAX_LABEL) {
      violations.add(
          "classes",
          "at most "
              + GenerationRules.MAX_LABEL
              + " classes (label ids are "
              + GenerationRules.MIN_LABEL
              + ".."
              + GenerationRules.MAX_LABEL
              + ")");
      return List.of();
    }
    return fromList(request.classes(), violations);
  }

  private static List<ClassEntry> fromList(
      List<JobRequest.ClassRequest> requested, Violations violations) {
    Set<String> names = new HashSet<>();
    Set<Integer> labels = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      JobRequest.ClassRequest c = requested.get(i);
      String field = "classes[" + i + "]";
      if (c == null) {
        violations.add(field, "must be an object {name, label?}");
        continue;
      }
      checkName(c.name(), field + ".name", names, violations);
      if (c.label() != null) {
        Optional<RuleViolation> refused = GenerationRules.label(c.label());
        if (refused.isPresent()) {
          violations.add(field + ".label", refused.get().reason());
        } else if (!labels.add(c.label())) {
          violations.add(field + ".label", "label " + c.label() + " is used by another class");
        }
      }
    }
    List<ClassEntry> out = new ArrayList<>();
    int nextFree = 1;
    for (JobRequest.ClassRequest c : requested) {
      if (c == null) {
        continue;
      }
      int label;
      if (c.label() != null) {
        label = c.label();
      } else {
        while (labels.contains(nextFree)) {
          nextFree++;
        }
        label = nextFree;
        labels.add(label);
      }
      out.add(
          ClassEntry.newBuilder()
              .setName(c.name() == null ? "" : c.name().strip())
              .setLabel(label)
              .build());
    }
    return out;
  }

  private static void checkName(
      String name, String field, Set<String> seen, Violations violations) {
    if (name == null || name.isBlank()) {
      violations.add(field, "is required");
      return;
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME_LENGTH) {
      violations.add(field, "at most " + MAX_NAME_LENGTH + " characters");
    } else if (!NAME.matcher(stripped).matches()) {
      violations.add(
          field, "'" + stripped + "' may only contain letters, digits, spaces, ' _ and -");
    } else if (!seen.add(stripped.toLowerCase(Locale.ROOT))) {
      violations.add(field, "class '" + stripped + "' is listed twice");
    }
  }
}
