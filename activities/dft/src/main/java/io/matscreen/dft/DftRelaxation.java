package io.matscreen.dft;

import io.matscreen.dft.handlers.Correction;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.handlers.DftJobContext;
import io.matscreen.dft.handlers.ErrorHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one relaxation to the end, synchronously: write inputs, submit, wait, parse, and on failure
 * apply the {@link CorrectionPlan}'s correction and try again. Attempt k runs in {@code jobDir/ak}
 * under the key {@code <base>-ak}, so that a restarted caller replays the same decisions and
 * re-attaches to the attempt that is still running instead of submitting it twice. Each attempt's
 * outcome is appended to {@code jobDir/attempts.log}.
 */
public final class DftRelaxation {
  /** Walltime used when settings have no "walltime" (seconds or [D-]HH:MM:SS). */
  public static final Duration DEFAULT_WALLTIME = Duration.ofHours(1);

  private DftRelaxation() {}

  /** One finished attempt: its key, directory, result and what was decided afterwards. */
  public record Attempt(
      int number, String key, Path dir, JobStatus status, DftResult result, String decision) {}

  /** The final result and every attempt that led to it. */
  public record Outcome(DftResult result, List<Attempt> attempts) {}

  /** Runs with the input set's correction plan and a key derived from the job directory. */
  public static DftResult run(
      InputSet inputSet,
      DftStructure s,
      Path jobDir,
      Map<String, String> settings,
      DftExecutor executor,
      Duration pollInterval) {
    return run(
            inputSet,
            s,
            jobDir,
            settings,
            executor,
            pollInterval,
            inputSet.correctionPlan(),
            keyBase(jobDir))
        .result();
  }

  /**
   * Full form.
   *
   * @param keyBase idempotency key prefix (attempt k uses keyBase-ak); must match
   *     DftJobSpec.KEY_PATTERN
   */
  public static Outcome run(
      InputSet inputSet,
      DftStructure s,
      Path jobDir,
      Map<String, String> settings,
      DftExecutor executor,
      Duration pollInterval,
      CorrectionPlan plan,
      String keyBase) {
    Map<String, String> current = new LinkedHashMap<>(settings == null ? Map.of() : settings);
    DftStructure structure = s;
    Map<String, Integer> corrections = new HashMap<>();
    List<Attempt> attempts = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      String key = keyBase + "-a" + attempt;
      Path dir = jobDir.resolve("a" + attempt).toAbsolutePath().normalize();
      DftJobSpec spec = spec(key, dir, inputSet, current);
      Optional<JobHandle> existing = executor.find(key);
      if (existing.isEmpty()) {
        prepare(dir);
        inputSet.write(structure, dir, current);
      }
      JobHandle handle = existing.orElseGet(() -> executor.submit(spec));
      JobStatus status = await(executor, handle, pollInterval);
      DftResult result = inputSet.parser().parse(dir);
      result = reconcile(result, status);
      if (result.successful()) {
        attempts.add(new Attempt(attempt, key, dir, status, result, "done"));
        log(jobDir, attempts.get(attempts.size() - 1));
        return new Outcome(result, attempts);
      }
      DftJobContext ctx = new DftJobContext(result, structure, current, attempt, corrections);
      Correction c =
          status.state() == JobStatus.State.CANCELLED
              ? Correction.giveUp("job " + key + " was cancelled")
              : plan.next(ctx);
      attempts.add(
          new Attempt(attempt, key, dir, status, result, c.action() + ": " + c.description()));
      log(jobDir, attempts.get(attempts.size() - 1));
      if (c.action() == Correction.Action.GIVE_UP) {
        return new Outcome(
            result.withError(
                result.errorKind(), "gave up after " + attempt + " attempt(s): " + c.description()),
            attempts);
      }
      ErrorHandler h = plan.handlerFor(result.errorKind());
      corrections.merge(h.name(), 1, Integer::sum);
      current.putAll(c.settingChanges());
      if (c.newStructure() != null) {
        structure = c.newStructure();
      }
    }
  }

  /**
   * Scheduler states that explain a failure better than the output can (a killed run looks
   * truncated).
   */
  public static DftResult reconcile(DftResult parsed, JobStatus status) {
    DftErrorKind fromState = DftErrorKind.fromJobState(status.state());
    if (fromState != DftErrorKind.NONE && parsed.errorKind() != fromState) {
      return parsed.withError(fromState, status.state() + " (" + status.detail() + ")");
    }
    if (status.state() == JobStatus.State.FAILED && parsed.successful()) {
      // The code printed a complete result but exited non-zero: do not trust it.
      return parsed.withError(
          DftErrorKind.UNKNOWN, "process " + status.detail() + " after a complete output");
    }
    if (status.state() == JobStatus.State.CANCELLED) {
      return parsed.withError(DftErrorKind.UNKNOWN, "cancelled");
    }
    return parsed;
  }

  /** Polls until the job reaches a terminal state. */
  public static JobStatus await(DftExecutor executor, JobHandle handle, Duration pollInterval) {
    while (true) {
      JobStatus st = executor.poll(handle);
      if (st.terminal()) {
        return st;
      }
      try {
        Thread.sleep(Math.max(10, pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DftExecutorException("interrupted while waiting for job " + handle.key(), e);
      }
    }
  }

  /** A job spec for the input set's command with walltime/cpus/memory from settings. */
  public static DftJobSpec spec(
      String key, Path dir, InputSet inputSet, Map<String, String> settings) {
    Duration wall =
        settings.containsKey("walltime")
            ? parseWalltime(settings.get("walltime"))
            : DEFAULT_WALLTIME;
    int cpus = Integer.parseInt(settings.getOrDefault("cpus", "1").trim());
    long mem = Long.parseLong(settings.getOrDefault("memory_mb", "0").trim());
    Map<String, String> exec = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (DftSettings.EXECUTOR_KEYS.contains(e.getKey()) || e.getKey().startsWith("env.")) {
        exec.put(e.getKey(), e.getValue());
      }
    }
    return new DftJobSpec(key, dir, inputSet.command(settings), wall, cpus, mem, exec);
  }

  /** Seconds ("90"), or Slurm-style "MM:SS", "HH:MM:SS", "D-HH:MM:SS". */
  public static Duration parseWalltime(String s) {
    String t = s.trim();
    try {
      if (t.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      long days = 0;
      if (t.matches("\\d+-.*")) {
        days = Long.parseLong(t.substring(0, t.indexOf('-')));
        t = t.substring(t.indexOf('-') + 1);
      }
      String[] p = t.split(":");
      if (p.length < 2 || p.length > 3) {
        throw new NumberFormatException();
      }
      long sec = 0;
      for (String part : p) {
        sec = sec * 60 + Long.parseLong(part);
      }
      if (p.length == 2 && days == 0) {
        return Duration.ofSeconds(sec);
      }
      return Duration.ofDays(days).plusSeconds(p.length == 2 ? sec * 60 : sec);
    } catch (NumberFormatException e) {
      throw new DftInputException("walltime '" + s + "' must be seconds or [D-]HH:MM:SS");
    }
  }

  /** Key prefix from the directory name plus a hash of its absolute path (keeps keys unique). */
  public static String keyBase(Path jobDir) {
    Path abs = jobDir.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? "job" : abs.getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
      name = "j" + name;
    }
    if (name.length() > 80) {
      name = name.substring(0, 80);
    }
    return name + "-" + String.format(Locale.ROOT, "%08x", abs.toString().hashCode());
  }

  /** Clears a directory left behind by an attempt that was prepared but never submitted. */
  public static void prepare(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DftInputException("cannot prepare job directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void log(Path jobDir, Attempt a) {
    String line =
        String.format(
            Locale.ROOT,
            "%s attempt=%d key=%s state=%s error=%s energy_eV=%.6f decision=%s%n",
            Instant.now(),
            a.number(),
            a.key(),
            a.status().state(),
            a.result().errorKind(),
            a.result().finalEnergyEv(),
            a.decision().replace('\n', ' '));
    try {
      Files.writeString(
          jobDir.resolve("attempts.log"),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // Provenance is best-effort; the result itself is returned to the caller.
    }
  }
}
