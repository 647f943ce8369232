package dsgen.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dsgen.attention.TensorFamily;
import dsgen.recipe.Recipes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's own algorithm map, {@code docs/algorithms.md}, is what source comments point
 * into: every pointer {@code docs/algorithms.md#…} in the tree names an anchor the document has, no
 * file cites a brief document that is not in the repository, every relative link or path a Markdown
 * file gives exists, every {@code Class.member} the document links to a source file is still
 * declared in that file, and every tensor family, method and parameter is described.
 */
class AlgorithmsDocTest {
  private static final Path ROOT =
      Path.of(System.getProperty("dsgen.root", "..")).toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/algorithms.md");

  /** Documents of the project brief that live outside the repository (spelled in two parts). */
  private static final List<String> OUTSIDE_DOCUMENTS =
      List.of("ALGORITHMS" + ".md", "DESIGN" + ".md", "STACK" + ".md", "STYLE" + ".md");

  /** Paths of the machine this was written on, which no file may name (spelled in two parts). */
  private static final List<String> MACHINE_PATHS =
      List.of("/work" + "/", "../" + "shared/", "shared" + "/fixtures");

  private static final Set<String> SCANNED =
      Set.of("java", "md", "py", "properties", "xml", "sh", "yaml", "yml", "txt");
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".mvn");

  private static final Pattern POINTER = Pattern.compile("docs/algorithms\\.md#([A-Za-z0-9_-]+)");
  private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern RELATIVE_PATH_SPAN = Pattern.compile("`(\\.\\.?/[^`\\s]+)`");
  private static final Pattern MEMBER_LINK =
      Pattern.compile("\\[`([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)`\\]\\(([^)\\s]+\\.java)\\)");

  @Test
  void everyPointerNamesAnAnchorOfTheDocument() {
    Set<String> anchors = anchors(read(DOC));
    List<String> missing = new ArrayList<>();
    int pointers = 0;
    for (Path file : scannedFiles()) {
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = POINTER.matcher(lines.get(i));
        while (m.find()) {
          pointers++;
          if (!anchors.contains(m.group(1))) {
            missing.add(ROOT.relativize(file) + ":" + (i + 1) + " #" + m.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), missing, "pointers to anchors docs/algorithms.md does not have");
    // the source comments of the mask library, the capture and the catalogue point here
    assertTrue(pointers >= 30, "only " + pointers + " pointers found under " + ROOT);
  }

  @Test
  void noFileCitesADocumentOrMachinePathOutsideTheRepository() {
    List<String> found = new ArrayList<>();
    for (String name : OUTSIDE_DOCUMENTS) {
      if (existsAnywhere(name)) {
        continue;
      }
      for (Path file : scannedFiles()) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains(name)) {
            found.add(ROOT.relativize(file) + ":" + (i + 1) + " cites " + name);
          }
        }
      }
    }
    for (Path file : scannedFiles()) {
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        for (String path : MACHINE_PATHS) {
          if (lines.get(i).contains(path)) {
            found.add(ROOT.relativize(file) + ":" + (i + 1) + " names " + path);
          }
        }
      }
    }
    assertEquals(
        List.of(), found, "citations of documents or paths that are not in the repository");
  }

  @Test
  void everyRelativeLinkAndPathOfTheMarkdownFilesExists() {
    List<String> broken = new ArrayList<>();
    Set<String> anchors = anchors(read(DOC));
    for (Path md : scannedFiles()) {
      if (!md.toString().endsWith(".md")) {
        continue;
      }
      List<String> lines = lines(md);
      for (int i = 0; i < lines.size(); i++) {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          targets.add(link.group(1));
        }
        Matcher span = RELATIVE_PATH_SPAN.matcher(lines.get(i));
        while (span.find()) {
          targets.add(span.group(1));
        }
        for (String target : targets) {
          String problem = problem(md, target, anchors);
          if (problem != null) {
            broken.add(ROOT.relativize(md) + ":" + (i + 1) + " " + target + ": " + problem);
          }
        }
      }
    }
    assertEquals(List.of(), broken, "Markdown links or paths that lead nowhere");
  }

  /**
   * Every tensor family of the attention file, every catalogue method and every one of its
   * parameters has its place in the document: a family by its enum name and prefix, a method by an
   * anchor of its own name, a parameter by its name in a code span.
   */
  @Test
  void everyTensorFamilyMethodAndParameterIsDocumented() {
    String doc = read(DOC);
    Set<String> anchors = anchors(doc);
    List<String> missing = new ArrayList<>();
    for (TensorFamily f : TensorFamily.values()) {
      for (String word : List.of(f.name(), f.prefix())) {
        if (!doc.contains("`" + word)) {
          missing.add("tensor family " + word);
        }
      }
    }
    for (String method : Recipes.methods()) {
      if (!anchors.contains(method)) {
        missing.add("anchor #" + method);
      }
      for (String param : Recipes.paramNames(method)) {
        if (!doc.contains("`" + param + "`")) {
          missing.add(method + " parameter " + param);
        }
      }
    }
    assertEquals(List.of(), missing, "not described in docs/algorithms.md");
  }

  /**
   * A control character in Markdown (tabs aside) is an escape gone wrong, e.g. a LaTeX {@code
   * \big}.
   */
  @Test
  void markdownHasNoControlCharacters() {
    List<String> found = new ArrayList<>();
    for (Path md : scannedFiles()) {
      if (!md.toString().endsWith(".md")) {
        continue;
      }
      List<String> lines = lines(md);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).chars().anyMatch(c -> c < 0x20 && c != '\t')) {
          found.add(ROOT.relativize(md) + ":" + (i + 1));
        }
      }
    }
    assertEquals(List.of(), found, "control characters in Markdown files");
  }

  @Test
  void everyLinkedMemberIsDeclaredInItsFile() {
    List<String> stale = new ArrayList<>();
    int checked = 0;
    for (String line : read(DOC).split("\n")) {
      Matcher m = MEMBER_LINK.matcher(line);
      while (m.find()) {
        checked++;
        Path source = DOC.getParent().resolve(m.group(3)).normalize();
        String what = m.group(1) + "." + m.group(2) + " (" + m.group(3) + ")";
        if (!source.getFileName().toString().equals(m.group(1) + ".java")) {
          stale.add(what + ": the link names another file");
        } else if (!Files.isRegularFile(source)) {
          stale.add(what + ": no such file");
        } else if (!Pattern.compile("\\b" + m.group(2) + "\\b").matcher(read(source)).find()) {
          stale.add(what + ": " + m.group(2) + " is not in the file");
        }
      }
    }
    assertEquals(List.of(), stale, "docs/algorithms.md names members that moved or were renamed");
    assertTrue(checked >= 40, "only " + checked + " Class.member links in " + DOC);
  }

  /** Explicit {@code <a id>} anchors and the anchors GitHub derives from headings. */
  static Set<String> anchors(String markdown) {
    Set<String> out = new TreeSet<>();
    Matcher explicit = EXPLICIT_ANCHOR.matcher(markdown);
    while (explicit.find()) {
      out.add(explicit.group(1));
    }
    for (String line : markdown.split("\n")) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        out.add(slug(h.group(1)));
      }
    }
    return out;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    String lower = heading.strip().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        out.append(c);
      } else if (c == ' ') {
        out.append('-');
      }
    }
    return out.toString();
  }

  @Test
  void slugsFollowGitHub() {
    assertEquals("the-attention-file", slug("The attention file"));
    assertEquals(
        "seediff-seediff-as-the-paper-describes-it",
        slug("`seediff`: SeeDiff as the paper describes it"));
    assertTrue(anchors("<a id=\"pamr\"></a>\n## PAMR: pixel-adaptive\n").contains("pamr"));
  }

  /** Why a link target from {@code md} leads nowhere, or null when it resolves. */
  private static String problem(Path md, String target, Set<String> docAnchors) {
    if (target.contains("://") || target.startsWith("mailto:") || target.startsWith("#")) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    Path resolved = md.getParent().resolve(path).normalize();
    if (!resolved.startsWith(ROOT)) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)
        && !(path.startsWith("./") && Files.exists(ROOT.resolve(path).normalize()))) {
      // "./x" may also be a command run from the repository root, as the READMEs write them
      return "no such file";
    }
    if (hash >= 0 && resolved.equals(DOC) && !docAnchors.contains(target.substring(hash + 1))) {
      return "no such anchor in docs/algorithms.md";
    }
    return null;
  }

  private static boolean existsAnywhere(String name) {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(p -> !skipped(p)).anyMatch(p -> p.getFileName().toString().equals(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> scannedFiles() {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(p -> !skipped(p))
          .filter(Files::isRegularFile)
          .filter(p -> SCANNED.contains(extension(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path p) {
    for (Path part : ROOT.relativize(p)) {
      if (SKIPPED_DIRS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
