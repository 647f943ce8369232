package dsgen.producer.cli;

/** A command line the CLI cannot run; the message says what to change. Exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
