package io.matscreen.dft.slurm;

import static io.matscreen.dft.slurm.ShellQuoting.quote;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobRecordFiles;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.JobStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Submits jobs to Slurm with sbatch (single jobs or job arrays), polls them with squeue, scontrol
 * and sacct (sacct -c, the jobcomp file, when there is no accounting database) and cancels them
 * with scancel.
 *
 * <p>Submission is idempotent: the job name is the job key (array name for arrays) and the comment
 * is "matscreen:KEY". Before sbatch, an intent record is written to the state directory; after it,
 * the scheduler id. A worker that died between the two, or a worker on another machine without the
 * state directory, finds the job by name through squeue/sacct instead of submitting it again.
 *
 * <p>Executor settings (constructor defaults, overridden per job by {@link DftJobSpec#settings()}):
 * partition, account, qos, modules (comma- or space-separated, loaded with "module load"), env.NAME
 * (exported). Names are validated against Slurm's alphabet; everything written into the script is
 * single-quoted; sbatch options are passed as separate arguments, never through a shell.
 */
public class SlurmExecutor implements DftExecutor {
  /** Prefix of the comment that marks matscreen's jobs. */
  public static final String COMMENT_PREFIX = "matscreen:";

  private final Path stateDir;
  private final SlurmCommands commands;
  private final Map<String, String> defaults;

  /**
   * @param stateDir directory for submission records (created if absent)
   * @param slurmConf slurm.conf for the client tools, or null for the system default
   * @param defaults default executor settings (partition, account, qos, modules, env.NAME)
   */
  public SlurmExecutor(Path stateDir, Path slurmConf, Map<String, String> defaults) {
    this(stateDir, new SlurmCommands(slurmConf), defaults);
  }

  /** With a custom command runner (tests, or a login-node wrapper). */
  public SlurmExecutor(Path stateDir, SlurmCommands commands, Map<String, String> defaults) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.commands = commands;
    this.defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    try {
      Files.createDirectories(this.stateDir.resolve("arrays"));
    } catch (IOException e) {
      throw new DftExecutorException("cannot create " + stateDir + ": " + e.getMessage(), e);
    }
    // Fail early on bad defaults rather than at the first submission.
    options(this.defaults);
    envAndModules(this.defaults);
  }

  // ------------------------------------------------------------------ DftExecutor

  @Override
  public synchronized JobHandle submit(DftJobSpec spec) {
    Optional<JobHandle> existing = find(spec.key());
    if (existing.isPresent()) {
      return existing.get();
    }
    Map<String, String> settings = merged(spec.settings());
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
    argv.addAll(commonOptions(spec, settings, spec.key()));
    argv.add("--chdir=" + ShellQuoting.path("job directory", spec.jobDir().toString()));
    argv.add("--output=" + spec.jobDir() + "/slurm-%j.out");
    Path script = spec.jobDir().resolve("matscreen-slurm.sh");
    writeScript(script, header(spec.key(), settings) + commandLine(spec) + "\n");
    argv.add(script.toString());

    Properties rec = new Properties();
    rec.setProperty("key", spec.key());
    rec.setProperty("jobDir", spec.jobDir().toString());
    rec.setProperty("name", spec.key());
    rec.setProperty("intentAt", Instant.now().toString());
    writeRecord(spec.key(), rec);
    String jobId = sbatch(argv, spec.key());
    afterSbatch(spec.key(), jobId);
    rec.setProperty("schedulerId", jobId);
    rec.setProperty("rawId", jobId);
    writeRecord(spec.key(), rec);
    return new JobHandle(spec.key(), spec.jobDir(), jobId);
  }

  /**
   * Submits many jobs as one job array named {@code arrayKey} (task i runs specs[i]). Specs must
   * share walltime, CPUs, memory and settings. Jobs that were already submitted (under their own
   * key) keep their existing handle and are left out of the array. Calling it again with the same
   * array key returns the same handles.
   *
   * <p>An array key names one list of jobs, so derive it from the member keys. That is what lets a
   * worker without this state directory (another machine, a lost directory) re-attach: when there
   * is no record of the array here but the scheduler has a matscreen array of that name, its task i
   * is taken to be the i-th spec not yet submitted, and nothing is submitted.
   */
  public synchronized List<JobHandle> submitArray(String arrayKey, List<DftJobSpec> specs) {
    if (!DftJobSpec.KEY_PATTERN.matcher(arrayKey).matches()) {
      throw new DftExecutorException(
          "array key '" + arrayKey + "' must match " + DftJobSpec.KEY_PATTERN.pattern());
    }
    if (specs.isEmpty()) {
      return List.of();
    }
    List<JobHandle> out = new ArrayList<>();
    List<DftJobSpec> todo = new ArrayList<>();
    for (DftJobSpec s : specs) {
      Optional<JobHandle> h = find(s.key());
      if (h.isPresent()) {
        out.add(h.get());
      } else {
        out.add(null);
        todo.add(s);
      }
    }
    if (todo.isEmpty()) {
      return out;
    }
    DftJobSpec first = todo.get(0);
    for (DftJobSpec s : todo) {
      if (!s.walltime().equals(first.walltime())
          || s.cpus() != first.cpus()
          || s.memoryMb() != first.memoryMb()
          || !s.settings().equals(first.settings())) {
        throw new DftExecutorException(
            "array "
                + arrayKey
                + ": job "
                + s.key()
                + " differs from "
                + first.key()
                + " in walltime, cpus, memory or settings; submit it separately");
      }
    }
    // An array record whose sbatch never reached the scheduler (worker died before it) may be
    // reused; one that did reach it belongs to other jobs.
    Optional<Properties> arrayRecord = readRecord(arrayKey);
    Optional<String> submitted = arrayId(arrayKey);
    if (arrayRecord.isPresent() && submitted.isPresent()) {
      throw new DftExecutorException(
          "array " + arrayKey + " was already submitted with other jobs; use a new array key");
    }
    Map<String, String> settings = merged(first.settings());
    Path arrayDir = stateDir.resolve("arrays").resolve(arrayKey);
    try {
      Files.createDirectories(arrayDir);
    } catch (IOException e) {
      throw new DftExecutorException("cannot create " + arrayDir + ": " + e.getMessage(), e);
    }
    StringBuilder body = new StringBuilder(header(arrayKey, settings));
    body.append("case \"${SLURM_ARRAY_TASK_ID:-}\" in\n");
    for (int i = 0; i < todo.size(); i++) {
      body.append("  ")
          .append(i)
          .append(")\n    ")
          .append(commandLine(todo.get(i)))
          .append("\n    ;;\n");
    }
    body.append(
        "  *)\n    echo \"matscreen: no task $SLURM_ARRAY_TASK_ID in this array\" >&2; exit 98\n    ;;\nesac\n");
    Path script = arrayDir.resolve("array.sh");
    writeScript(script, body.toString());

    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable"));
    argv.addAll(commonOptions(first, settings, arrayKey));
    String parallel = settings.get("array_parallelism");
    String range = "0-" + (todo.size() - 1);
    if (parallel != null) {
      range +=
          "%"
              + ShellQuoting.require(
                  "array_parallelism",
                  parallel.trim(),
                  java.util.regex.Pattern.compile("[1-9][0-9]{0,4}"));
    }
    argv.add("--array=" + range);
    argv.add("--chdir=" + ShellQuoting.path("array directory", arrayDir.toString()));
    argv.add("--output=" + arrayDir + "/slurm-%A_%a.out");
    argv.add(script.toString());

    Properties ar = new Properties();
    ar.setProperty("key", arrayKey);
    ar.setProperty("kind", "array");
    ar.setProperty("name", arrayKey);
    ar.setProperty("size", Integer.toString(todo.size()));
    ar.setProperty("intentAt", Instant.now().toString());
    for (int i = 0; i < todo.size(); i++) {
      Properties m = new Properties();
      m.setProperty("key", todo.get(i).key());
      m.setProperty("jobDir", todo.get(i).jobDir().toString());
      m.setProperty("arrayKey", arrayKey);
      m.setProperty("index", Integer.toString(i));
      writeRecord(todo.get(i).key(), m);
    }
    writeRecord(arrayKey, ar);
    // No record here but the scheduler knows the array: adopt it rather than submit it again.
    String jobId = submitted.isPresent() ? submitted.get() : sbatch(argv, arrayKey);
    if (submitted.isEmpty()) {
      afterSbatch(arrayKey, jobId);
    }
    ar.setProperty("schedulerId", jobId);
    writeRecord(arrayKey, ar);
    int t = 0;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        DftJobSpec s = todo.get(t);
        out.set(i, new JobHandle(s.key(), s.jobDir(), jobId + "_" + t));
        t++;
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<JobHandle> find(String key) {
    if (!DftJobSpec.KEY_PATTERN.matcher(key).matches()) {
      return Optional.empty();
    }
    Optional<Properties> rec = readRecord(key);
    if (rec.isPresent() && rec.get().containsKey("arrayKey")) {
      Properties m = rec.get();
      Optional<String> base = arrayId(m.getProperty("arrayKey"));
      return base.map(
          b ->
              new JobHandle(
                  key, Path.of(m.getProperty("jobDir")), b + "_" + m.getProperty("index")));
    }
    if (rec.isPresent() && rec.get().containsKey("schedulerId")) {
      Properties p = rec.get();
      return Optional.of(
          new JobHandle(key, Path.of(p.getProperty("jobDir")), p.getProperty("schedulerId")));
    }
    // No scheduler id recorded: the worker may have died right after sbatch, or this is another
    // machine. Ask the scheduler before anyone submits again.
    Optional<String> id = lookupByName(key);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Path jobDir = rec.map(p -> Path.of(p.getProperty("jobDir"))).orElseGet(() -> workDir(id.get()));
    Properties p = rec.orElseGet(Properties::new);
    p.setProperty("key", key);
    p.setProperty("name", key);
    p.setProperty("schedulerId", id.get());
    if (jobDir != null) {
      p.setProperty("jobDir", jobDir.toString());
    }
    writeRecord(key, p);
    return Optional.of(new JobHandle(key, jobDir, id.get()));
  }

  @Override
  public synchronized JobStatus poll(JobHandle h) {
    Optional<Properties> rec = readRecord(h.key());
    if (rec.isPresent() && rec.get().containsKey("terminalState")) {
      Properties p = rec.get();
      return new JobStatus(
          State.valueOf(p.getProperty("terminalState")),
          h.schedulerId(),
          p.getProperty("terminalDetail", ""));
    }
    String id = h.schedulerId();
    String state = null;
    String rawId = rec.map(p -> p.getProperty("rawId")).orElse(null);
    SlurmCommands.Result sq =
        commands.run(List.of("squeue", "-h", "-t", "all", "-j", id, "-o", "%T|%A|%r"));
    if (sq.ok()) {
      for (String line : sq.stdout().split("\n")) {
        String[] f = line.trim().split("\\|");
        if (f.length >= 2 && !f[0].isEmpty()) {
          state = f[0];
          rawId = f[1];
          break;
        }
      }
    }
    if (state == null) {
      SlurmCommands.Result sc = commands.run(List.of("scontrol", "-o", "show", "job", id));
      if (sc.ok()) {
        for (String tok : sc.stdout().split("\\s+")) {
          if (tok.startsWith("JobState=")) {
            state = tok.substring("JobState=".length());
          }
        }
      }
    }
    if (state == null) {
      state = sacctState(id, rawId).orElse(null);
    }
    if (rawId != null && rec.isPresent() && !rawId.equals(rec.get().getProperty("rawId"))) {
      rec.get().setProperty("rawId", rawId);
      writeRecord(h.key(), rec.get());
    }
    if (state == null) {
      return new JobStatus(
          State.UNKNOWN, id, "job " + id + " not found by squeue, scontrol or sacct");
    }
    State s = mapState(state);
    JobStatus st = new JobStatus(s, id, state);
    if (s.terminal() && rec.isPresent()) {
      rec.get().setProperty("terminalState", s.name());
      rec.get().setProperty("terminalDetail", state);
      writeRecord(h.key(), rec.get());
    }
    return st;
  }

  @Override
  public synchronized void cancel(JobHandle h) {
    SlurmCommands.Result r = commands.run(List.of("scancel", h.schedulerId()));
    if (!r.ok()
        && !r.stderr().contains("already completed")
        && !r.stderr().contains("Invalid job id")) {
      throw new DftExecutorException(
          "scancel " + h.schedulerId() + " failed: " + r.stderr().trim());
    }
  }

  /** Called right after sbatch returned; a hook for tests that simulate a worker dying there. */
  protected void afterSbatch(String key, String schedulerId) {}

  // ------------------------------------------------------------------ scheduler queries

  /** Maps a Slurm job state name (possibly "CANCELLED by 0") to ours. */
  public static State mapState(String slurm) {
    String s = slurm.trim().toUpperCase(Locale.ROOT);
    int sp = s.indexOf(' ');
    if (sp > 0) {
      s = s.substring(0, sp);
    }
    s = s.replace("+", "");
    return switch (s) {
      case "PENDING",
              "CONFIGURING",
              "REQUEUED",
              "REQUEUE_FED",
              "REQUEUE_HOLD",
              "RESV_DEL_HOLD",
              "SPECIAL_EXIT",
              "STAGE_OUT" ->
          State.QUEUED;
      case "RUNNING", "COMPLETING", "SUSPENDED", "RESIZING", "SIGNALING", "STOPPED" ->
          State.RUNNING;
      case "COMPLETED" -> State.COMPLETED;
      case "FAILED", "BOOT_FAIL", "DEADLINE" -> State.FAILED;
      case "TIMEOUT" -> State.TIMEOUT;
      case "OUT_OF_MEMORY" -> State.OUT_OF_MEMORY;
      case "NODE_FAIL", "PREEMPTED" -> State.NODE_FAIL;
      case "CANCELLED", "REVOKED" -> State.CANCELLED;
      default -> State.UNKNOWN;
    };
  }

  private Optional<String> sacctState(String id, String rawId) {
    // With slurmdbd, plain sacct knows array tasks as "12_3"; without it, sacct -c reads the
    // jobcomp
    // file, which knows only raw job ids.
    SlurmCommands.Result r =
        commands.run(List.of("sacct", "-n", "-P", "-X", "-j", id, "-o", "State"));
    if (r.ok() && !r.stdout().isBlank()) {
      return Optional.of(r.stdout().trim().split("\n")[0]);
    }
    String cid = rawId != null ? rawId : id;
    if (cid.contains("_")) {
      return Optional.empty();
    }
    SlurmCommands.Result c =
        commands.run(List.of("sacct", "-c", "-n", "-P", "-j", cid, "-o", "JobID,State"));
    if (c.ok()) {
      for (String line : c.stdout().split("\n")) {
        String[] f = line.trim().split("\\|");
        if (f.length >= 2 && f[0].equals(cid)) {
          return Optional.of(f[1]);
        }
      }
    }
    return Optional.empty();
  }

  /** The scheduler id (base id for arrays) of a matscreen job with this name, if any. */
  Optional<String> lookupByName(String name) {
    SlurmCommands.Result r =
        commands.run(List.of("squeue", "-h", "-t", "all", "-n", name, "-o", "%i|%k|%j"));
    if (r.ok()) {
      for (String line : r.stdout().split("\n")) {
        String[] f = line.trim().split("\\|", -1);
        if (f.length >= 3 && f[2].equals(name) && f[1].equals(COMMENT_PREFIX + name)) {
          String id = f[0];
          int us = id.indexOf('_');
          return Optional.of(us > 0 ? id.substring(0, us) : id);
        }
      }
    }
    SlurmCommands.Result a =
        commands.run(
            List.of(
                "sacct",
                "-n",
                "-P",
                "-X",
                "--name=" + name,
                "-o",
                "JobID,JobName",
                "-S",
                "now-30days"));
    if (!a.ok()) {
      a = commands.run(List.of("sacct", "-c", "-n", "-P", "--name=" + name, "-o", "JobID,JobName"));
    }
    if (a.ok()) {
      for (String line : a.stdout().split("\n")) {
        String[] f = line.trim().split("\\|", -1);
        if (f.length >= 2 && f[1].equals(name) && !f[0].isEmpty()) {
          int us = f[0].indexOf('_');
          return Optional.of(us > 0 ? f[0].substring(0, us) : f[0]);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> arrayId(String arrayKey) {
    Optional<Properties> ar = readRecord(arrayKey);
    if (ar.isPresent() && ar.get().containsKey("schedulerId")) {
      return Optional.of(ar.get().getProperty("schedulerId"));
    }
    Optional<String> id = lookupByName(arrayKey);
    id.ifPresent(
        i -> {
          Properties p = ar.orElseGet(Properties::new);
          p.setProperty("key", arrayKey);
          p.setProperty("kind", "array");
          p.setProperty("schedulerId", i);
          writeRecord(arrayKey, p);
        });
    return id;
  }

  private Path workDir(String id) {
    SlurmCommands.Result sc = commands.run(List.of("scontrol", "-o", "show", "job", id));
    if (sc.ok()) {
      for (String tok : sc.stdout().split("\\s+")) {
        if (tok.startsWith("WorkDir=")) {
          return Path.of(tok.substring("WorkDir=".length()));
        }
      }
    }
    return null;
  }

  private String sbatch(List<String> argv, String key) {
    SlurmCommands.Result r = commands.run(argv);
    if (!r.ok()) {
      throw new DftExecutorException(
          "sbatch for " + key + " failed (exit " + r.exitCode() + "): " + r.stderr().trim());
    }
    String id = r.stdout().trim().split(";")[0].trim();
    if (!id.matches("[0-9]+")) {
      throw new DftExecutorException(
          "sbatch for " + key + " printed no job id: '" + r.stdout().trim() + "'");
    }
    return id;
  }

  // ------------------------------------------------------------------ script and options

  private Map<String, String> merged(Map<String, String> jobSettings) {
    Map<String, String> m = new LinkedHashMap<>(defaults);
    m.putAll(jobSettings);
    return m;
  }

  private List<String> commonOptions(DftJobSpec spec, Map<String, String> settings, String name) {
    List<String> o = new ArrayList<>();
    o.add("--job-name=" + name);
    o.add("--comment=" + COMMENT_PREFIX + name);
    o.add("--time=" + slurmTime(spec.walltime()));
    o.add("--ntasks=1");
    o.add("--cpus-per-task=" + spec.cpus());
    if (spec.memoryMb() > 0) {
      o.add("--mem=" + spec.memoryMb() + "M");
    }
    o.addAll(options(settings));
    return o;
  }

  private static List<String> options(Map<String, String> settings) {
    List<String> o = new ArrayList<>();
    for (String k : List.of("partition", "account", "qos")) {
      String v = settings.get(k);
      if (v != null) {
        o.add("--" + k + "=" + ShellQuoting.require(k, v.trim(), ShellQuoting.SLURM_NAME));
      }
    }
    return o;
  }

  /** Script lines for modules and environment. */
  private static String envAndModules(Map<String, String> settings) {
    StringBuilder b = new StringBuilder();
    String modules = settings.get("modules");
    if (modules != null && !modules.isBlank()) {
      for (String m : modules.trim().split("[,\\s]+")) {
        b.append("module load ")
            .append(quote(ShellQuoting.require("modules", m, ShellQuoting.MODULE)))
            .append('\n');
      }
    }
    Map<String, String> env = new java.util.TreeMap<>();
    env.put("OMP_NUM_THREADS", "1");
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith("env.")) {
        env.put(
            ShellQuoting.require(
                "environment variable name", e.getKey().substring(4), ShellQuoting.ENV_NAME),
            e.getValue());
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      b.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    return b.toString();
  }

  private static String header(String key, Map<String, String> settings) {
    return "#!/bin/bash\n# matscreen job "
        + key
        + " (written by SlurmExecutor; values are quoted)\n"
        + envAndModules(settings);
  }

  private static String commandLine(DftJobSpec spec) {
    StringBuilder b =
        new StringBuilder("cd ").append(quote(spec.jobDir().toString())).append(" || exit 97; ");
    for (String a : spec.command()) {
      b.append(quote(a)).append(' ');
    }
    b.append("> ").append(DftJobSpec.STDOUT_FILE).append(" 2> ").append(DftJobSpec.STDERR_FILE);
    return b.toString();
  }

  /** Slurm time limit [D-]HH:MM:SS, rounded up to whole minutes as Slurm does. */
  static String slurmTime(Duration d) {
    long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
    long days = minutes / (24 * 60);
    long h = (minutes / 60) % 24;
    long m = minutes % 60;
    return days > 0
        ? String.format(Locale.ROOT, "%d-%02d:%02d:00", days, h, m)
        : String.format(Locale.ROOT, "%02d:%02d:00", h, m);
  }

  private static void writeScript(Path script, String text) {
    try {
      Files.createDirectories(script.getParent());
      Files.writeString(script, text, StandardCharsets.UTF_8);
      script.toFile().setExecutable(true);
    } catch (IOException e) {
      throw new DftExecutorException("cannot write " + script + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ records

  private Path recordFile(String key) {
    return stateDir.resolve(key + ".slurm");
  }

  private Optional<Properties> readRecord(String key) {
    return JobRecordFiles.read(recordFile(key));
  }

  private void writeRecord(String key, Properties p) {
    Objects.requireNonNull(key);
    JobRecordFiles.write(recordFile(key), p, "matscreen slurm job");
  }
}
