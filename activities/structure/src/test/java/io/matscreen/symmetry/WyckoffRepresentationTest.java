package io.matscreen.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WyckoffRepresentationTest {

  static Structure rockSalt() {
    List<Site> sites = new ArrayList<>();
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    for (double[] t : fcc) {
      sites.add(Site.ordered("Na", t[0], t[1], t[2]));
      sites.add(Site.ordered("Cl", t[0] + 0.5, t[1], t[2]));
    }
    return new Structure(Lattice.fromParameters(5.64, 5.64, 5.64, 90, 90, 90), sites);
  }

  static Structure perovskite() {
    return new Structure(
        Lattice.fromParameters(3.9, 3.9, 3.9, 90, 90, 90),
        List.of(
            Site.ordered("Ca", 0.5, 0.5, 0.5),
            Site.ordered("Ti", 0, 0, 0),
            Site.ordered("O", 0.5, 0, 0),
            Site.ordered("O", 0, 0.5, 0),
            Site.ordered("O", 0, 0, 0.5)));
  }

  @Test
  void rockSaltIsSodiumOn4aAndChlorineOn4b() {
    WyckoffRepresentation w = WyckoffRepresentation.of(rockSalt());
    assertThat(w.spacegroupNumber()).isEqualTo(225);
    assertThat(w.isValid()).isTrue();
    assertThat(w.positions())
        .containsExactly(new WyckoffPosition("Cl", "b", 4), new WyckoffPosition("Na", "a", 4));
    // the label of the issue text; canonical form puts the lower letter score first, i.e. Cl on a
    assertThat(w.protostructureLabel()).isEqualTo("AB_cF8_225_a_b:Cl-Na");
  }

  @Test
  void perovskiteLabelFollowsAviarysConventions() {
    // Worked by hand from ITA Pm-3m: Ti 1a (0,0,0), Ca 1b (1/2,1/2,1/2), O 3d (1/2,0,0). The origin
    // shift (1/2,1/2,1/2) swaps a<->b and c<->d, giving Ca a, O c, Ti b with the lower letter score
    // (1+3+2 < 2+4+1). The anonymous formula names elements alphabetically (Ca=A, O=B3, Ti=C), so
    // the "ABC3_cP5_221_a_b_c" is not what aviary's algorithm produces.
    WyckoffRepresentation w = WyckoffRepresentation.of(perovskite());
    assertThat(w.protostructureLabel()).isEqualTo("AB3C_cP5_221_a_c_b:Ca-O-Ti");
  }

  @Test
  void allTaataLabelsAgreeWithTheFixture() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    for (TaataFixtures.Row row : TaataFixtures.rows()) {
      Structure s = PymatgenJson.fromTree(row.structure(), row.materialId());
      WyckoffRepresentation w = WyckoffRepresentation.of(s);
      n++;
      if (!w.protostructureLabel().equals(row.protostructure()) || !w.isValid()) {
        mismatches.add(row.materialId() + " expected " + row.protostructure() + " got " + w);
      }
    }
    assertThat(n).isEqualTo(68);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void parsedTaataLabelsRoundTripAndAreValid() throws Exception {
    for (TaataFixtures.Row row : TaataFixtures.rows()) {
      WyckoffRepresentation w = WyckoffRepresentation.parse(row.protostructure());
      assertThat(w.protostructureLabel()).isEqualTo(row.protostructure());
      assertThat(w.isValid()).as(row.protostructure()).isTrue();
    }
  }

  @Test
  void parseGivesPositionsWithTableMultiplicities() {
    WyckoffRepresentation w = WyckoffRepresentation.parse("A2BC4_cF112_227_e_c_df:Hf-N-Zn");
    assertThat(w.spacegroupNumber()).isEqualTo(227);
    assertThat(w.pearsonSymbol()).isEqualTo("cF112");
    // Fd-3m multiplicities (ITA): c 16, d 16, e 32, f 48
    assertThat(w.positions())
        .containsExactly(
            new WyckoffPosition("Hf", "e", 32),
            new WyckoffPosition("N", "c", 16),
            new WyckoffPosition("Zn", "d", 16),
            new WyckoffPosition("Zn", "f", 48));
    assertThat(w.conventionalCellCounts()).containsEntry("Zn", 64).containsEntry("Hf", 32);
    WyckoffRepresentation counted =
        WyckoffRepresentation.parse("A7B19C5_oP31_47_ek2l_ai2j3x_cij:Hf-N-Zn");
    // e, k, 2l | a, i, 2j, 3x | c, i, j
    assertThat(counted.numWyckoffPositions()).isEqualTo(14);
  }

  @Test
  void equivalentSettingsSwapTheRockSaltSites() {
    WyckoffRepresentation w = WyckoffRepresentation.parse("AB_cF8_225_a_b:Cl-Na");
    // Fm-3m: the shift (1/2,1/2,1/2) exchanges 4a and 4b (and 48h with 48i); nothing else
    assertThat(w.equivalentPositionSets())
        .containsExactly(
            List.of(new WyckoffPosition("Cl", "a", 4), new WyckoffPosition("Na", "b", 4)),
            List.of(new WyckoffPosition("Cl", "b", 4), new WyckoffPosition("Na", "a", 4)));
    // Pmmm has 48 relabellings (8 origin shifts x 6 axis permutations); a general position (A)
    // is fixed by all of them
    assertThat(WyckoffTables.relabellings(47)).hasSize(48);
    assertThat(WyckoffRepresentation.parse("A_oP8_47_A:Cu").equivalentPositionSets()).hasSize(1);
  }

  @Test
  void substitutionOfTheRepresentationMatchesAnalysisOfTheSubstitutedStructure() throws Exception {
    // a cyclic swap of the TAATA elements changes alphabetical order, so the label must be rebuilt
    java.util.Map<String, String> swap =
        java.util.Map.of("Hf", "Zr", "Zr", "Ti", "Ti", "Hf", "Zn", "Mg", "N", "P");
    for (TaataFixtures.Row row : TaataFixtures.rows()) {
      Structure s = PymatgenJson.fromTree(row.structure(), row.materialId());
      String fromLabel =
          WyckoffRepresentation.parse(row.protostructure()).substitute(swap).protostructureLabel();
      String fromStructure = WyckoffRepresentation.of(s.substitute(swap)).protostructureLabel();
      assertThat(fromLabel).as(row.protostructure()).isEqualTo(fromStructure);
    }
    assertThat(
            WyckoffRepresentation.parse("AB_cF8_225_a_b:Cl-Na")
                .substitute(java.util.Map.of("Na", "K"))
                .protostructureLabel())
        .isEqualTo("AB_cF8_225_a_b:Cl-K");
    assertThatThrownBy(
            () ->
                WyckoffRepresentation.parse("AB_cF8_225_a_b:Cl-Na")
                    .substitute(java.util.Map.of("Na", "Cl")))
        .hasMessageContaining("merges");
  }

  @Test
  void badLabelsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> WyckoffRepresentation.parse("AB_cF8_225_a_b"))
        .hasMessageContaining("':'");
    assertThatThrownBy(() -> WyckoffRepresentation.parse("AB_cF8_231_a_b:Cl-Na"))
        .hasMessageContaining("231");
    assertThatThrownBy(() -> WyckoffRepresentation.parse("AB_cF8_225_a_z:Cl-Na"))
        .hasMessageContaining("'z'");
    assertThatThrownBy(() -> WyckoffRepresentation.parse("AB_cF8_225_a:Cl-Na"))
        .hasMessageContaining("Wyckoff groups");
    assertThatThrownBy(() -> WyckoffRepresentation.parse("AB_cF8_225_a_b:Na-Cl"))
        .hasMessageContaining("alphabetical");
  }

  @Test
  void disorderedStructuresAreRefused() {
    Structure s =
        new Structure(
            Lattice.fromParameters(3, 3, 3, 90, 90, 90),
            List.of(
                new Site(java.util.Map.of("Fe", 0.5, "Ni", 0.5), new double[] {0, 0, 0}, "FeNi")));
    assertThatThrownBy(() -> WyckoffRepresentation.of(s)).hasMessageContaining("ordered");
  }
}
