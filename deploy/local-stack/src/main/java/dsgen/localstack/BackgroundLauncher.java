package dsgen.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code LocalStackMain up --foreground} as a background process (own session, output appended
 * to {@code stack.log}) and waits until it reports ready by writing its pid file.
 */
final class BackgroundLauncher {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private BackgroundLauncher() {}

  /**
   * The running stack's process, or an exception carrying the tail of the log when it failed or
   * timed out.
   */
  static ProcessHandle launch(StackOptions options, StackFiles files, Duration timeout) {
    Process child;
    try {
      Files.createDirectories(files.dataDir());
      ProcessBuilder builder =
          new ProcessBuilder(command(options))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
              .redirectErrorStream(true);
      child = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the background local stack", e);
    }
    return awaitReady(child, files, timeout);
  }

  private static List<String> command(StackOptions options) {
    List<String> cmd = new ArrayList<>();
    // its own session: closing the terminal that ran `./dsgen up` must not hang the stack up
    if (Files.isExecutable(SETSID)) {
      cmd.add(SETSID.toString());
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    cmd.addAll(jvmArgs);
    if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
      cmd.add("-Xmx1g");
    }
    cmd.addAll(
        List.of(
            "-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName(), "up"));
    cmd.addAll(options.foregroundArgs());
    return cmd;
  }

  private static ProcessHandle awaitReady(Process child, StackFiles files, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> running = RunningStack.find(files);
      if (running.isPresent()) {
        return running.get();
      }
      // setsid may fork, so the direct child exiting with 0 is no failure by itself
      if (!child.isAlive() && child.exitValue() != 0) {
        throw new IllegalStateException(
            "the local stack exited with code "
                + child.exitValue()
                + " before it was ready; last lines of "
                + files.logFile()
                + ":\n"
                + tail(files.logFile()));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the local stack", e);
      }
    }
    throw new IllegalStateException(
        "the local stack was not ready after "
            + timeout.toSeconds()
            + " s (it may still "
            + "be starting: ./dsgen status); last lines of "
            + files.logFile()
            + ":\n"
            + tail(files.logFile()));
  }

  static String tail(Path log) {
    try {
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
