package io.matscreen.dft.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftExecutorException;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.EnergyFingerprintInfo;
import io.matscreen.dft.InputSet;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.local.LocalExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies while its job runs, and a new worker that calls DftRelaxation.run again for
 * the same job directory: the running attempt is re-attached to, not written over or started twice.
 * A shell command stands in for the DFT code so that the timing is under the test's control.
 */
class DftRelaxationResumeTest {
  @TempDir Path tmp;

  /** Writes the atom count; the "code" sleeps, then prints an energy of -1 eV per atom. */
  static final class ShellInputSet implements InputSet {
    @Override
    public String name() {
      return "shell-test";
    }

    @Override
    public EnergyFingerprintInfo fingerprint() {
      return new EnergyFingerprintInfo("sh", "none", "none", "none");
    }

    @Override
    public void write(DftStructure s, Path jobDir, Map<String, String> settings) {
      try {
        Files.createDirectories(jobDir);
        Files.writeString(jobDir.resolve("natoms"), Integer.toString(s.nAtoms()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public List<String> command(Map<String, String> settings) {
      return List.of(
          "sh", "-c", "echo started >> ../runs.log; sleep 2; echo $(( -1 * $(cat natoms) ))");
    }

    @Override
    public DftOutputParser parser() {
      return dir -> {
        try {
          String out = Files.readString(dir.resolve(DftJobSpec.STDOUT_FILE)).trim();
          int n = Integer.parseInt(Files.readString(dir.resolve("natoms")).trim());
          return new DftResult(
              "sh",
              DftErrorKind.NONE,
              "",
              Double.parseDouble(out),
              n,
              null,
              null,
              null,
              true,
              true,
              1,
              Double.NaN,
              List.of());
        } catch (IOException | NumberFormatException e) {
          return new DftResult(
              "sh",
              DftErrorKind.CORRUPT_OUTPUT,
              e.toString(),
              Double.NaN,
              0,
              null,
              null,
              null,
              false,
              false,
              0,
              Double.NaN,
              List.of());
        }
      };
    }
  }

  @Test
  void restartedWorkerReattachesInsteadOfResubmitting() throws Exception {
    DftStructure s = QeTestSupport.zincblende("Si", "Si", 5.47);
    Path jobDir = tmp.resolve("job");
    Path state = tmp.resolve("state");
    InputSet set = new ShellInputSet();
    AtomicReference<Throwable> died = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try (LocalExecutor ex = new LocalExecutor(state, 1)) {
                DftRelaxation.run(
                    set, s, jobDir, Map.of("walltime", "60"), ex, Duration.ofMillis(50));
              } catch (Throwable t) {
                died.set(t);
              }
            });
    worker.start();
    Path runs = jobDir.resolve("runs.log");
    for (int i = 0; i < 200 && !Files.exists(runs); i++) {
      Thread.sleep(25);
    }
    assertThat(runs).exists();
    worker.interrupt(); // the worker dies while the job runs
    worker.join();
    assertThat(died.get())
        .isInstanceOf(DftExecutorException.class)
        .hasMessageContaining("interrupted");

    try (LocalExecutor ex2 = new LocalExecutor(state, 1)) {
      DftResult r =
          DftRelaxation.run(set, s, jobDir, Map.of("walltime", "60"), ex2, Duration.ofMillis(50));
      assertThat(r.successful()).isTrue();
      assertThat(r.finalEnergyEv()).isEqualTo(-2.0);
    }
    assertThat(Files.readAllLines(runs)).containsExactly("started");
    assertThat(Files.readAllLines(jobDir.resolve("attempts.log"))).hasSize(1);
  }
}
