package io.matscreen.dft.vasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftStructure;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INCAR/KPOINTS/POSCAR/POTCAR generation; compared with the MP-style Si run in fixtures/vasp/io.
 */
class VaspMpRelaxInputSetTest {
  @TempDir Path tmp;

  private final VaspMpRelaxInputSet vasp = new VaspMpRelaxInputSet();

  private static DftStructure siIo() {
    // fixtures/vasp/io vasprun.xml "initialpos"
    return new DftStructure(
        new double[][] {{0, 2.75, 2.75}, {2.75, 0, 2.75}, {2.75, 2.75, 0}},
        List.of("Si", "Si"),
        List.of(new double[] {0.125, 0.125, 0.125}, new double[] {0.875, 0.875, 0.875}));
  }

  @Test
  void siliconInputsMatchTheMpStyleFixtureRun() throws Exception {
    String xml;
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(VaspFixtures.dir().resolve("io/vasprun.xml.gz")))) {
      xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    String incarBlock = xml.substring(xml.indexOf("<incar>"), xml.indexOf("</incar>"));
    Map<String, String> fixture = new LinkedHashMap<>();
    Matcher m = Pattern.compile("name=\"(\\w+)\">\\s*([^<]+?)\\s*</[iv]>").matcher(incarBlock);
    while (m.find()) {
      fixture.put(m.group(1), m.group(2).trim());
    }
    Map<String, String> ours = new LinkedHashMap<>();
    for (String line : vasp.incar(siIo(), Map.of()).split("\n")) {
      String[] kv = line.split(" = ", 2);
      ours.put(kv[0], kv[1]);
    }
    assertThat(ours.get("PREC")).isEqualTo(fixture.get("PREC"));
    assertThat(ours.get("ALGO")).isEqualTo(fixture.get("ALGO"));
    assertThat(ours.get("ISPIN")).isEqualTo(fixture.get("ISPIN"));
    assertThat(ours.get("NELM")).isEqualTo(fixture.get("NELM"));
    assertThat(ours.get("IBRION")).isEqualTo(fixture.get("IBRION"));
    assertThat(ours.get("NSW")).isEqualTo(fixture.get("NSW"));
    assertThat(ours.get("ISIF")).isEqualTo(fixture.get("ISIF"));
    assertThat(ours.get("LREAL")).isEqualTo(fixture.get("LREAL"));
    assertThat(ours.get("LORBIT")).isEqualTo(fixture.get("LORBIT"));
    assertThat(Double.parseDouble(ours.get("ENCUT")))
        .isEqualTo(Double.parseDouble(fixture.get("ENCUT")));
    // EDIFF 5e-5 per atom x 2 atoms = 1e-4, as in the fixture (0.00010000).
    assertThat(Double.parseDouble(ours.get("EDIFF")))
        .isEqualTo(Double.parseDouble(fixture.get("EDIFF")));
    assertThat(ours.get("MAGMOM")).isEqualTo("2*0.6"); // fixture: 0.60000000 0.60000000
    assertThat(fixture.get("MAGMOM").split("\\s+")).containsExactly("0.60000000", "0.60000000");
    assertThat(ours).doesNotContainKey("LDAU");
    // fixture KPOINTS: Gamma 7 7 7
    assertThat(vasp.kpoints(siIo(), Map.of())).contains("Gamma\n7 7 7\n");
  }

  @Test
  void oxidesOfMpMetalsGetHubbardU() {
    // A rock-salt-like FeO/NiO test cell (species order Fe, O) and a non-oxide FeSi.
    DftStructure feo =
        new DftStructure(
            new double[][] {{0, 2.15, 2.15}, {2.15, 0, 2.15}, {2.15, 2.15, 0}},
            List.of("O", "Fe"),
            List.of(new double[] {0.5, 0.5, 0.5}, new double[] {0, 0, 0}));
    DftStructure sorted = VaspMpRelaxInputSet.groupedBySpecies(feo);
    String incar = vasp.incar(sorted, Map.of());
    assertThat(incar)
        .contains(
            "LDAU = True",
            "LDAUTYPE = 2",
            "LDAUU = 0 5.3",
            "LDAUL = 0 2",
            "LDAUJ = 0 0",
            "MAGMOM = 0.6 5",
            "LMAXMIX = 4");
    DftStructure fesi =
        new DftStructure(feo.latticeAngstrom(), List.of("Fe", "Si"), feo.fractional());
    assertThat(vasp.incar(fesi, Map.of())).doesNotContain("LDAU").contains("MAGMOM = 5 0.6");
    DftStructure nif =
        new DftStructure(feo.latticeAngstrom(), List.of("Ni", "F"), feo.fractional());
    assertThat(vasp.incar(nif, Map.of())).contains("LDAUU = 6.2 0");
  }

  @Test
  void potcarIsAssembledFromTheUsersDirectoryInPoscarOrder() throws Exception {
    Path pot = tmp.resolve("potcars");
    // Stand-in files: matscreen never ships real POTCARs.
    Files.createDirectories(pot.resolve("Fe_pv"));
    Files.writeString(pot.resolve("Fe_pv/POTCAR"), "PAW_PBE Fe_pv stand-in\nEnd of Dataset\n");
    Files.writeString(pot.resolve("POTCAR.O"), "PAW_PBE O stand-in\nEnd of Dataset\n");
    DftStructure feo =
        new DftStructure(
            new double[][] {{0, 2.15, 2.15}, {2.15, 0, 2.15}, {2.15, 2.15, 0}},
            List.of("O", "Fe"),
            List.of(new double[] {0.5, 0.5, 0.5}, new double[] {0, 0, 0}));
    vasp.write(feo, tmp.resolve("job"), Map.of("potcar_dir", pot.toString(), "incar.NCORE", "4"));
    assertThat(Files.readString(tmp.resolve("job/POTCAR")))
        .isEqualTo("PAW_PBE O stand-in\nEnd of Dataset\nPAW_PBE Fe_pv stand-in\nEnd of Dataset\n");
    String poscar = Files.readString(tmp.resolve("job/POSCAR"));
    assertThat(poscar).contains("O Fe\n1 1\nDirect");
    assertThat(Files.readString(tmp.resolve("job/INCAR")))
        .contains("NCORE = 4", "EDIFF = 1.000e-04");
    assertThat(VaspOutputParser.readPoscar(tmp.resolve("job/POSCAR")).species())
        .containsExactly("O", "Fe");
  }

  @Test
  void missingPotcarsAndBadSettingsAreRefused() throws Exception {
    Path pot = tmp.resolve("potcars");
    Files.createDirectories(pot);
    Files.writeString(pot.resolve("POTCAR.Si"), "stand-in\n");
    assertThatThrownBy(() -> vasp.write(siIo(), tmp.resolve("a"), Map.of()))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("potcar_dir is required");
    DftStructure sic =
        new DftStructure(siIo().latticeAngstrom(), List.of("Si", "C"), siIo().fractional());
    assertThatThrownBy(
            () -> vasp.write(sic, tmp.resolve("b"), Map.of("potcar_dir", pot.toString())))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("POTCAR missing")
        .hasMessageContaining("C (C/POTCAR");
    assertThatThrownBy(() -> vasp.incar(siIo(), Map.of("incar.ALGO", "Fast\nLREAL = x")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("incar.ALGO");
    assertThatThrownBy(() -> vasp.incar(siIo(), Map.of("encut", "500")))
        .isInstanceOf(DftInputException.class)
        .hasMessageContaining("unknown setting 'encut'");
    assertThat(VaspMpRelaxInputSet.compress("0.6 0.6 5 5 5 0.6")).isEqualTo("2*0.6 3*5 0.6");
  }
}
