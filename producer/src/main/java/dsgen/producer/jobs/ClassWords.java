package dsgen.producer.jobs;

import java.util.regex.Pattern;

/**
 * Whether a class name occurs in a prompt as a whole word (case-insensitive): the worker looks for
 * the class's tokens in the prompt, and "cats" does not contain the token of "cat".
 */
public final class ClassWords {
  private ClassWords() {}

  public static boolean occursIn(String prompt, String className) {
    return Pattern.compile(
            "(?<![\\p{L}\\p{N}])" + Pattern.quote(className) + "(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(prompt)
        .find();
  }
}
