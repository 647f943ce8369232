package dsgen.maskstage.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging of the commands: warnings of dsgen and errors of the Kafka clients on stderr, nothing
 * else, so the progress line stays readable. The module's runtime class path routes SLF4J to the
 * JBoss LogManager (Quarkus), which must be installed as the JUL manager before anything logs.
 */
final class CliLogging {

  /** Held so the level set on it is not lost when JUL drops unreferenced loggers. */
  private static Logger kafka;

  private CliLogging() {}

  /** Call first thing in {@code main}. */
  static void install() {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler stderr = new ConsoleHandler();
    stderr.setLevel(Level.WARNING);
    root.addHandler(stderr);
    root.setLevel(Level.WARNING);
    // the clients warn about routine events (rebalances, metadata refreshes) a user cannot act on
    kafka = Logger.getLogger("org.apache.kafka");
    kafka.setLevel(Level.SEVERE);
  }
}
