package io.matscreen.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference values: International Tables for Crystallography vol. A and spglib's Hall table. */
class SpglibSymmetryTest {

  @Test
  void rockSaltConventionalCell() {
    SymmetryDataset d = SpglibSymmetry.analyze(WyckoffRepresentationTest.rockSalt());
    assertThat(d.spacegroupNumber()).isEqualTo(225);
    assertThat(d.internationalSymbol()).isEqualTo("Fm-3m");
    assertThat(d.hallNumber()).isEqualTo(523);
    assertThat(d.crystalSystem()).isEqualTo("cubic");
    // 48 point operations times 4 centring translations in the conventional input cell
    assertThat(d.operations()).hasSize(192);
    assertThat(d.wyckoffLetters()).containsExactly("a", "b", "a", "b", "a", "b", "a", "b");
    assertThat(d.siteSymmetrySymbols()).containsOnly("m-3m");
    assertThat(d.equivalentAtoms()).containsExactly(0, 1, 0, 1, 0, 1, 0, 1);
    assertThat(d.standardizedCell().numSites()).isEqualTo(8);
    assertThat(d.primitiveCell().numSites()).isEqualTo(2);
    // primitive fcc cell holds a quarter of the conventional volume
    assertThat(d.primitiveLattice().volume()).isCloseTo(Math.pow(5.64, 3) / 4, within(1e-6));
    assertThat(d.primitiveCell().composition().reducedFormula()).isEqualTo("NaCl");
  }

  @Test
  void siliconIsDiamondInOriginChoiceOne() {
    Structure si =
        new Structure(
            Lattice.fromParameters(3.867, 3.867, 3.867, 60, 60, 60),
            List.of(Site.ordered("Si", 0, 0, 0), Site.ordered("Si", 0.25, 0.25, 0.25)));
    SymmetryDataset d = SpglibSymmetry.analyze(si, 0.01, 5);
    assertThat(d.spacegroupNumber()).isEqualTo(227);
    assertThat(d.internationalSymbol()).isEqualTo("Fd-3m");
    assertThat(d.choice()).isEqualTo("1");
    // spglib 2.0.2 puts both atoms on 8b; 8a and 8b are exchanged by the origin shift
    // (1/2,1/2,1/2), which the protostructure label canonicalises back to "a"
    assertThat(d.wyckoffLetters()).containsExactly("b", "b");
    assertThat(WyckoffRepresentation.of(si, 0.01, 5).protostructureLabel())
        .isEqualTo("A_cF8_227_a:Si");
    assertThat(d.standardizedCell().numSites()).isEqualTo(8);
    assertThat(d.standardizedCell().lattice().abc()[0])
        .isCloseTo(3.867 * Math.sqrt(2), within(1e-3));
  }

  @Test
  void toleranceDecidesWhetherADistortionCounts() {
    // Na shifted by 0.05 Å from the ideal rock-salt site: cubic at 0.1 Å, lower symmetry at 0.01 Å
    Structure distorted =
        new Structure(
            Lattice.fromParameters(5.64, 5.64, 5.64, 90, 90, 90),
            List.of(
                Site.ordered("Na", 0.05 / 5.64, 0, 0),
                Site.ordered("Na", 0, 0.5, 0.5),
                Site.ordered("Na", 0.5, 0, 0.5),
                Site.ordered("Na", 0.5, 0.5, 0),
                Site.ordered("Cl", 0.5, 0, 0),
                Site.ordered("Cl", 0, 0.5, 0),
                Site.ordered("Cl", 0, 0, 0.5),
                Site.ordered("Cl", 0.5, 0.5, 0.5)));
    assertThat(SpglibSymmetry.analyze(distorted, 0.1, 5).spacegroupNumber()).isEqualTo(225);
    assertThat(SpglibSymmetry.analyze(distorted, 0.01, 5).spacegroupNumber()).isLessThan(225);
  }

  @Test
  void disorderedSitesAreTheirOwnAtomType() {
    Structure s =
        new Structure(
            Lattice.fromParameters(3, 3, 3, 90, 90, 90),
            List.of(
                new Site(Map.of("Fe", 0.5, "Ni", 0.5), new double[] {0, 0, 0}, "FeNi"),
                Site.ordered("Al", 0.5, 0.5, 0.5)));
    SymmetryDataset d = SpglibSymmetry.analyze(s);
    assertThat(d.spacegroupNumber()).isEqualTo(221);
    assertThat(d.standardizedCell().site(0).species()).hasSize(2);
  }

  @Test
  void overlappingAtomsAreASymmetryError() {
    // spglib refuses atoms of one type closer than symprec ("too close distance between atoms")
    Structure s =
        new Structure(
            Lattice.fromParameters(3, 3, 3, 90, 90, 90),
            List.of(Site.ordered("Na", 0, 0, 0), Site.ordered("Na", 0.001, 0, 0)));
    assertThatThrownBy(() -> SpglibSymmetry.analyze(s))
        .isInstanceOf(SymmetryException.class)
        .hasMessageContaining("symprec 0.1");
  }

  @Test
  void hallDatabaseGivesOperationsAndTypes() {
    assertThat(SpglibSymmetry.operationsOfHallNumber(523)).hasSize(192);
    assertThat(SpglibSymmetry.operationsOfHallNumber(1)).hasSize(1);
    SpacegroupType t = SpglibSymmetry.spacegroupType(523);
    assertThat(t.number()).isEqualTo(225);
    assertThat(t.internationalShort()).isEqualTo("Fm-3m");
    assertThat(t.hallSymbol()).isEqualTo("-F 4 2 3");
    // P2_1/c (14) in its standard unique-axis-b setting
    assertThat(SpglibSymmetry.spacegroupType(81).internationalShort()).isEqualTo("P2_1/c");
    assertThat(SpglibSymmetry.allSpacegroupTypes()).hasSize(530);
    assertThat(SpglibSymmetry.version()).startsWith("2.");
  }

  @Test
  void aMissingLibrarySaysHowToInstallIt() {
    assertThatThrownBy(() -> SpglibSymmetry.load("matscreen-no-such-library"))
        .isInstanceOf(SpglibUnavailableException.class)
        .hasMessageContaining("apt-get install libsymspg1")
        .hasMessageContaining("conda-forge spglib")
        .hasMessageContaining("-Djna.library.path")
        .hasMessageContaining("matscreen-no-such-library");
    assertThat(SpglibSymmetry.isAvailable()).isTrue();
  }

  @Test
  void operationsPrintAsXyz() {
    List<SymmetryOperation> ops = SpglibSymmetry.operationsOfHallNumber(523);
    assertThat(ops.get(0).toXyz()).isEqualTo("x,y,z");
    assertThat(ops.stream().map(SymmetryOperation::toXyz)).contains("-x,-y,-z", "x,y+1/2,z+1/2");
  }
}
