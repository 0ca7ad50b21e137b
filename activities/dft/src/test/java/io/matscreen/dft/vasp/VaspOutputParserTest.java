package io.matscreen.dft.vasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.handlers.Correction;
import io.matscreen.dft.handlers.DftJobContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real VASP outputs from ../shared/fixtures/vasp. Reference values are read off the files
 * themselves (OUTCAR's energy(sigma->0) line, vasprun.xml's varrays, OSZICAR) as quoted.
 */
class VaspOutputParserTest {
  @TempDir Path tmp;

  private final VaspOutputParser parser = new VaspOutputParser();

  @Test
  void finishedSiliconRelaxation() {
    DftResult r = parser.parse(VaspFixtures.dir().resolve("io"));
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.NONE);
    // OUTCAR, last step: "energy(sigma->0) = -10.84147246"
    assertThat(r.finalEnergyEv()).isCloseTo(-10.84147246, within(1e-8));
    assertThat(r.energyPerAtomEv()).isCloseTo(-5.42073623, within(1e-8));
    assertThat(r.nAtoms()).isEqualTo(2);
    assertThat(r.ionicSteps()).isEqualTo(3);
    assertThat(r.electronicConverged()).isTrue();
    assertThat(r.ionicConverged()).isTrue();
    // finalpos basis row 1: -0.00000000 2.73487846 2.73487846
    assertThat(r.structure().latticeAngstrom()[0])
        .containsExactly(new double[] {0, 2.73487846, 2.73487846}, within(1e-8));
    assertThat(r.structure().species()).containsExactly("Si", "Si");
    // OUTCAR "Elapsed time (sec): 18.865"
    assertThat(r.wallTimeSeconds()).isCloseTo(18.865, within(1e-9));
    assertThat(r.maxForceEvPerAngstrom()).isLessThan(1e-6);
  }

  @Test
  void largeResidualForceIsNotARelaxedStructure() {
    DftResult r = parser.parse(VaspFixtures.dir().resolve("max_force"));
    // VASP stopped on EDIFFG = 0.06 (energy) after 3 steps with forces of ~0.72 eV/A left.
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.IONIC_NOT_CONVERGED);
    assertThat(r.errorDetail()).contains("max force");
    assertThat(r.ionicSteps()).isEqualTo(3);
    assertThat(r.nAtoms()).isEqualTo(120);
    // forces varray of the last step, first atom: -0.39374037 -0.52568855 0.28653496 (eV/A)
    assertThat(r.forcesEvPerAngstrom()[0])
        .containsExactly(new double[] {-0.39374037, -0.52568855, 0.28653496}, within(1e-8));
    assertThat(r.maxForceEvPerAngstrom()).isGreaterThan(0.25);
    // The calculation-level e_0_energy is written as -0.0; the last SCF step gives -469.03407561.
    assertThat(r.finalEnergyEv()).isCloseTo(-469.03407561, within(1e-8));
    assertThat(r.structure().species().subList(0, 16)).containsOnly("Sb");
    assertThat(new VaspOutputParser(1.0).parse(VaspFixtures.dir().resolve("max_force")).errorKind())
        .isEqualTo(DftErrorKind.NONE);
  }

  @Test
  void fermiSmearingZeroEnergyBugIsWorkedAround() {
    Path dir = VaspFixtures.dir().resolve("fermi_smearing");
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.NONE);
    // ISMEAR = -1 run: e_0_energy of the last ionic step is 0.00000000; last SCF step says
    // -3.74599651.
    assertThat(r.finalEnergyEv()).isCloseTo(-3.74599651, within(1e-8));
    assertThat(r.nAtoms()).isEqualTo(1);
    // <i name="efermi"> 8.08747822
    assertThat(VaspOutputParser.fermiEnergyEv(dir)).isCloseTo(8.08747822, within(1e-8));
    // stress varray, first row: -1.29096679 kB
    assertThat(r.stressKbar()[0][0]).isCloseTo(-1.29096679, within(1e-8));
  }

  @Test
  void unconvergedElectronicStepsFromOszicar() {
    DftResult r = parser.parse(VaspFixtures.dir().resolve("nonconv"));
    // INCAR NELM = 10; OSZICAR's 4th ionic step used RMM steps up to 10.
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.SCF_NOT_CONVERGED);
    assertThat(r.finalEnergyEv()).isNaN();
    assertThat(r.ionicSteps()).isEqualTo(4);
    // CONTCAR: Si2, first lattice row 3.5955661429273054 0 2.0759013720700468
    assertThat(r.structure().latticeAngstrom()[0][0]).isCloseTo(3.5955661429273054, within(1e-12));
    assertThat(r.structure().nAtoms()).isEqualTo(2);
  }

  @Test
  void truncatedVasprunIsCorrupt() throws Exception {
    String xml;
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(VaspFixtures.dir().resolve("io/vasprun.xml.gz")))) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    Path dir = tmp.resolve("trunc");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("vasprun.xml"), xml.substring(0, xml.length() * 2 / 3));
    DftResult r = parser.parse(dir);
    assertThat(r.errorKind()).isEqualTo(DftErrorKind.CORRUPT_OUTPUT);
    assertThat(r.finalEnergyEv()).isNaN();
  }

  @Test
  void everyLogInTheFixturesIsRecognised() throws Exception {
    Map<String, VaspError> expected = new LinkedHashMap<>();
    expected.put("algo_tet", VaspError.TET);
    expected.put("brions", VaspError.BRIONS);
    expected.put("brmix", VaspError.BRMIX);
    expected.put("dentet", VaspError.DENTET);
    expected.put("edddav", VaspError.EDDDAV);
    expected.put("eddiag", VaspError.EDDIAG);
    expected.put("eddrmm", VaspError.EDDRMM);
    expected.put("ibzkpt", VaspError.IBZKPT);
    expected.put("nbands_not_sufficient", VaspError.NBANDS);
    expected.put("nicht_konvergent", VaspError.SBESSELITER);
    expected.put("point_group", VaspError.POINT_GROUP);
    expected.put("posmap", VaspError.POSMAP);
    expected.put("pricelv", VaspError.PRICEL);
    expected.put("read_error", VaspError.READ_ERROR);
    expected.put("real_optlay", VaspError.REAL_OPTLAY);
    expected.put("rhosyg", VaspError.RHOSYG);
    expected.put("sgrcon", VaspError.SGRCON);
    expected.put("subspace", VaspError.SUBSPACE);
    expected.put("too_few_bands_round_error", VaspError.TOO_FEW_BANDS);
    expected.put("zbrent", VaspError.ZBRENT);
    Path logs = VaspFixtures.dir().resolve("logs");
    try (var files = Files.list(logs)) {
      assertThat(files.count()).isEqualTo(expected.size());
    }
    for (var e : expected.entrySet()) {
      Path dir = tmp.resolve(e.getKey());
      Files.createDirectories(dir);
      Files.copy(logs.resolve("vasp." + e.getKey()), dir.resolve("job.out"));
      DftResult r = parser.parse(dir);
      List<VaspError> found = r.codeErrors(VaspError.class);
      assertThat(r.codeErrors()).as(e.getKey()).isEqualTo(found);
      assertThat(r.errorDetail()).as(e.getKey()).contains(e.getValue().id());
      assertThat(found).as(e.getKey()).contains(e.getValue());
      assertThat(r.errorKind()).as(e.getKey()).isEqualTo(found.get(0).kind());
      assertThat(r.successful()).isFalse();
    }
  }

  @Test
  void handlerCorrectsIncarForRecognisedErrors() throws Exception {
    VaspErrorHandler h = new VaspErrorHandler(5);
    Map<String, Map<String, String>> expected =
        Map.of(
            "edddav", Map.of("incar.ALGO", "All"),
            "eddrmm", Map.of("incar.ALGO", "Normal"),
            "subspace", Map.of("incar.LREAL", "False"),
            "rhosyg", Map.of("incar.SYMPREC", "1e-4"),
            "brmix", Map.of("incar.AMIX", "0.1", "incar.BMIX", "0.01", "incar.ICHARG", "2"));
    for (var e : expected.entrySet()) {
      Path dir = tmp.resolve("h-" + e.getKey());
      Files.createDirectories(dir);
      Files.copy(VaspFixtures.dir().resolve("logs/vasp." + e.getKey()), dir.resolve("job.out"));
      DftResult r = parser.parse(dir);
      Correction c = h.correct(new DftJobContext(r, null, Map.of(), 1, Map.of()));
      assertThat(c.action()).as(e.getKey()).isEqualTo(Correction.Action.RERUN);
      assertThat(c.settingChanges()).as(e.getKey()).containsAllEntriesOf(e.getValue());
    }
    Path dir = tmp.resolve("h-read");
    Files.createDirectories(dir);
    Files.copy(VaspFixtures.dir().resolve("logs/vasp.read_error"), dir.resolve("job.out"));
    Correction c = h.correct(new DftJobContext(parser.parse(dir), null, Map.of(), 1, Map.of()));
    assertThat(c.action()).isEqualTo(Correction.Action.GIVE_UP);
    // Plain NELM exhaustion (nonconv): ALGO Fast -> Normal with more steps.
    DftResult nonconv = parser.parse(VaspFixtures.dir().resolve("nonconv"));
    Correction n = h.correct(new DftJobContext(nonconv, null, Map.of(), 1, Map.of()));
    assertThat(n.settingChanges())
        .containsEntry("incar.ALGO", "Normal")
        .containsEntry("incar.NELM", "200");
  }
}
