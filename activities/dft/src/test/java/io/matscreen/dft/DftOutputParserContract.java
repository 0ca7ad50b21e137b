package io.matscreen.dft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DftOutputParser} must do with real outputs of its code: a finished run gives
 * its energy per atom and final structure; a truncated or corrupt output, a non-converged SCF and
 * an empty output file each come back as their error kind (never a number read from a broken file),
 * the empty one naming the file; a missing job directory throws {@link DftOutputException} naming
 * it. Subclasses provide the fixtures and the reference values read off them.
 */
public abstract class DftOutputParserContract {
  @TempDir protected Path tmp;

  /** The parser under test. */
  protected abstract DftOutputParser parser();

  /** A job directory of a finished, converged relaxation. */
  protected abstract Path finishedRun() throws Exception;

  /** The code's final energy of {@link #finishedRun()} in eV/atom, as printed in its output. */
  protected abstract double finishedEnergyPerAtomEv();

  /** Number of atoms in the cell of {@link #finishedRun()}. */
  protected abstract int finishedAtoms();

  /** First lattice row of the final structure of {@link #finishedRun()}, Angstrom. */
  protected abstract double[] finishedFirstLatticeRowAngstrom();

  /** A copy of a finished run whose main output is cut off part-way, in {@code dir}. */
  protected abstract Path truncatedRun(Path dir) throws Exception;

  /** A job directory of a run whose SCF did not converge. */
  protected abstract Path scfNotConvergedRun() throws Exception;

  /** Name of the main output file the parser reads (job.out for pw.x, vasprun.xml for VASP). */
  protected abstract String mainOutputFile();

  /** Anything besides the main output that an empty job directory needs (an input file). */
  protected void addInputs(Path dir) throws Exception {}

  @Test
  void finishedRunGivesEnergyPerAtomAndFinalStructure() throws Exception {
    DftResult r = parser().parse(finishedRun());
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.NONE);
    assertThat(r.successful()).isTrue();
    assertThat(r.energyPerAtomEv()).isCloseTo(finishedEnergyPerAtomEv(), within(1e-6));
    assertThat(r.nAtoms()).isEqualTo(finishedAtoms());
    assertThat(r.structure().nAtoms()).isEqualTo(finishedAtoms());
    assertThat(r.structure().latticeAngstrom()[0])
        .containsExactly(finishedFirstLatticeRowAngstrom(), within(1e-6));
  }

  @Test
  void truncatedOutputIsCorruptWithoutAnEnergy() throws Exception {
    Path dir = tmp.resolve("truncated");
    Files.createDirectories(dir);
    DftResult r = parser().parse(truncatedRun(dir));
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.successful()).isFalse();
    assertThat(r.finalEnergyEv()).isNaN();
    assertThat(r.errorDetail()).isNotBlank();
  }

  @Test
  void scfNotConvergedIsItsOwnErrorKind() throws Exception {
    DftResult r = parser().parse(scfNotConvergedRun());
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.SCF_NOT_CONVERGED);
    assertThat(r.successful()).isFalse();
    assertThat(r.finalEnergyEv()).isNaN();
    assertThat(r.electronicConverged()).isFalse();
  }

  @Test
  void emptyOutputFileIsCorruptAndNamed() throws Exception {
    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir);
    addInputs(dir);
    Files.writeString(dir.resolve(mainOutputFile()), "");
    DftResult r = parser().parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.finalEnergyEv()).isNaN();
    assertThat(r.errorDetail()).contains(mainOutputFile());
  }

  @Test
  void missingJobDirectoryThrowsNamingIt() {
    Path missing = tmp.resolve("no-such-job");
    assertThatThrownBy(() -> parser().parse(missing))
        .isInstanceOf(DftOutputException.class)
        .hasMessageContaining(missing.toString());
  }
}
