package dsgen.worker.task;

/**
 * Why a prompt task cannot be generated. The code is the dead letter's {@code errorClass} (and a
 * metric tag); the message is its {@code reason}, written for the person who submitted the job.
 */
public record TaskProblem(Code code, String message) {

  public enum Code {
    UNDECODABLE_RECORD,
    INVALID_ID,
    EMPTY_PROMPT,
    PROMPT_TOO_LONG,
    CLASS_NOT_IN_PROMPT,
    INVALID_LABEL,
    STEPS_OUT_OF_RANGE,
    GUIDANCE_OUT_OF_RANGE,
    SIZE_NOT_A_MULTIPLE,
    SIZE_TOO_LARGE,
    UNKNOWN_CAPTURE_PROFILE,
    UNKNOWN_ATTENTION_DTYPE,
    UNKNOWN_ATTENTION_ENCODING,
    UNKNOWN_SCHEDULER,
    REJECTED_BY_MODEL,
    GAVE_UP_AFTER_DELIVERIES;

    /** Lower-case tag for metrics and logs, e.g. {@code class_not_in_prompt}. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
