package io.matscreen.dft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One job to run: an idempotency key (one key per attempt, e.g. "demo-SiC-a1"), the job directory
 * holding the inputs, the command to run there, walltime, CPUs, memory (MiB, 0 = scheduler default)
 * and executor settings (Slurm: partition, account, qos, modules, env.NAME ...).
 */
public record DftJobSpec(
    String key,
    Path jobDir,
    List<String> command,
    Duration walltime,
    int cpus,
    long memoryMb,
    Map<String, String> settings) {

  /** Name of the file in the job directory that receives the code's standard output. */
  public static final String STDOUT_FILE = "job.out";

  /** Name of the file in the job directory that receives the code's standard error. */
  public static final String STDERR_FILE = "job.err";

  /** Keys are used as scheduler job names and file names, so they are kept to a safe alphabet. */
  public static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Validates the key, CPUs, memory and walltime and copies the collections. */
  public DftJobSpec {
    Objects.requireNonNull(key, "key");
    if (!KEY_PATTERN.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "job key '"
              + key
              + "' must match "
              + KEY_PATTERN.pattern()
              + " (letters, digits, . _ -)");
    }
    Objects.requireNonNull(jobDir, "jobDir");
    jobDir = jobDir.toAbsolutePath().normalize();
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("job " + key + ": command is empty");
    }
    command = List.copyOf(command);
    Objects.requireNonNull(walltime, "walltime");
    if (walltime.isNegative() || walltime.isZero()) {
      throw new IllegalArgumentException("job " + key + ": walltime must be positive");
    }
    if (cpus < 1) {
      throw new IllegalArgumentException("job " + key + ": cpus must be >= 1, got " + cpus);
    }
    if (memoryMb < 0) {
      throw new IllegalArgumentException("job " + key + ": memoryMb must be >= 0");
    }
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }

  /** A one-CPU job with no executor settings. */
  public static DftJobSpec of(String key, Path jobDir, List<String> command, Duration walltime) {
    return new DftJobSpec(key, jobDir, command, walltime, 1, 0, Map.of());
  }

  /** The same job under another key (used for the next attempt after a correction). */
  public DftJobSpec withKey(String newKey) {
    return new DftJobSpec(newKey, jobDir, command, walltime, cpus, memoryMb, settings);
  }
}
