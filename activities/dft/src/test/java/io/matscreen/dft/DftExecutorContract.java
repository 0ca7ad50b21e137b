package io.matscreen.dft;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.dft.JobStatus.State;
import io.matscreen.dft.job.DftRelaxation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DftExecutor} must do, checked with small shell commands standing in for DFT
 * codes: submit is idempotent by key (also for a new executor on the same state directory, as after
 * a worker restart), a job's status moves to a terminal state that reflects its exit code, cancel
 * stops it, a job that was never submitted is unknown, and the code's outputs land in the job
 * directory. Subclasses say how to make the executor.
 */
public abstract class DftExecutorContract {
  @TempDir protected Path tmp;

  /** Unique per test run: a scheduler outlives test runs and finds jobs by their key. */
  protected final String run = UUID.randomUUID().toString().substring(0, 8);

  /**
   * A fresh executor on {@code stateDir}, as a newly started worker process would make it. The
   * subclass closes what it made after each test.
   */
  protected abstract DftExecutor executor(Path stateDir);

  /** How often tests poll. */
  protected Duration pollInterval() {
    return Duration.ofMillis(100);
  }

  /**
   * A one-CPU job with key {@code name-<run>} running {@code sh -c script} in its own directory.
   */
  protected DftJobSpec spec(String name, String script) throws Exception {
    String key = name + "-" + run;
    Path dir = tmp.resolve("jobs").resolve(key);
    Files.createDirectories(dir);
    return DftJobSpec.of(key, dir, List.of("sh", "-c", script), Duration.ofMinutes(5));
  }

  private JobStatus await(DftExecutor ex, JobHandle h) {
    return DftRelaxation.await(ex, h, pollInterval());
  }

  @Test
  void theCommandRunsInTheJobDirectoryWithItsOutputsThere() throws Exception {
    DftExecutor ex = executor(tmp.resolve("state"));
    DftJobSpec s =
        spec("workdir", "echo \"in $(basename \"$PWD\") threads=$OMP_NUM_THREADS\"; echo oops >&2");
    JobHandle h = ex.submit(s);
    assertThat(h.key()).isEqualTo(s.key());
    assertThat(h.jobDir()).isEqualTo(s.jobDir());
    assertThat(await(ex, h).state()).isEqualTo(State.COMPLETED);
    assertThat(Files.readString(s.jobDir().resolve(DftJobSpec.STDOUT_FILE)))
        .isEqualTo("in " + s.key() + " threads=1\n");
    assertThat(Files.readString(s.jobDir().resolve(DftJobSpec.STDERR_FILE))).isEqualTo("oops\n");
  }

  @Test
  void submitIsIdempotentByKeyAcrossRestarts() throws Exception {
    Path state = tmp.resolve("state");
    DftExecutor ex = executor(state);
    DftJobSpec s = spec("dup", "echo run >> runs.txt; sleep 1");
    JobHandle a = ex.submit(s);
    JobHandle b = ex.submit(s);
    assertThat(b.schedulerId()).isEqualTo(a.schedulerId());
    // A restarted worker (a new executor on the same state directory) finds the job.
    DftExecutor restarted = executor(state);
    assertThat(restarted.find(s.key())).map(JobHandle::schedulerId).contains(a.schedulerId());
    assertThat(await(restarted, a).state()).isEqualTo(State.COMPLETED);
    // After it finished, a retried submit still returns the finished job instead of rerunning it.
    assertThat(restarted.submit(s).schedulerId()).isEqualTo(a.schedulerId());
    assertThat(restarted.poll(a).state()).isEqualTo(State.COMPLETED);
    assertThat(Files.readAllLines(s.jobDir().resolve("runs.txt"))).containsExactly("run");
  }

  @Test
  void statusMovesFromActiveToATerminalStateThatReflectsTheExitCode() throws Exception {
    DftExecutor ex = executor(tmp.resolve("state"));
    JobHandle ok = ex.submit(spec("ok", "sleep 1; exit 0"));
    JobStatus early = ex.poll(ok);
    assertThat(early.state()).isIn(State.QUEUED, State.RUNNING);
    assertThat(early.terminal()).isFalse();
    JobHandle bad = ex.submit(spec("bad", "exit 3"));
    assertThat(await(ex, ok).state()).isEqualTo(State.COMPLETED);
    assertThat(await(ex, bad).state()).isEqualTo(State.FAILED);
    // Terminal states stay put when asked again.
    assertThat(ex.poll(ok).state()).isEqualTo(State.COMPLETED);
    assertThat(ex.poll(bad).state()).isEqualTo(State.FAILED);
  }

  @Test
  void cancelStopsAJobAndIsANoOpOnceItEnded() throws Exception {
    DftExecutor ex = executor(tmp.resolve("state"));
    DftJobSpec slow = spec("cancel", "sleep 30; touch finished");
    JobHandle h = ex.submit(slow);
    ex.cancel(h);
    assertThat(await(ex, h).state()).isEqualTo(State.CANCELLED);
    assertThat(Files.exists(slow.jobDir().resolve("finished"))).isFalse();
    JobHandle done = ex.submit(spec("done", "true"));
    assertThat(await(ex, done).state()).isEqualTo(State.COMPLETED);
    ex.cancel(done);
    assertThat(ex.poll(done).state()).isEqualTo(State.COMPLETED);
  }

  @Test
  void aJobThatWasNeverSubmittedIsUnknown() throws Exception {
    DftExecutor ex = executor(tmp.resolve("state"));
    DftJobSpec s = spec("never", "true");
    assertThat(ex.find(s.key())).isEmpty();
    JobStatus st = ex.poll(new JobHandle(s.key(), s.jobDir(), "999999999"));
    assertThat(st.state()).isEqualTo(State.UNKNOWN);
    assertThat(st.terminal()).isFalse();
    assertThat(st.detail()).isNotBlank();
    // Keys that could never have been submitted are not found either.
    assertThat(ex.find("bad key; rm -rf")).isEmpty();
  }
}
