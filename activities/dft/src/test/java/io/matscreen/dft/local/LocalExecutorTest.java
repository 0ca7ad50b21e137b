package io.matscreen.dft.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.JobStatus.State;
import io.matscreen.dft.job.DftRelaxation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LocalExecutor's own behaviour (re-attaching to processes, the concurrency limit, walltime, lost
 * processes); what every executor does is in {@link LocalExecutorContractTest}.
 */
class LocalExecutorTest {
  @TempDir Path tmp;

  private DftJobSpec spec(String key, String script, Duration wall) throws Exception {
    Path dir = tmp.resolve("jobs").resolve(key);
    Files.createDirectories(dir);
    return DftJobSpec.of(key, dir, List.of("sh", "-c", script), wall);
  }

  @Test
  void restartedWorkerReattachesToTheRunningProcess() throws Exception {
    Path state = tmp.resolve("state");
    DftJobSpec s =
        spec("reattach", "echo run >> runs.txt; sleep 2; echo done", Duration.ofSeconds(30));
    JobHandle first;
    try (LocalExecutor ex = new LocalExecutor(state, 1)) {
      first = ex.submit(s);
      assertThat(ex.poll(first).state()).isEqualTo(State.RUNNING);
    }
    // A new worker process: same state directory, no memory of the first executor object.
    try (LocalExecutor ex2 = new LocalExecutor(state, 1)) {
      assertThat(ex2.find("reattach")).contains(first);
      JobHandle again = ex2.submit(s);
      assertThat(again.schedulerId()).isEqualTo(first.schedulerId());
      assertThat(ex2.poll(again).state()).isEqualTo(State.RUNNING);
      assertThat(DftRelaxation.await(ex2, again, Duration.ofMillis(50)).state())
          .isEqualTo(State.COMPLETED);
      assertThat(Files.readAllLines(first.jobDir().resolve("runs.txt"))).hasSize(1);
      assertThat(Files.readString(first.jobDir().resolve("job.out"))).isEqualTo("done\n");
    }
  }

  @Test
  void concurrencyLimitQueuesJobs() throws Exception {
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 1)) {
      JobHandle a = ex.submit(spec("c1", "sleep 1", Duration.ofSeconds(30)));
      JobHandle b = ex.submit(spec("c2", "sleep 1", Duration.ofSeconds(30)));
      assertThat(ex.poll(a).state()).isEqualTo(State.RUNNING);
      assertThat(ex.poll(b).state()).isEqualTo(State.QUEUED);
      assertThat(ex.runningCount()).isEqualTo(1);
      DftRelaxation.await(ex, a, Duration.ofMillis(50));
      assertThat(
              DftRelaxation.await(ex, ex.find("c2").orElseThrow(), Duration.ofMillis(50)).state())
          .isEqualTo(State.COMPLETED);
    }
  }

  @Test
  void walltimeKillsTheProcessAndReportsTimeout() throws Exception {
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 1)) {
      long t0 = System.nanoTime();
      JobHandle h =
          ex.submit(spec("slow", "echo start; sleep 30; echo never", Duration.ofSeconds(1)));
      JobStatus st = DftRelaxation.await(ex, h, Duration.ofMillis(50));
      double s = (System.nanoTime() - t0) / 1e9;
      assertThat(st.state()).isEqualTo(State.TIMEOUT);
      assertThat(s).isLessThan(10);
      assertThat(Files.readString(h.jobDir().resolve("job.out"))).isEqualTo("start\n");
    }
  }

  @Test
  void failureDetailHasTheExitCodeAndCancelKillsTheProcess() throws Exception {
    // The states themselves are checked by LocalExecutorContractTest.
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 2)) {
      JobHandle bad = ex.submit(spec("bad", "exit 3", Duration.ofSeconds(30)));
      JobStatus st = DftRelaxation.await(ex, bad, Duration.ofMillis(50));
      assertThat(st.state()).isEqualTo(State.FAILED);
      assertThat(st.detail()).isEqualTo("exit 3");
      JobHandle longJob = ex.submit(spec("long", "sleep 30", Duration.ofSeconds(60)));
      ex.cancel(longJob);
      assertThat(ex.poll(longJob).state()).isEqualTo(State.CANCELLED);
      long pid = Long.parseLong(longJob.schedulerId());
      Thread.sleep(200);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void lostProcessIsANodeFailure() throws Exception {
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 1)) {
      JobHandle h = ex.submit(spec("lost", "sleep 30", Duration.ofSeconds(60)));
      // Kill the wrapper and its children behind the executor's back, as a crash or reboot would.
      ProcessHandle ph = ProcessHandle.of(Long.parseLong(h.schedulerId())).orElseThrow();
      // The wrapper dies first so that it cannot record an exit status for its killed child.
      List<ProcessHandle> children = ph.descendants().toList();
      ph.destroyForcibly();
      ph.onExit().get();
      children.forEach(ProcessHandle::destroyForcibly);
      assertThat(DftRelaxation.await(ex, h, Duration.ofMillis(50)).state())
          .isEqualTo(State.NODE_FAIL);
    }
  }

  @Test
  void refusesBadEnvironmentNamesAndMissingDirectories() throws Exception {
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 1)) {
      Path dir = tmp.resolve("envjob");
      Files.createDirectories(dir);
      DftJobSpec bad =
          new DftJobSpec(
              "env",
              dir,
              List.of("true"),
              Duration.ofSeconds(5),
              1,
              0,
              Map.of("env.A;rm -rf", "x"));
      assertThatThrownBy(() -> ex.submit(bad))
          .isInstanceOf(DftExecutorException.class)
          .hasMessageContaining("A;rm -rf");
      DftJobSpec missing =
          DftJobSpec.of("missing", tmp.resolve("nope"), List.of("true"), Duration.ofSeconds(5));
      assertThatThrownBy(() -> ex.submit(missing))
          .isInstanceOf(DftExecutorException.class)
          .hasMessageContaining("does not exist");
    }
    assertThatThrownBy(
            () -> DftJobSpec.of("bad key; rm", tmp, List.of("true"), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad key; rm");
  }
}
