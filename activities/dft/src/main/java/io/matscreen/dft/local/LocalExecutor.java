package io.matscreen.dft.local;

import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobRecordFiles;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.JobStatus.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs jobs as local subprocesses, at most {@code maxConcurrent} at a time, in submission order.
 *
 * <p>Every job has a record file in the state directory (key, job directory, command, pid and its
 * start time) and each process runs under a small sh wrapper that enforces the walltime with
 * coreutils {@code timeout} and writes the exit status to {@value #EXIT_FILE} in the job directory.
 * Because all state is on disk and the wrapper does not depend on the JVM, a worker that restarts
 * with the same state directory re-attaches to still-running processes (by pid and start time) or
 * sees their exit status, and never starts a job twice. Standard output goes to {@value
 * DftJobSpec#STDOUT_FILE}; OMP_NUM_THREADS is 1 unless the spec sets env.OMP_NUM_THREADS.
 */
public final class LocalExecutor implements DftExecutor, AutoCloseable {
  /** File in the job directory holding the wrapper's exit status. */
  public static final String EXIT_FILE = "job.exit";

  /** Exit status of coreutils timeout when the walltime was reached. */
  static final int TIMEOUT_EXIT = 124;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  // The wrapper gets the walltime in seconds and the command as positional arguments, so nothing
  // from the spec is ever parsed by the shell.
  private static final String WRAPPER =
      "t=\"$1\"; shift\n"
          + "timeout -k 5 \"$t\" \"$@\" > "
          + DftJobSpec.STDOUT_FILE
          + " 2> "
          + DftJobSpec.STDERR_FILE
          + " < /dev/null\n"
          + "rc=$?\n"
          + "echo \"$rc\" > "
          + EXIT_FILE
          + ".tmp && mv "
          + EXIT_FILE
          + ".tmp "
          + EXIT_FILE
          + "\n";

  private final Path stateDir;
  private final int maxConcurrent;
  private final ScheduledExecutorService dispatcher;
  private final Object monitor;

  private static final java.util.concurrent.ConcurrentHashMap<Path, Object> MONITORS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param stateDir directory for job records (created if absent); reuse it across restarts
   * @param maxConcurrent how many jobs may run at once
   */
  public LocalExecutor(Path stateDir, int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.maxConcurrent = maxConcurrent;
    this.monitor = MONITORS.computeIfAbsent(this.stateDir, k -> new Object());
    try {
      Files.createDirectories(this.stateDir);
    } catch (IOException e) {
      throw new DftExecutorException(
          "cannot create state directory " + stateDir + ": " + e.getMessage(), e);
    }
    this.dispatcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "matscreen-local-dispatch");
              t.setDaemon(true);
              return t;
            });
    // Queued jobs start as soon as a slot frees, even when nobody polls.
    dispatcher.scheduleWithFixedDelay(this::dispatchQuietly, 200, 200, TimeUnit.MILLISECONDS);
  }

  @Override
  public JobHandle submit(DftJobSpec spec) {
    return locked(() -> submitLocked(spec));
  }

  private JobHandle submitLocked(DftJobSpec spec) {
    Optional<JobHandle> existing = findLocked(spec.key());
    if (existing.isPresent()) {
      return existing.get();
    }
    validateEnvironment(spec);
    if (!Files.isDirectory(spec.jobDir())) {
      throw new DftExecutorException(
          "job " + spec.key() + ": job directory " + spec.jobDir() + " does not exist");
    }
    Properties p = new Properties();
    p.setProperty("key", spec.key());
    p.setProperty("jobDir", spec.jobDir().toString());
    p.setProperty("walltimeSeconds", Long.toString(Math.max(1, spec.walltime().toSeconds())));
    p.setProperty("submittedAt", Instant.now().toString());
    p.setProperty("seq", Long.toString(System.nanoTime()));
    p.setProperty("state", "QUEUED");
    for (int i = 0; i < spec.command().size(); i++) {
      p.setProperty("cmd." + i, spec.command().get(i));
    }
    for (Map.Entry<String, String> e : spec.settings().entrySet()) {
      if (e.getKey().startsWith("env.")) {
        p.setProperty(e.getKey(), e.getValue());
      }
    }
    write(spec.key(), p);
    dispatchLocked();
    return handle(readRecord(spec.key()).orElseThrow());
  }

  @Override
  public Optional<JobHandle> find(String key) {
    return locked(() -> findLocked(key));
  }

  private Optional<JobHandle> findLocked(String key) {
    if (!DftJobSpec.KEY_PATTERN.matcher(key).matches()) {
      return Optional.empty();
    }
    return readRecord(key).map(this::handle);
  }

  @Override
  public JobStatus poll(JobHandle handle) {
    return locked(() -> pollLocked(handle));
  }

  private JobStatus pollLocked(JobHandle handle) {
    dispatchLocked();
    Optional<Properties> rec = readRecord(handle.key());
    if (rec.isEmpty()) {
      return new JobStatus(State.UNKNOWN, handle.schedulerId(), "no record of job " + handle.key());
    }
    return status(rec.get());
  }

  @Override
  public void cancel(JobHandle handle) {
    locked(
        () -> {
          cancelLocked(handle);
          return null;
        });
  }

  private void cancelLocked(JobHandle handle) {
    Optional<Properties> rec = readRecord(handle.key());
    if (rec.isEmpty()) {
      return;
    }
    Properties p = rec.get();
    if (status(p).terminal()) {
      return;
    }
    p.setProperty("cancelled", "true");
    write(handle.key(), p);
    liveProcess(p)
        .ifPresent(
            ph -> {
              // The wrapper first, so that it cannot record an exit status for its killed child.
              List<ProcessHandle> children = ph.descendants().toList();
              ph.destroyForcibly();
              children.forEach(ProcessHandle::destroyForcibly);
            });
  }

  /** Number of jobs currently running (started and not finished). */
  public int runningCount() {
    return locked(
        () -> {
          int n = 0;
          for (Properties p : allRecords()) {
            if (status(p).state() == State.RUNNING) {
              n++;
            }
          }
          return n;
        });
  }

  @Override
  public void close() {
    dispatcher.shutdownNow();
  }

  // ------------------------------------------------------------------ internals

  private JobStatus status(Properties p) {
    String pid = p.getProperty("pid", "");
    if ("true".equals(p.getProperty("cancelled"))) {
      return new JobStatus(State.CANCELLED, pid, "cancelled");
    }
    if ("QUEUED".equals(p.getProperty("state"))) {
      return new JobStatus(State.QUEUED, "", "waiting for a free slot");
    }
    if ("START_FAILED".equals(p.getProperty("state"))) {
      return new JobStatus(State.FAILED, "", p.getProperty("error", "could not start"));
    }
    Path jobDir = Path.of(p.getProperty("jobDir"));
    Optional<Integer> rc = exitCode(jobDir);
    if (rc.isEmpty()) {
      if (liveProcess(p).isPresent()) {
        return new JobStatus(State.RUNNING, pid, "pid " + pid);
      }
      // The wrapper writes the exit file before it exits; read again in case we raced it.
      rc = exitCode(jobDir);
      if (rc.isEmpty()) {
        return new JobStatus(
            State.NODE_FAIL, pid, "process " + pid + " disappeared without an exit status");
      }
    }
    int code = rc.get();
    if (code == 0) {
      return new JobStatus(State.COMPLETED, pid, "exit 0");
    }
    long wall = Long.parseLong(p.getProperty("walltimeSeconds"));
    if (code == TIMEOUT_EXIT || (code == 137 && elapsedSeconds(p) >= wall)) {
      return new JobStatus(State.TIMEOUT, pid, "walltime of " + wall + " s reached");
    }
    return new JobStatus(State.FAILED, pid, "exit " + code);
  }

  private static long elapsedSeconds(Properties p) {
    String started = p.getProperty("startedAt");
    if (started == null) {
      return 0;
    }
    return java.time.Duration.between(Instant.parse(started), Instant.now()).toSeconds();
  }

  private static Optional<Integer> exitCode(Path jobDir) {
    Path f = jobDir.resolve(EXIT_FILE);
    try {
      if (!Files.exists(f)) {
        return Optional.empty();
      }
      String s = Files.readString(f).trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(s));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<ProcessHandle> liveProcess(Properties p) {
    String pid = p.getProperty("pid");
    if (pid == null || pid.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> ph = ProcessHandle.of(Long.parseLong(pid));
    if (ph.isEmpty() || !ph.get().isAlive()) {
      return Optional.empty();
    }
    // Guard against pid reuse after a reboot or long downtime.
    String recorded = p.getProperty("pidStart");
    Optional<Instant> actual = ph.get().info().startInstant();
    if (recorded != null && actual.isPresent() && !actual.get().toString().equals(recorded)) {
      return Optional.empty();
    }
    return ph;
  }

  private void dispatchQuietly() {
    try {
      locked(
          () -> {
            dispatchLocked();
            return null;
          });
    } catch (RuntimeException e) {
      // The next tick or poll retries; a failure to start is recorded on the job itself.
    }
  }

  /**
   * Runs {@code body} holding this state directory's lock: a monitor shared by every executor of
   * the directory in this JVM plus a file lock against other worker processes on the machine, so
   * that a queued job is never started twice.
   */
  private <T> T locked(java.util.function.Supplier<T> body) {
    synchronized (monitor) {
      try (java.nio.channels.FileChannel ch =
              java.nio.channels.FileChannel.open(
                  stateDir.resolve(".lock"),
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = ch.lock()) {
        return body.get();
      } catch (IOException e) {
        throw new DftExecutorException(
            "cannot lock " + stateDir.resolve(".lock") + ": " + e.getMessage(), e);
      }
    }
  }

  private void dispatchLocked() {
    List<Properties> all = allRecords();
    int running = 0;
    List<Properties> queued = new ArrayList<>();
    for (Properties p : all) {
      if ("true".equals(p.getProperty("cancelled"))) {
        continue;
      }
      if ("QUEUED".equals(p.getProperty("state"))) {
        queued.add(p);
      } else if ("STARTED".equals(p.getProperty("state")) && status(p).state() == State.RUNNING) {
        running++;
      }
    }
    queued.sort(Comparator.comparingLong(p -> Long.parseLong(p.getProperty("seq", "0"))));
    for (Properties p : queued) {
      if (running >= maxConcurrent) {
        break;
      }
      start(p);
      running++;
    }
  }

  private void start(Properties p) {
    String key = p.getProperty("key");
    Path jobDir = Path.of(p.getProperty("jobDir"));
    List<String> argv =
        new ArrayList<>(
            List.of("sh", "-c", WRAPPER, "matscreen-job", p.getProperty("walltimeSeconds")));
    for (int i = 0; p.containsKey("cmd." + i); i++) {
      argv.add(p.getProperty("cmd." + i));
    }
    ProcessBuilder pb = new ProcessBuilder(argv).directory(jobDir.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("OMP_NUM_THREADS", "1");
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("env.")) {
        pb.environment().put(name.substring(4), p.getProperty(name));
      }
    }
    try {
      Files.deleteIfExists(jobDir.resolve(EXIT_FILE));
      Process proc = pb.start();
      p.setProperty("state", "STARTED");
      p.setProperty("pid", Long.toString(proc.pid()));
      proc.info().startInstant().ifPresent(t -> p.setProperty("pidStart", t.toString()));
      p.setProperty("startedAt", Instant.now().toString());
    } catch (IOException e) {
      p.setProperty("state", "START_FAILED");
      p.setProperty(
          "error", "could not start " + argv.subList(5, argv.size()) + ": " + e.getMessage());
    }
    write(key, p);
  }

  private static void validateEnvironment(DftJobSpec spec) {
    for (Map.Entry<String, String> e : spec.settings().entrySet()) {
      if (e.getKey().startsWith("env.")) {
        String name = e.getKey().substring(4);
        if (!ENV_NAME.matcher(name).matches()) {
          throw new DftExecutorException(
              "job " + spec.key() + ": environment variable name '" + name + "' is invalid");
        }
        if (e.getValue().indexOf('\0') >= 0) {
          throw new DftExecutorException(
              "job " + spec.key() + ": environment value of " + name + " contains NUL");
        }
      }
    }
  }

  private JobHandle handle(Properties p) {
    return new JobHandle(
        p.getProperty("key"), Path.of(p.getProperty("jobDir")), p.getProperty("pid", ""));
  }

  private Path recordFile(String key) {
    return stateDir.resolve(key + ".job");
  }

  private Optional<Properties> readRecord(String key) {
    return JobRecordFiles.read(recordFile(key));
  }

  private List<Properties> allRecords() {
    List<Properties> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(stateDir)) {
      for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".job")).toList()) {
        String name = f.getFileName().toString();
        readRecord(name.substring(0, name.length() - 4)).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new DftExecutorException("cannot list " + stateDir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private void write(String key, Properties p) {
    JobRecordFiles.write(recordFile(key), p, "matscreen local job");
  }
}
