package io.matscreen.dft;

import java.util.Map;
import java.util.Set;

/** Typed reading and validation of the string settings an input set receives. */
public final class DftSettings {
  private final String owner;
  private final Map<String, String> values;

  /**
   * @param owner name used in error messages (the input set)
   * @param values settings; keys must be in {@code known} or be executor settings
   * @param known keys the owner understands
   */
  public DftSettings(String owner, Map<String, String> values, Set<String> known) {
    this.owner = owner;
    this.values = values == null ? Map.of() : values;
    for (String k : this.values.keySet()) {
      if (!known.contains(k) && !EXECUTOR_KEYS.contains(k) && !k.startsWith("env.")) {
        throw new DftInputException(
            owner
                + ": unknown setting '"
                + k
                + "' (known: "
                + new java.util.TreeSet<>(known)
                + ")");
      }
    }
  }

  /** Settings that belong to executors and are passed through input sets untouched. */
  public static final Set<String> EXECUTOR_KEYS =
      Set.of(
          "walltime",
          "cpus",
          "memory_mb",
          "partition",
          "account",
          "qos",
          "modules",
          "max_corrections",
          "array_parallelism",
          // Where the DFT activities put the job's attempt folders (DftBatchSubmission).
          "work_dir");

  /** Whether the setting is present. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Raw string value or the default. */
  public String string(String key, String def) {
    String v = values.get(key);
    return v == null ? def : v.trim();
  }

  /** A finite double within [min, max], or the default when absent. */
  public double number(String key, double def, double min, double max) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new DftInputException(owner + ": setting " + key + "='" + v + "' is not a number");
    }
    if (!Double.isFinite(d) || d < min || d > max) {
      throw new DftInputException(
          owner + ": setting " + key + "=" + v + " is outside [" + min + ", " + max + "]");
    }
    return d;
  }

  /** An integer within [min, max], or the default when absent. */
  public int integer(String key, int def, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    int d;
    try {
      d = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new DftInputException(owner + ": setting " + key + "='" + v + "' is not an integer");
    }
    if (d < min || d > max) {
      throw new DftInputException(
          owner + ": setting " + key + "=" + v + " is outside [" + min + ", " + max + "]");
    }
    return d;
  }

  /** A value from a fixed set of choices, or the default when absent. */
  public String choice(String key, String def, Set<String> choices) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    String t = v.trim();
    if (!choices.contains(t)) {
      throw new DftInputException(
          owner
              + ": setting "
              + key
              + "='"
              + v
              + "' must be one of "
              + new java.util.TreeSet<>(choices));
    }
    return t;
  }

  /** A boolean ("true"/"false"), or the default when absent. */
  public boolean bool(String key, boolean def) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default ->
          throw new DftInputException(
              owner + ": setting " + key + "='" + v + "' must be true or false");
    };
  }
}
