package io.matscreen.dft.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftExecutor;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.JobHandle;
import io.matscreen.dft.JobStatus;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.handlers.CorrectionPlan;
import io.matscreen.dft.local.LocalExecutor;
import io.matscreen.dft.qe.QeOutputParser;
import io.matscreen.dft.qe.QePbeRelaxInputSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pw.x runs that fail on purpose and are corrected by the standard handlers. Cheap settings
 * (20/80 Ry, 2x2x2 k-points) keep each run to a few seconds of CPU.
 */
class FaultInjectionTest {
  @TempDir Path tmp;

  private static final Map<String, String> CHEAP =
      Map.of("ecutwfc", "20", "ecutrho", "80", "kpoints", "2 2 2", "walltime", "300");

  @BeforeAll
  static void needPwx() {
    QeTestSupport.assumePwx();
  }

  @Test
  void scfThatDoesNotConvergeIsCorrectedAndFinishes() throws IOException {
    QePbeRelaxInputSet qe = new QePbeRelaxInputSet();
    Map<String, String> settings = new java.util.HashMap<>(CHEAP);
    // Two electronic iterations can never reach conv_thr: the first attempt must fail.
    settings.put("electron_maxstep", "2");
    try (LocalExecutor ex = new LocalExecutor(tmp.resolve("state"), 1)) {
      DftRelaxation.Outcome out =
          DftRelaxation.run(
              qe,
              QeTestSupport.zincblende("Si", "Si", 5.45),
              tmp.resolve("scf"),
              settings,
              ex,
              Duration.ofMillis(100),
              CorrectionPlan.standard(),
              "scf-fault");
      List<DftRelaxation.Attempt> attempts = out.attempts();
      assertThat(attempts).hasSize(2);
      assertThat(attempts.get(0).result().errorKind()).isEqualTo(DftErrorKind.SCF_NOT_CONVERGED);
      assertThat(attempts.get(0).status().state())
          .isEqualTo(JobStatus.State.FAILED); // pw.x exits 2
      assertThat(attempts.get(0).decision())
          .startsWith("RERUN")
          .contains("electron_maxstep=200", "mixing_beta=0.350");
      String secondInput = Files.readString(attempts.get(1).dir().resolve("pw.in"));
      assertThat(secondInput).contains("electron_maxstep = 200", "mixing_beta = 3.500000d-01");
      DftResult r = out.result();
      assertThat(r.successful()).isTrue();
      assertThat(r.electronicConverged()).isTrue();
      // The cheap 20 Ry basis (below the suggested 44 Ry) leaves Pulay stress: both fault tests end
      // at
      // a = 5.61 Angstrom, the minimum of this basis (5.47 at the default cutoffs).
      assertThat(QeTestSupport.fccCubicConstant(r.structure())).isCloseTo(5.612, within(0.02));
      assertThat(Files.readAllLines(tmp.resolve("scf/attempts.log"))).hasSize(2);
    }
  }

  @Test
  void jobKilledAtWalltimeRestartsFromItsLastGeometry() throws IOException {
    QePbeRelaxInputSet qe = new QePbeRelaxInputSet();
    // 7% compressed: pw.x needs about eight BFGS steps, so a kill after two leaves work to do.
    DftStructure start = QeTestSupport.zincblende("Si", "Si", 5.10);
    try (LocalExecutor local = new LocalExecutor(tmp.resolve("state"), 1)) {
      WalltimeAtStep ex = new WalltimeAtStep(local, 2);
      DftRelaxation.Outcome out =
          DftRelaxation.run(
              qe,
              start,
              tmp.resolve("wall"),
              CHEAP,
              ex,
              Duration.ofMillis(50),
              CorrectionPlan.standard(),
              "wall-fault");
      List<DftRelaxation.Attempt> attempts = out.attempts();
      assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
      DftRelaxation.Attempt first = attempts.get(0);
      assertThat(first.status().state()).isEqualTo(JobStatus.State.TIMEOUT);
      assertThat(first.result().errorKind()).isEqualTo(DftErrorKind.WALLTIME);
      assertThat(first.decision()).startsWith("RERUN").contains("restart from the last geometry");
      // The geometry recovered from the killed run is the last one pw.x printed, and it has moved
      // away from the start (the cell expanded towards a = 5.4 Angstrom).
      DftStructure recovered = first.result().structure();
      assertThat(QeTestSupport.fccCubicConstant(recovered)).isGreaterThan(5.10 + 0.02);
      DftStructure lastPrinted = lastGeometryIn(first.dir().resolve("job.out"));
      assertThat(recovered.latticeAngstrom()[0])
          .containsExactly(lastPrinted.latticeAngstrom()[0], within(1e-9));
      // The second attempt's input starts from exactly that geometry.
      DftStructure secondStart = inputGeometry(attempts.get(1).dir());
      for (int i = 0; i < 3; i++) {
        assertThat(secondStart.latticeAngstrom()[i])
            .containsExactly(recovered.latticeAngstrom()[i], within(1e-9));
      }
      DftResult r = out.result();
      assertThat(r.successful()).isTrue();
      assertThat(r.ionicConverged()).isTrue();
      // The cheap 20 Ry basis (below the suggested 44 Ry) leaves Pulay stress: both fault tests end
      // at
      // a = 5.61 Angstrom, the minimum of this basis (5.47 at the default cutoffs).
      assertThat(QeTestSupport.fccCubicConstant(r.structure())).isCloseTo(5.612, within(0.02));
    }
  }

  /** Geometry pw.x printed last in a stdout file. */
  private static DftStructure lastGeometryIn(Path jobOut) throws IOException {
    Path dir = Files.createTempDirectory("geom");
    Files.copy(jobOut, dir.resolve("job.out"));
    return new QeOutputParser().parse(dir).structure();
  }

  /** Geometry written into an attempt's pw.in. */
  private static DftStructure inputGeometry(Path attemptDir) throws IOException {
    Path dir = Files.createTempDirectory("input");
    Files.copy(attemptDir.resolve("pw.in"), dir.resolve("pw.in"));
    return new QeOutputParser().parse(dir).structure();
  }

  /**
   * Test executor that enforces a "walltime" at a deterministic point: once the first attempt's
   * pw.x has printed {@code steps} new geometries it kills the process tree (as Slurm does at the
   * time limit) and reports TIMEOUT. A real clock walltime would make the test depend on machine
   * load; LocalExecutorTest covers the clock-driven kill.
   */
  static final class WalltimeAtStep implements DftExecutor {
    private final LocalExecutor delegate;
    private final int steps;
    private final Set<String> killed = new HashSet<>();

    WalltimeAtStep(LocalExecutor delegate, int steps) {
      this.delegate = delegate;
      this.steps = steps;
    }

    @Override
    public JobHandle submit(DftJobSpec spec) {
      return delegate.submit(spec);
    }

    @Override
    public JobStatus poll(JobHandle h) {
      if (killed.contains(h.key())) {
        return new JobStatus(JobStatus.State.TIMEOUT, h.schedulerId(), "test time limit");
      }
      JobStatus st = delegate.poll(h);
      if (h.key().endsWith("-a1")
          && st.state() == JobStatus.State.RUNNING
          && geometries(h) >= steps) {
        ProcessHandle.of(Long.parseLong(h.schedulerId()))
            .ifPresent(
                p -> {
                  p.descendants().forEach(ProcessHandle::destroyForcibly);
                  p.destroyForcibly();
                  p.onExit().join();
                });
        killed.add(h.key());
        return poll(h);
      }
      return st;
    }

    private static long geometries(JobHandle h) {
      try {
        Path out = h.jobDir().resolve("job.out");
        return Files.exists(out)
            ? Files.readAllLines(out).stream().filter(l -> l.startsWith("ATOMIC_POSITIONS")).count()
            : 0;
      } catch (IOException e) {
        return 0;
      }
    }

    @Override
    public void cancel(JobHandle h) {
      delegate.cancel(h);
    }

    @Override
    public Optional<JobHandle> find(String key) {
      return delegate.find(key);
    }
  }
}
