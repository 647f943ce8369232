package dsgen.diffusion.cli;

/** A command line that cannot be run; the message is the one-line reason shown to the user. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
