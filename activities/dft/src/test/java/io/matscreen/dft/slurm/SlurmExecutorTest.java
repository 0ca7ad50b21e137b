package io.matscreen.dft.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.JobStatus.State;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.job.DftRelaxation;
import io.matscreen.dft.qe.QePbeRelaxInputSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SlurmExecutor's own behaviour against the real single-node cluster of .ci/slurm-cluster.sh
 * (latency, crashes around sbatch, job arrays, quoting); what every executor does is in {@link
 * SlurmExecutorContractTest}.
 */
@ExtendWith(SlurmClusterExtension.class)
class SlurmExecutorTest {
  @TempDir Path tmp;

  /** Unique per test run: the cluster outlives test runs and job names are how jobs are found. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private SlurmExecutor executor(Path state) {
    return new SlurmExecutor(state, SlurmClusterExtension.slurmConf(), Map.of());
  }

  private DftJobSpec spec(String key, String script) throws Exception {
    Path dir = tmp.resolve("jobs").resolve(key);
    Files.createDirectories(dir);
    return DftJobSpec.of(key, dir, List.of("sh", "-c", script), Duration.ofMinutes(5));
  }

  private long jobsNamed(String name) {
    String out =
        new SlurmCommands(SlurmClusterExtension.slurmConf())
            .run(List.of("squeue", "-h", "-t", "all", "-n", name, "-o", "%i"))
            .stdout();
    return out.lines().filter(l -> !l.isBlank()).count();
  }

  @Test
  void completionIsNoticedWithinFiveSeconds() throws Exception {
    SlurmExecutor ex = executor(tmp.resolve("state"));
    DftJobSpec s = spec("lat-" + run, "echo hello from slurm");
    long t0 = System.nanoTime();
    JobHandle h = ex.submit(s);
    JobStatus st = DftRelaxation.await(ex, h, Duration.ofMillis(100));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("sbatch -> COMPLETED noticed after %.2f s (poll interval 0.1 s)%n", seconds);
    assertThat(st.state()).isEqualTo(State.COMPLETED);
    assertThat(seconds).isLessThan(5.0);
    assertThat(Files.readString(h.jobDir().resolve("job.out"))).isEqualTo("hello from slurm\n");
    // Terminal state is remembered, and still right when asked again later.
    assertThat(ex.poll(h).state()).isEqualTo(State.COMPLETED);
  }

  @Test
  void workerDyingRightAfterSbatchDoesNotDuplicateTheJob() throws Exception {
    Path state = tmp.resolve("state");
    DftJobSpec s = spec("crash-" + run, "sleep 2; echo once >> runs.txt");
    SlurmExecutor dying =
        new SlurmExecutor(state, SlurmClusterExtension.slurmConf(), Map.of()) {
          @Override
          protected void afterSbatch(String key, String schedulerId) {
            throw new IllegalStateException("worker killed after sbatch " + schedulerId);
          }
        };
    assertThatThrownBy(() -> dying.submit(s)).hasMessageContaining("worker killed");
    // The restarted worker has the intent record but no job id; it must find the job by name.
    SlurmExecutor restarted = executor(state);
    JobHandle h = restarted.submit(s);
    assertThat(jobsNamed(s.key())).isEqualTo(1);
    // A worker on another machine, with no records at all, finds it too.
    SlurmExecutor elsewhere = executor(tmp.resolve("other-state"));
    assertThat(elsewhere.find(s.key())).map(JobHandle::schedulerId).contains(h.schedulerId());
    assertThat(elsewhere.submit(s).schedulerId()).isEqualTo(h.schedulerId());
    assertThat(jobsNamed(s.key())).isEqualTo(1);
    assertThat(DftRelaxation.await(restarted, h, Duration.ofMillis(100)).state())
        .isEqualTo(State.COMPLETED);
    assertThat(Files.readAllLines(s.jobDir().resolve("runs.txt"))).containsExactly("once");
  }

  @Test
  void jobArrayRunsEachTaskInItsOwnDirectory() throws Exception {
    SlurmExecutor ex = executor(tmp.resolve("state"));
    List<DftJobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      specs.add(spec("arr-" + run + "-" + i, "echo task $SLURM_ARRAY_TASK_ID in $(basename $PWD)"));
    }
    List<JobHandle> hs = ex.submitArray("batch-" + run, specs);
    String base = hs.get(0).schedulerId().split("_")[0];
    assertThat(hs)
        .extracting(JobHandle::schedulerId)
        .containsExactly(base + "_0", base + "_1", base + "_2");
    assertThat(jobsNamed("batch-" + run)).isGreaterThanOrEqualTo(1);
    // Re-submitting the same array (a retried activity) returns the same handles.
    assertThat(ex.submitArray("batch-" + run, specs)).isEqualTo(hs);
    assertThat(ex.find(specs.get(2).key())).contains(hs.get(2));
    for (int i = 0; i < 3; i++) {
      assertThat(DftRelaxation.await(ex, hs.get(i), Duration.ofMillis(100)).state())
          .isEqualTo(State.COMPLETED);
      assertThat(Files.readString(specs.get(i).jobDir().resolve("job.out")))
          .isEqualTo("task " + i + " in arr-" + run + "-" + i + "\n");
    }
  }

  @Test
  void arraySubmissionSurvivesWorkerDeathBeforeAndAfterSbatch() throws Exception {
    Path state = tmp.resolve("state");
    List<DftJobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      specs.add(spec("arrc-" + run + "-" + i, "echo ok"));
    }
    String arrayKey = "arrc-" + run;
    // 1. The worker dies before sbatch reaches the scheduler: the next worker submits the array.
    SlurmCommands failingSbatch =
        new SlurmCommands(SlurmClusterExtension.slurmConf()) {
          @Override
          public Result run(List<String> argv) {
            if (argv.get(0).equals("sbatch")) {
              throw new IllegalStateException("worker killed before sbatch");
            }
            return super.run(argv);
          }
        };
    SlurmExecutor dyingEarly = new SlurmExecutor(state, failingSbatch, Map.of());
    assertThatThrownBy(() -> dyingEarly.submitArray(arrayKey, specs))
        .hasMessageContaining("before sbatch");
    assertThat(jobsNamed(arrayKey)).isZero();
    // 2. The next worker dies right after sbatch returned.
    SlurmExecutor dyingLate =
        new SlurmExecutor(state, SlurmClusterExtension.slurmConf(), Map.of()) {
          @Override
          protected void afterSbatch(String key, String schedulerId) {
            throw new IllegalStateException("worker killed after sbatch " + schedulerId);
          }
        };
    assertThatThrownBy(() -> dyingLate.submitArray(arrayKey, specs))
        .hasMessageContaining("after sbatch");
    // 3. A third worker finds the array by name and returns its tasks; still one array.
    List<JobHandle> hs = executor(state).submitArray(arrayKey, specs);
    String base = hs.get(0).schedulerId().split("_")[0];
    assertThat(hs).extracting(JobHandle::schedulerId).containsExactly(base + "_0", base + "_1");
    assertThat(
            new SlurmCommands(SlurmClusterExtension.slurmConf())
                .run(List.of("squeue", "-h", "-t", "all", "-n", arrayKey, "-o", "%F"))
                .stdout()
                .lines()
                .distinct()
                .count())
        .isEqualTo(1);
    for (JobHandle h : hs) {
      assertThat(DftRelaxation.await(executor(state), h, Duration.ofMillis(100)).state())
          .isEqualTo(State.COMPLETED);
    }
  }

  @Test
  void aWorkerWithoutTheRecordsReattachesToTheArrayByName() throws Exception {
    List<DftJobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      specs.add(spec("arro-" + run + "-" + i, "echo task $SLURM_ARRAY_TASK_ID >> runs.txt"));
    }
    String arrayKey = "arro-" + run;
    List<JobHandle> first = executor(tmp.resolve("state")).submitArray(arrayKey, specs);
    // Another machine (or a lost state directory): no records, same jobs, same array key.
    SlurmExecutor elsewhere = executor(tmp.resolve("other-state"));
    List<JobHandle> again = elsewhere.submitArray(arrayKey, specs);
    assertThat(again)
        .extracting(JobHandle::schedulerId)
        .isEqualTo(first.stream().map(JobHandle::schedulerId).toList());
    assertThat(elsewhere.find(specs.get(1).key()))
        .map(JobHandle::schedulerId)
        .contains(first.get(1).schedulerId());
    for (int i = 0; i < 2; i++) {
      assertThat(DftRelaxation.await(elsewhere, again.get(i), Duration.ofMillis(100)).state())
          .isEqualTo(State.COMPLETED);
      assertThat(Files.readAllLines(specs.get(i).jobDir().resolve("runs.txt")))
          .containsExactly("task " + i);
    }
  }

  @Test
  void injectionAttemptsAreRefusedOrQuoted() throws Exception {
    Path marker = tmp.resolve("pwned");
    assertThatThrownBy(
            () ->
                new SlurmExecutor(
                    tmp.resolve("s1"),
                    SlurmClusterExtension.slurmConf(),
                    Map.of("partition", "debug; touch " + marker)))
        .isInstanceOf(DftExecutorException.class)
        .hasMessageContaining("partition");
    SlurmExecutor ex = executor(tmp.resolve("state"));
    Path dir = tmp.resolve("inj");
    Files.createDirectories(dir);
    DftJobSpec badModule =
        new DftJobSpec(
            "inj1-" + run,
            dir,
            List.of("true"),
            Duration.ofMinutes(1),
            1,
            0,
            Map.of("modules", "qe/7.2 $(touch " + marker + ")"));
    assertThatThrownBy(() -> ex.submit(badModule))
        .isInstanceOf(DftExecutorException.class)
        .hasMessageContaining("modules");
    DftJobSpec badEnv =
        new DftJobSpec(
            "inj2-" + run,
            dir,
            List.of("true"),
            Duration.ofMinutes(1),
            1,
            0,
            Map.of("env.X;touch", "1"));
    assertThatThrownBy(() -> ex.submit(badEnv)).isInstanceOf(DftExecutorException.class);
    assertThatThrownBy(
            () ->
                ex.submit(
                    new DftJobSpec(
                        "inj3-" + run,
                        dir,
                        List.of("true"),
                        Duration.ofMinutes(1),
                        1,
                        0,
                        Map.of("account", "a'b"))))
        .isInstanceOf(DftExecutorException.class)
        .hasMessageContaining("account");
    // Values and arguments are quoted: they arrive literally and nothing is executed.
    String evil = "$(touch " + marker + "); `touch " + marker + "` ' \"; touch " + marker;
    DftJobSpec quoted =
        new DftJobSpec(
            "inj4-" + run,
            dir,
            List.of("printf", "%s|%s\\n", "$EVIL", evil),
            Duration.ofMinutes(1),
            1,
            0,
            Map.of("env.EVIL", evil));
    JobHandle h = ex.submit(quoted);
    assertThat(DftRelaxation.await(ex, h, Duration.ofMillis(100)).state())
        .isEqualTo(State.COMPLETED);
    assertThat(Files.readString(dir.resolve("job.out"))).isEqualTo("$EVIL|" + evil + "\n");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void slurmStateNamesAndTimeLimitsAreMapped() {
    // Job states on the cluster are checked by SlurmExecutorContractTest.
    assertThat(SlurmExecutor.mapState("CANCELLED by 0")).isEqualTo(State.CANCELLED);
    assertThat(SlurmExecutor.mapState("OUT_OF_MEMORY")).isEqualTo(State.OUT_OF_MEMORY);
    assertThat(SlurmExecutor.mapState("NODE_FAIL")).isEqualTo(State.NODE_FAIL);
    assertThat(SlurmExecutor.mapState("TIMEOUT")).isEqualTo(State.TIMEOUT);
    assertThat(SlurmExecutor.slurmTime(Duration.ofSeconds(90))).isEqualTo("00:02:00");
    assertThat(SlurmExecutor.slurmTime(Duration.ofHours(30))).isEqualTo("1-06:00:00");
  }

  @Test
  void realPwxScfThroughSlurm() throws Exception {
    QeTestSupport.assumePwx();
    DftResult r =
        DftRelaxation.run(
            new QePbeRelaxInputSet(),
            QeTestSupport.zincblende("Si", "Si", 5.47),
            tmp.resolve("si-" + run),
            Map.of(
                "calculation",
                "scf",
                "ecutwfc",
                "20",
                "ecutrho",
                "80",
                "kpoints",
                "2 2 2",
                "walltime",
                "120"),
            executor(tmp.resolve("state")),
            Duration.ofMillis(200));
    assertThat(r.successful()).isTrue();
    assertThat(r.nAtoms()).isEqualTo(2);
    assertThat(r.finalEnergyEv()).isNegative();
  }
}
