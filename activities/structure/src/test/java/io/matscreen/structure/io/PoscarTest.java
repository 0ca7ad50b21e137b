package io.matscreen.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.TaataFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoscarTest {

  static Path vaspFixture(String relative) {
    Path shared = TaataFixtures.sharedDirectory();
    assumeTrue(shared != null, "skipped: no ../shared directory");
    Path p = shared.resolve("fixtures/vasp").resolve(relative);
    assumeTrue(Files.isRegularFile(p), "skipped: " + p + " is absent");
    return p;
  }

  @Test
  void readsARealPoscarAndContcarWithVelocities() throws Exception {
    // custodian's max_force test: Sb16 Xe8 Cl8 F88, orthorhombic cell (values from the file)
    Structure poscar = PoscarReader.read(vaspFixture("max_force/POSCAR"));
    assertThat(poscar.numSites()).isEqualTo(120);
    assertThat(poscar.composition().amount("F")).isEqualTo(88.0);
    assertThat(poscar.lattice().abc()[0]).isCloseTo(18.0300388127669251, within(1e-12));
    assertThat(poscar.site(0).element()).isEqualTo("Sb");
    assertThat(poscar.site(119).element()).isEqualTo("F");
    assertThat(poscar.site(0).frac())
        .containsExactly(
            new double[] {0.8316228898980227, 0.1435241106707873, 0.4136375648867280}, within(0.0));
    Structure contcar = PoscarReader.read(vaspFixture("max_force/CONTCAR"));
    assertThat(contcar.numSites()).isEqualTo(120);
    assertThat(contcar.lattice().abc()[0]).isCloseTo(18.0952698175829383, within(1e-12));
  }

  @Test
  void cartesianNegativeScaleAndSelectiveDynamics() {
    String text =
        "cubic NaCl pair\n-64.0\n 2 0 0\n 0 2 0\n 0 0 2\nNa Cl\n1 1\nSelective dynamics\n"
            + "Cartesian\n 0 0 0 T T T\n 1 1 1 F F F\n";
    Structure s = PoscarReader.read(text, "inline");
    // volume -64 -> cell 4 Å; Cartesian positions are scaled by the same factor (2)
    assertThat(s.lattice().volume()).isCloseTo(64, within(1e-9));
    assertThat(s.site(1).frac()).containsExactly(new double[] {0.5, 0.5, 0.5}, within(1e-12));
  }

  @Test
  void potcarStyleSpeciesNamesAreAccepted() {
    String text = "x\n1\n3 0 0\n0 3 0\n0 0 3\nFe_pv O_s\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
    assertThat(PoscarReader.read(text, "x").composition().reducedFormula()).isEqualTo("FeO");
  }

  @Test
  void brokenPoscarsNameLineAndProblem() {
    String head = "x\n1.0\n3 0 0\n0 3 0\n0 0 3\n";
    assertThatThrownBy(() -> PoscarReader.read(head + "1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n", "p"))
        .isInstanceOf(StructureFormatException.class)
        .hasMessageContaining("p:6")
        .hasMessageContaining("species line");
    assertThatThrownBy(() -> PoscarReader.read(head + "Na Cl\n1 1\nDirect\n0 0 0\n", "p"))
        .hasMessageContaining("file ends before the position of atom 2 of 2");
    assertThatThrownBy(
            () -> PoscarReader.read(head + "Na Cl\n1 1\nDirect\n0 0 0\n0.5 x 0.5\n", "p"))
        .hasMessageContaining("p:10")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> PoscarReader.read(head + "Na Cl\n1\nDirect\n0 0 0\n", "p"))
        .hasMessageContaining("1 counts for 2 species");
    assertThatThrownBy(() -> PoscarReader.read(head + "Na Xx\n1 1\nDirect\n0 0 0\n0 0 0\n", "p"))
        .hasMessageContaining("'Xx'");
    assertThatThrownBy(() -> PoscarReader.read(head + "Na\n1\nFoo\n0 0 0\n", "p"))
        .hasMessageContaining("'Direct' or 'Cartesian'");
    assertThatThrownBy(
            () -> PoscarReader.read("x\n1.0\n3 0 0\n6 0 0\n0 0 3\nNa\n1\nD\n0 0 0\n", "p"))
        .hasMessageContaining("coplanar");
    assertThatThrownBy(() -> PoscarReader.read("", "p")).hasMessageContaining("file ends before");
  }

  @Test
  void writerRefusesDisorder() {
    Structure s =
        new Structure(
            Lattice.fromParameters(3, 3, 3, 90, 90, 90),
            List.of(new Site(Map.of("Fe", 0.5), new double[] {0, 0, 0}, "Fe1")));
    assertThatThrownBy(() -> PoscarWriter.write(s, null)).hasMessageContaining("disordered");
  }
}
