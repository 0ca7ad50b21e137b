package io.matscreen.dft.job;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftSettings;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.InputSet;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.handlers.CorrectionPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one relaxation to the end, synchronously: the library driver of {@link DftJobTransition},
 * doing the writing, submitting, polling and parsing it asks for until the job is finished or given
 * up. Attempt k runs in {@code jobDir/ak} under the key {@code <base>-ak}, so that a restarted
 * caller replays the same decisions and re-attaches to the attempt that is still running instead of
 * submitting it twice. Each attempt's outcome is appended to {@code jobDir/attempts.log}.
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
            CorrectionPlans.forInputSet(inputSet),
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
    DftJobTransition.Input job =
        DftJobTransition.Input.pending(
            0, settings == null ? Map.of() : settings, s, Map.of(), plan);
    List<Attempt> attempts = new ArrayList<>();
    while (true) {
      DftJobTransition.Step submit = DftJobTransition.next(job);
      int attempt = submit.attempt();
      String key = keyBase + "-a" + attempt;
      Path dir = jobDir.resolve("a" + attempt).toAbsolutePath().normalize();
      Optional<JobHandle> existing = executor.find(key);
      if (existing.isEmpty()) {
        prepare(dir);
        inputSet.write(submit.structure(), dir, submit.settings());
      }
      JobHandle handle =
          existing.orElseGet(() -> executor.submit(spec(key, dir, inputSet, submit.settings())));
      job = job.after(submit);
      DftJobTransition.Step step;
      while (true) {
        job = job.withStatus(executor.poll(handle));
        step = DftJobTransition.next(job);
        if (step.action() != DftJobTransition.Action.WAIT) {
          break;
        }
        job = job.after(step);
        sleep(pollInterval, key);
      }
      if (step.action() != DftJobTransition.Action.PARSE) {
        throw new IllegalStateException(
            "attempt " + key + " ended but the transition asked for " + step.action());
      }
      JobStatus status = job.status();
      step = DftJobTransition.next(job.withParsed(inputSet.parser().parse(dir)));
      DftResult result = step.result();
      String decision =
          step.correction() == null
              ? "done"
              : step.correction().action() + ": " + step.correction().description();
      attempts.add(new Attempt(attempt, key, dir, status, result, decision));
      log(jobDir, attempts.get(attempts.size() - 1));
      switch (step.action()) {
        case RECORD_FINISHED -> {
          return new Outcome(result, attempts);
        }
        case GIVE_UP -> {
          return new Outcome(
              result.withError(
                  result.errorKind(),
                  "gave up after " + attempt + " attempt(s): " + step.correction().description()),
              attempts);
        }
        case RESUBMIT, REQUEUE -> job = job.after(step);
        default ->
            throw new IllegalStateException(
                "parsed attempt " + key + " but the transition asked for " + step.action());
      }
    }
  }

  /** Polls until the job reaches a terminal state. */
  public static JobStatus await(DftExecutor executor, JobHandle handle, Duration pollInterval) {
    while (true) {
      JobStatus st = executor.poll(handle);
      if (st.terminal()) {
        return st;
      }
      sleep(pollInterval, handle.key());
    }
  }

  private static void sleep(Duration pollInterval, String key) {
    try {
      Thread.sleep(Math.max(10, pollInterval.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DftExecutorException("interrupted while waiting for job " + key, e);
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
