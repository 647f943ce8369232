package dsgen.maskstage.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options {@code --name value} or {@code --name=value}; a name may repeat (e.g. {@code
 * --param}).
 */
final class Args {

  private final Map<String, List<String>> values = new HashMap<>();

  private Args() {}

  /**
   * @param known option names (without {@code --}) the command accepts
   * @throws UsageException naming the unknown option or the option without a value
   */
  static Args parse(String[] argv, Set<String> known) {
    Args args = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      if (value == null) {
        if (i + 1 >= argv.length) {
          throw new UsageException("option --" + name + " needs a value");
        }
        value = argv[++i];
      }
      args.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return args;
  }

  Optional<String> get(String name) {
    List<String> list = values.get(name);
    if (list == null) {
      return Optional.empty();
    }
    if (list.size() > 1) {
      throw new UsageException("option --" + name + " given " + list.size() + " times");
    }
    return Optional.of(list.get(0));
  }

  String require(String name) {
    return get(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
  }

  /** {@code --name k=v} options as an ordered map. */
  Map<String, String> keyValues(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : values.getOrDefault(name, List.of())) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--" + name + " takes key=value, got '" + kv + "'");
      }
      String key = kv.substring(0, eq);
      if (out.put(key, kv.substring(eq + 1)) != null) {
        throw new UsageException("--" + name + " " + key + " given twice");
      }
    }
    return out;
  }

  /** A wrong command line; the message says what to change. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
