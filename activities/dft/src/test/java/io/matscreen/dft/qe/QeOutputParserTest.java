package io.matscreen.dft.qe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftOutputException;
import io.matscreen.dft.DftResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses recorded pw.x 6.7 runs (made by this project: resources si-vcrelax, a Si vc-relax from a
 * compressed, distorted cell at 30/120 Ry and 3x3x3 k-points; si-scf-not-converged, the same input
 * with electron_maxstep = 2; si-nstep-reached, nstep = 2) and damaged copies of them. Reference
 * values are the numbers pw.x printed in job.out.
 */
class QeOutputParserTest {
  @TempDir Path tmp;

  private final QeOutputParser parser = new QeOutputParser();

  @Test
  void finishedVcRelaxGivesFinalEnergyStructureForcesStress() throws Exception {
    DftResult r = parser.parse(copy("si-vcrelax"));
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.NONE);
    assertThat(r.successful()).isTrue();
    // "!    total energy = -20.39407947 Ry" (final SCF after the basis reset)
    assertThat(r.finalEnergyEv()).isCloseTo(-20.39407947 * QeOutputParser.EV_PER_RY, within(1e-6));
    assertThat(r.energyPerAtomEv())
        .isCloseTo(-20.39407947 * QeOutputParser.EV_PER_RY / 2, within(1e-6));
    assertThat(r.nAtoms()).isEqualTo(2);
    assertThat(r.ionicSteps()).isEqualTo(7);
    assertThat(r.electronicConverged()).isTrue();
    assertThat(r.ionicConverged()).isTrue();
    // "Begin final coordinates": CELL_PARAMETERS (angstrom) and ATOMIC_POSITIONS (crystal)
    double[][] lat = r.structure().latticeAngstrom();
    assertThat(lat[0])
        .containsExactly(new double[] {-0.005836861, 2.750972107, 2.750972107}, within(2e-6));
    assertThat(lat[2])
        .containsExactly(new double[] {2.748531627, 2.749414343, -0.004282256}, within(2e-6));
    assertThat(r.structure().fractional().get(1))
        .containsExactly(new double[] {0.2556760201, 0.2502106370, 0.2502106370}, within(1e-6));
    assertThat(r.structure().species()).containsExactly("Si", "Si");
    // "atom 1 type 1 force = -0.00000533 0.00035694 0.00035694" (Ry/bohr)
    double c = QeOutputParser.EV_PER_RY / QeOutputParser.ANGSTROM_PER_BOHR;
    assertThat(r.forcesEvPerAngstrom()[0])
        .containsExactly(
            new double[] {-0.00000533 * c, 0.00035694 * c, 0.00035694 * c}, within(1e-6));
    // total stress (kbar) row 1: -0.36 0.20 0.20; P = -0.39
    assertThat(r.stressKbar()[0]).containsExactly(new double[] {-0.36, 0.20, 0.20}, within(0.006));
    assertThat(r.pressureKbar()).isCloseTo(-0.39, within(0.006));
    // "PWSCF : 11.68s CPU 23.90s WALL"; the XML has the unrounded 23.8837 s
    assertThat(r.wallTimeSeconds()).isCloseTo(23.88, within(0.01));
  }

  @Test
  void scfNotConvergedIsClassifiedAndHasNoEnergy() throws Exception {
    DftResult r = parser.parse(copy("si-scf-not-converged"));
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.SCF_NOT_CONVERGED);
    assertThat(r.errorDetail()).contains("convergence NOT achieved after   2 iterations");
    assertThat(r.finalEnergyEv()).isNaN();
    assertThat(r.successful()).isFalse();
    // Nothing moved yet, so the last geometry is the input one (from pw.in).
    assertThat(r.structure().fractional().get(1))
        .containsExactly(new double[] {0.26, 0.25, 0.25}, within(1e-12));
  }

  @Test
  void nstepReachedIsIonicNotConvergedWithTheLastGeometry() throws Exception {
    // si-nstep-reached: same cell, 20/80 Ry, 2x2x2 k-points, nstep = 2; pw.x exits 3 after
    // "The maximum number of steps has been reached."
    DftResult r = parser.parse(copy("si-nstep-reached"));
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.IONIC_NOT_CONVERGED);
    assertThat(r.successful()).isFalse();
    assertThat(r.electronicConverged()).isTrue();
    assertThat(r.ionicConverged()).isFalse();
    assertThat(r.ionicSteps()).isEqualTo(2);
    // last "!    total energy = -20.25132465 Ry"
    assertThat(r.finalEnergyEv()).isCloseTo(-20.25132465 * QeOutputParser.EV_PER_RY, within(1e-6));
    // The geometry pw.x would have continued from (last CELL_PARAMETERS / ATOMIC_POSITIONS
    // printed).
    assertThat(r.structure().latticeAngstrom()[0])
        .containsExactly(new double[] {-0.012686937, 2.795102933, 2.795102933}, within(2e-6));
    assertThat(r.structure().fractional().get(0))
        .containsExactly(new double[] {0.0032617343, -0.0006539499, -0.0006539499}, within(1e-6));
  }

  @Test
  void truncatedStdoutIsCorruptAndKeepsTheLastGeometry() throws Exception {
    Path dir = copy("si-vcrelax");
    truncate(dir.resolve("job.out"), 700);
    deleteTree(dir.resolve("out"));
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.errorDetail()).contains("truncated");
    assertThat(r.finalEnergyEv()).isNaN();
    // Geometry printed after the third BFGS step (job.out lines 616-623)
    assertThat(r.structure().latticeAngstrom()[0])
        .containsExactly(new double[] {-0.009631110, 2.750539952, 2.750539952}, within(1e-9));
    assertThat(r.structure().fractional().get(0))
        .containsExactly(new double[] {0.0042131281, -0.0002213966, -0.0002213966}, within(1e-10));
    assertThat(r.ionicSteps()).isEqualTo(3);
  }

  @Test
  void qeMaxSecondsStopIsWalltime() throws Exception {
    Path dir = copy("si-vcrelax");
    truncate(dir.resolve("job.out"), 700);
    Files.writeString(
        dir.resolve("job.out"), "\n     Maximum CPU time exceeded\n", StandardOpenOption.APPEND);
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.WALLTIME);
    assertThat(r.structure().fractional().get(0)[0]).isCloseTo(0.0042131281, within(1e-10));
  }

  @Test
  void slurmTimeLimitAndNodeFailureInStderrAreClassified() throws Exception {
    Path dir = copy("si-vcrelax");
    truncate(dir.resolve("job.out"), 700);
    Files.writeString(
        dir.resolve("job.err"),
        "slurmstepd: error: *** JOB 17 ON node1 CANCELLED AT 2026-11-22T03:00:00 DUE TO TIME LIMIT ***\n");
    assertThat(parser.parse(dir).errorKind()).isEqualTo(DftErrorKind.WALLTIME);
    Files.writeString(
        dir.resolve("job.err"),
        "slurmstepd: error: *** JOB 17 ON node1 CANCELLED AT 2026-11-22T03:00:00 DUE TO NODE FAILURE ***\n");
    assertThat(parser.parse(dir).errorKind()).isEqualTo(DftErrorKind.NODE_FAILURE);
    Files.writeString(
        dir.resolve("job.err"),
        "slurmstepd: error: Detected 1 oom-kill event(s) in StepId=17.batch. Some of your processes may have been killed by the cgroup out-of-memory handler.\n");
    assertThat(parser.parse(dir).errorKind()).isEqualTo(DftErrorKind.OUT_OF_MEMORY);
  }

  @Test
  void truncatedXmlIsCorruptNotMisread() throws Exception {
    Path dir = copy("si-vcrelax");
    Path xml = dir.resolve("out/pwscf.save/data-file-schema.xml");
    String text = Files.readString(xml);
    Files.writeString(xml, text.substring(0, text.length() / 2));
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.finalEnergyEv()).isNaN();
  }

  @Test
  void xmlFromAnotherRunIsDetected() throws Exception {
    Path dir = copy("si-vcrelax");
    Path xml = dir.resolve("out/pwscf.save/data-file-schema.xml");
    String text = Files.readString(xml);
    // Change the final total energy by 1 mRy (the stdout still says -20.39407947 Ry).
    String marker = "<etot>";
    int at = text.lastIndexOf(marker) + marker.length();
    int end = text.indexOf('<', at);
    double etot = Double.parseDouble(text.substring(at, end));
    Files.writeString(xml, text.substring(0, at) + (etot + 0.0005) + text.substring(end));
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.errorDetail()).contains("disagrees");
  }

  @Test
  void emptyJobDirectoryIsCorruptWithInputGeometry() throws Exception {
    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir);
    Files.copy(resource("si-vcrelax").resolve("pw.in"), dir.resolve("pw.in"));
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.structure().nAtoms()).isEqualTo(2);
    assertThat(r.structure().latticeAngstrom()[0][1]).isEqualTo(2.68);
  }

  @Test
  void missingDirectoryThrows() {
    assertThatThrownBy(() -> parser.parse(tmp.resolve("nope")))
        .isInstanceOf(DftOutputException.class)
        .hasMessageContaining("nope");
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(
            QeOutputParserTest.class.getResource("/io/matscreen/dft/qe/" + name + "/pw.in").toURI())
        .getParent();
  }

  private Path copy(String name) throws Exception {
    Path src = resource(name);
    Path dst = tmp.resolve(name);
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  private static void truncate(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file);
    Files.write(file, all.subList(0, lines));
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
