package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Known hulls per chemical system, and degenerate (coplanar) hulls. Values worked by hand. */
class ReferenceHullsTest {
  private static final EnergyFingerprint FP = EnergyFingerprint.UNSPECIFIED;

  private static HullEntry form(String formula, double e) {
    return HullEntry.ofFormationEnergy(formula, Composition.parse(formula), e, FP);
  }

  @Test
  void eachCandidateMeetsTheHullOfItsOwnChemicalSystem() {
    ReferenceHulls hulls =
        ReferenceHulls.ofFormationEnergies(
            List.of(form("BN", -1.3), form("LiF", -3.0), form("Li3N", -0.4), form("LiBN2", -1.5)),
            FP);
    // B-N only sees BN: B3N at -0.5 is 0.15 above B:0.5 + BN:0.5 (-0.65).
    assertThat(hulls.eAboveHull(Composition.parse("B3N"), -0.5).eAboveHullEv())
        .isCloseTo(0.15, within(1e-12));
    // Li-F sees LiF; F2 is implicit at 0: LiF2 at -1.0 vs hull 2/3 * -3.0 = -2.0.
    HullPoint lif2 = hulls.eAboveHull(Composition.parse("LiF2"), -1.0);
    assertThat(lif2.eAboveHullEv()).isCloseTo(1.0, within(1e-12));
    assertThat(lif2.decompositionString()).isEqualTo("LiF:0.666667;F2:0.333333");
    // Li-B-N sees LiBN2 (x = 1/4, 1/4, 1/2), BN and Li3N; LiBN2 itself lies on the hull.
    assertThat(hulls.eAboveHull(Composition.parse("LiBN2"), -1.5).eAboveHullEv())
        .isCloseTo(0.0, within(1e-12));
    assertThat(hulls.forSystem(java.util.Set.of("Li", "B", "N")).stableEntries())
        .extracting(HullEntry::id)
        .contains("BN", "Li3N", "LiBN2");
    assertThatThrownBy(() -> hulls.eAboveHull(Composition.parse("LiNaKRbCsMgCaSrBa"), -1))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("9 elements");
  }

  @Test
  void coplanarPlateauDoesNotBreakTheHull() {
    // Every grid point with all fractions >= 0.2 lies exactly on the plane E = -0.5: a maximally
    // degenerate lower hull (a flat plateau joined to the three elements).
    List<HullEntry> entries = new ArrayList<>();
    int grid = 20;
    for (int a = 4; a <= grid; a++) {
      for (int b = 4; a + b <= grid - 4; b++) {
        int c = grid - a - b;
        entries.add(
            HullEntry.ofFormationEnergy(
                a + "-" + b, Composition.of(Map.of("Ca", a, "Mg", b, "Si", c)), -0.5, FP));
      }
    }
    PhaseDiagram pd = PhaseDiagram.build(entries);
    // Only the plateau's three corners are vertices; every plateau point is on the hull.
    assertThat(pd.stableEntries()).hasSize(3 + 3);
    for (HullEntry e : entries) {
      assertThat(pd.eAboveHull(e).eAboveHullEv()).as(e.id()).isCloseTo(0.0, within(1e-9));
    }
    Random rnd = new Random(3);
    for (int t = 0; t < 500; t++) {
      Composition c =
          Composition.of(
              Map.of("Ca", rnd.nextDouble(), "Mg", rnd.nextDouble(), "Si", rnd.nextDouble()));
      double e = -rnd.nextDouble();
      assertThat(pd.eAboveHull(c, e).eAboveHullEv())
          .isCloseTo(pd.eAboveHullByProgram(c, e).eAboveHullEv(), within(1e-9));
    }
  }
}
