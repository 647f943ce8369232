package dsgen.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The stack process named by a data folder's pid file, if it is alive and really a dsgen local
 * stack.
 */
final class RunningStack {

  private RunningStack() {}

  /**
   * The live local-stack process of this folder. A pid file whose process is gone, or whose pid now
   * belongs to some other program, is stale: it names nothing and is never signalled.
   */
  static Optional<ProcessHandle> find(StackFiles files) {
    OptionalLong pid = files.readPid();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid.getAsLong())
        .filter(ProcessHandle::isAlive)
        .filter(RunningStack::isLocalStack);
  }

  private static boolean isLocalStack(ProcessHandle process) {
    String main = LocalStackMain.class.getName();
    // Linux: the full command line; ProcessHandle.Info drops the arguments of long ones (our class
    // path is long)
    Path procCmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    if (Files.isReadable(procCmdline)) {
      try {
        return new String(Files.readAllBytes(procCmdline), StandardCharsets.UTF_8).contains(main);
      } catch (IOException e) {
        return false;
      }
    }
    return process.info().commandLine().map(c -> c.contains(main)).orElse(false);
  }
}
