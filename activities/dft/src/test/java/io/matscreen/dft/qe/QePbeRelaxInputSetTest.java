package io.matscreen.dft.qe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.KpointGrid;
import io.matscreen.dft.QeTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input generation against Debian's quantum-espresso-data directory; cutoff references are the
 * "Suggested minimum cutoff" lines of those UPF files.
 */
class QePbeRelaxInputSetTest {
  @TempDir Path tmp;

  private final QePbeRelaxInputSet qe = new QePbeRelaxInputSet();

  @BeforeAll
  static void needPseudos() {
    assumeTrue(
        Files.isDirectory(PseudopotentialLibrary.DEBIAN_PSEUDO_DIR),
        "quantum-espresso-data not installed");
  }

  @Test
  void choosesPslibraryPbeFilesPerElement() {
    var pps = qe.pseudopotentials(List.of("Si", "C", "Ge", "B", "N"), Map.of());
    assertThat(pps.get("Si").fileName()).isEqualTo("Si.pbe-nl-rrkjus_psl.1.0.0.UPF");
    assertThat(pps.get("C").fileName()).isEqualTo("C.pbe-n-kjpaw_psl.0.1.UPF");
    assertThat(pps.get("Ge").fileName()).isEqualTo("Ge.pbe-kjpaw.UPF");
    assertThat(pps.get("B").fileName()).isEqualTo("B.pbe-n-kjpaw_psl.1.0.0.UPF");
    assertThat(pps.get("N").fileName()).isEqualTo("N.pbe-n-kjpaw_psl.1.0.0.UPF");
  }

  @Test
  void refusesElementsWithoutAPbePotential() {
    // Debian ships only an LDA (pz) potential for Al and none at all for Na.
    assertThatThrownBy(() -> qe.pseudopotentials(List.of("Al"), Map.of()))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("no PBE pseudopotential for element Al")
        .hasMessageContaining("Al.pz-vbc.UPF");
    assertThatThrownBy(() -> qe.pseudopotentials(List.of("Na"), Map.of()))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("element Na");
  }

  @Test
  void cutoffsAreTheLargestSuggestedMinima() {
    // Si psl 1.0.0: 44 / 175 Ry; C psl 0.1: 37 / 147 Ry; B, N psl 1.0.0: 43-44 / 325 and 320 Ry.
    assertThat(qe.defaultCutoffsRy(List.of("Si", "C"), Map.of())).containsExactly(44, 176);
    assertThat(qe.defaultCutoffsRy(List.of("Ge", "C"), Map.of())).containsExactly(37, 148);
    assertThat(qe.defaultCutoffsRy(List.of("B", "N"), Map.of())).containsExactly(44, 325);
  }

  @Test
  void writesAVcRelaxInputWithSmearingAndDensityKpoints() throws Exception {
    DftStructure sic = QeTestSupport.zincblende("Si", "C", 4.38);
    qe.write(sic, tmp.resolve("job"), Map.of("cell_dofree", "ibrav"));
    String in = Files.readString(tmp.resolve("job/pw.in"));
    assertThat(in)
        .contains(
            "calculation = 'vc-relax'",
            "ecutwfc = 44.0",
            "ecutrho = 176.0",
            "occupations = 'smearing'",
            "smearing = 'mv'",
            "cell_dofree = 'ibrav'",
            "tstress = .true.",
            "Si.pbe-nl-rrkjus_psl.1.0.0.UPF",
            "C.pbe-n-kjpaw_psl.0.1.UPF",
            "ATOMIC_POSITIONS crystal");
    // |b| = 2 pi sqrt(3) / 4.38 = 2.485 / Angstrom; 2.5 per 1/Angstrom -> ceil(6.21) = 7
    assertThat(in).contains("K_POINTS automatic\n  7 7 7 0 0 0");
    assertThat(KpointGrid.fromDensity(QeTestSupport.zincblende("Si", "Si", 5.47), 2.5))
        .containsExactly(5, 5, 5);
  }

  @Test
  void cutoffElementsGiveOneBasisForAChemicalSystem() {
    DftStructure c = QeTestSupport.zincblende("C", "C", 3.57);
    String alone = qe.inputText(c, Map.of());
    String inSystem = qe.inputText(c, Map.of("cutoff_elements", "Si,C"));
    assertThat(alone).contains("ecutwfc = 37.0");
    assertThat(inSystem).contains("ecutwfc = 44.0", "ecutrho = 176.0");
    assertThatThrownBy(() -> qe.inputText(c, Map.of("cutoff_elements", "Si")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("does not include C");
  }

  @Test
  void executorSettingsPassThroughWithoutReachingTheInput() {
    DftStructure si = QeTestSupport.zincblende("Si", "Si", 5.47);
    String plain = qe.inputText(si, Map.of());
    // work_dir once made every job that set it fail as an unknown QE setting.
    String withExecutorKeys =
        qe.inputText(si, Map.of("work_dir", tmp.toString(), "walltime", "900", "cpus", "2"));
    assertThat(withExecutorKeys).isEqualTo(plain).doesNotContain(tmp.toString());
  }

  @Test
  void badSettingsAreRefusedWithTheirName() {
    DftStructure si = QeTestSupport.zincblende("Si", "Si", 5.47);
    assertThatThrownBy(() -> qe.inputText(si, Map.of("ecutwfcc", "40")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("unknown setting 'ecutwfcc'");
    assertThatThrownBy(() -> qe.inputText(si, Map.of("mixing_beta", "abc")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("mixing_beta='abc'");
    assertThatThrownBy(() -> qe.inputText(si, Map.of("diagonalization", "david'\n/ &foo")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("diagonalization");
    assertThatThrownBy(() -> qe.inputText(si, Map.of("cell_dofree", "everything")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("cell_dofree");
    assertThatThrownBy(() -> qe.inputText(si, Map.of("pw_command", "pw.x; rm -rf /")))
        .isInstanceOf(DftInputException.class);
    assertThatThrownBy(() -> qe.command(Map.of("pw_command", "pw.x; rm -rf /")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("pw_command");
  }

  @Test
  void commandWithLauncher() {
    assertThat(qe.command(Map.of())).containsExactly("pw.x", "-in", "pw.in");
    assertThat(qe.command(Map.of("launcher", "mpirun -np 4", "pw_command", "/opt/qe/bin/pw.x")))
        .containsExactly("mpirun", "-np", "4", "/opt/qe/bin/pw.x", "-in", "pw.in");
    assertThatThrownBy(() -> qe.command(Map.of("launcher", "srun; rm -rf ~")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("launcher");
  }

  @Test
  void settingsOverrideDefaults() {
    DftStructure si = QeTestSupport.zincblende("Si", "Si", 5.47);
    String in =
        qe.inputText(
            si,
            Map.of(
                "ecutwfc",
                "30",
                "kpoints",
                "3 3 3",
                "calculation",
                "scf",
                "occupations",
                "fixed",
                "electron_maxstep",
                "7",
                "walltime",
                "600"));
    assertThat(in)
        .contains(
            "ecutwfc = 30.0",
            "ecutrho = 176.0",
            "K_POINTS automatic\n  3 3 3 0 0 0",
            "calculation = 'scf'",
            "occupations = 'fixed'",
            "electron_maxstep = 7");
    assertThat(in).doesNotContain("&CELL", "&IONS", "smearing");
  }
}
