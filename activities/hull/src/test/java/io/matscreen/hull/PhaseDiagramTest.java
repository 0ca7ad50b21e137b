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

/**
 * Phase-diagram behaviour beyond the pymatgen fixtures: refusals with typed errors, total energies,
 * duplicates, degenerate hulls and an 8-element system. Expected energies here are worked out by
 * hand in the comments (eV/atom).
 */
class PhaseDiagramTest {
  private static final EnergyFingerprint FP = EnergyFingerprint.UNSPECIFIED;

  private static HullEntry form(String id, String formula, double e) {
    return HullEntry.ofFormationEnergy(id, Composition.parse(formula), e, FP);
  }

  private static HullEntry total(String id, String formula, double e) {
    return HullEntry.ofTotalEnergy(id, Composition.parse(formula), e, FP);
  }

  @Test
  void binaryWithImplicitElementsGivesLeverRuleDecomposition() {
    PhaseDiagram pd = PhaseDiagram.build(List.of(form("bn", "BN", -1.3)));
    assertThat(pd.elements()).containsExactly("B", "N");
    // B2N at x_N = 1/3: hull = 2/3 * (-1.3) from BN + 1/3 B; 0 - (-0.866667) = 0.866667.
    HullPoint p = pd.eAboveHull(Composition.parse("B2N"), 0.0);
    assertThat(p.eAboveHullEv()).isCloseTo(1.3 * 2 / 3, within(1e-12));
    assertThat(p.decomposition()).containsOnlyKeys("BN", "B");
    assertThat(p.decompositionString()).isEqualTo("BN:0.666667;B:0.333333");
    // Equal fractions: the compound comes before the element.
    assertThat(pd.eAboveHull(Composition.parse("B3N"), -0.65).decompositionString())
        .isEqualTo("BN:0.5;B:0.5");
    // A point below the hull has a negative energy above hull.
    assertThat(pd.eAboveHull(Composition.parse("BN"), -1.5).eAboveHullEv())
        .isCloseTo(-0.2, within(1e-12));
    assertThat(pd.stableEntries())
        .extracting(HullEntry::id)
        .containsExactlyInAnyOrder("element:B", "element:N", "bn");
  }

  @Test
  void totalEnergiesNeedElementalReferencesAndGiveFormationEnergies() {
    assertThatThrownBy(
            () -> PhaseDiagram.build(List.of(total("li", "Li", -1.9), total("li2o", "Li2O", -4.8))))
        .isInstanceOf(MissingReferenceException.class)
        .hasMessageContaining("missing elemental reference for O")
        .satisfies(e -> assertThat(((MissingReferenceException) e).element()).isEqualTo("O"));

    PhaseDiagram pd =
        PhaseDiagram.build(
            List.of(
                total("li", "Li", -1.9),
                total("li-hi", "Li", -1.7),
                total("o2", "O2", -4.9),
                total("li2o", "Li2O", -4.8),
                total("li4o2", "Li4O2", -4.7)));
    // Ef(Li2O) = -4.8 - (2/3 * -1.9 + 1/3 * -4.9) = -1.9.
    HullEntry li2o = pd.entries().get(3);
    assertThat(pd.formationEnergyPerAtom(li2o)).isCloseTo(-1.9, within(1e-12));
    assertThat(pd.eAboveHull(li2o).eAboveHullEv()).isZero();
    // The scaled duplicate is 0.1 eV/atom above its lower twin; the Li polymorph 0.2 above Li.
    assertThat(pd.eAboveHull(pd.entries().get(4)).eAboveHullEv()).isCloseTo(0.1, within(1e-12));
    assertThat(pd.eAboveHull(pd.entries().get(1)).eAboveHullEv()).isCloseTo(0.2, within(1e-12));
    assertThat(pd.hullEnergyPerAtom(Composition.parse("Li2O"))).isCloseTo(-4.8, within(1e-12));
    assertThat(pd.referenceEnergyPerAtom("O")).isEqualTo(-4.9);
    assertThat(pd.stableEntries())
        .extracting(HullEntry::id)
        .containsExactlyInAnyOrder("li", "o2", "li2o");
  }

  @Test
  void refusesMixedFingerprintsUnlessACorrectionIsDeclared() {
    EnergyFingerprint ml = EnergyFingerprint.mlPrediction("mp-formation-train@sha256:abc");
    HullEntry mp =
        HullEntry.ofFormationEnergy(
            "mp", Composition.parse("BN"), -1.3, EnergyFingerprint.MP_GGA_MP2020);
    HullEntry pred = HullEntry.ofFormationEnergy("pred", Composition.parse("B2N"), -0.9, ml);
    assertThatThrownBy(() -> PhaseDiagram.build(List.of(mp, pred)))
        .isInstanceOf(IncompatibleEnergiesException.class)
        .hasMessageContaining("MP2020")
        .hasMessageContaining("trained-on:mp-formation-train@sha256:abc");

    PhaseDiagram mpOnly = PhaseDiagram.build(List.of(mp));
    assertThatThrownBy(() -> mpOnly.eAboveHull(pred))
        .isInstanceOf(IncompatibleEnergiesException.class)
        .hasMessageContaining("pred");

    EnergyCorrection declared = EnergyCorrection.sameScale(ml, EnergyFingerprint.MP_GGA_MP2020);
    PhaseDiagram both = PhaseDiagram.build(List.of(mp, pred), List.of(declared));
    assertThat(both.fingerprint()).isEqualTo(EnergyFingerprint.MP_GGA_MP2020);
    // B2N at -0.9 lies below the B-BN line (-0.866667 at x_N = 1/3): it becomes a vertex, and
    // its phase-separation energy is -0.9 - (-0.866667) = -0.033333.
    assertThat(both.stableEntries()).extracting(HullEntry::id).contains("pred", "mp");
    assertThat(both.eAboveHull(pred).eAboveHullEv()).isZero();
    assertThat(both.decompositionEnergy(pred)).isCloseTo(-0.9 + 1.3 * 2 / 3, within(1e-12));
    assertThat(both.phaseSeparation(pred).decompositionString())
        .isEqualTo("BN:0.666667;B:0.333333");
  }

  @Test
  void refusesMixedKindsTooManyElementsAndForeignCompositions() {
    assertThatThrownBy(() -> PhaseDiagram.build(List.of(form("a", "BN", -1), total("b", "B", -6))))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("mix formation and total");
    assertThatThrownBy(() -> PhaseDiagram.build(List.of(form("x", "LiNaKRbCsMgCaSrBa", -1))))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("9 elements");
    PhaseDiagram pd = PhaseDiagram.build(List.of(form("bn", "BN", -1.3)));
    assertThatThrownBy(() -> pd.eAboveHull(Composition.parse("BC"), 0))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("C, which is not in the chemical system B-N");
    assertThatThrownBy(() -> PhaseDiagram.build(List.of())).isInstanceOf(HullException.class);
    assertThatThrownBy(() -> form("nan", "BN", Double.NaN)).isInstanceOf(HullException.class);
  }

  @Test
  void unaryAndDegenerateHullsAreHandled() {
    PhaseDiagram unary =
        PhaseDiagram.build(List.of(total("si", "Si", -5.4), total("si2", "Si2", -5.3)));
    assertThat(unary.eAboveHull(Composition.parse("Si"), -5.0).eAboveHullEv())
        .isCloseTo(0.4, within(1e-12));
    assertThat(unary.stableEntries()).extracting(HullEntry::id).containsExactly("si");

    // Collinear points within 1e-13 eV/atom of the line Si-SiC: no failure, e_above_hull ~ 0.
    List<HullEntry> entries = new ArrayList<>();
    entries.add(form("sic", "SiC", -0.5));
    for (int i = 1; i < 20; i++) {
      double xc = i / 40.0; // Si(1-x)C(x) with x < 0.5
      double onLine = -xc;
      entries.add(
          HullEntry.ofFormationEnergy(
              "p" + i,
              Composition.of(Map.of("Si", 1 - xc, "C", xc)),
              onLine + (i % 2 == 0 ? 1e-13 : -1e-13),
              FP));
    }
    PhaseDiagram pd = PhaseDiagram.build(entries);
    for (HullEntry e : entries) {
      HullPoint p = pd.eAboveHull(e);
      assertThat(p.eAboveHullEv()).as(e.id()).isCloseTo(0.0, within(1e-9));
      double sum = p.decomposition().values().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(sum).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void eightElementSystemAgreesWithBruteForceOverAllVertexSubsets() {
    String[] els = {"Li", "Na", "K", "Mg", "Ca", "Al", "O", "F"};
    Random rnd = new Random(8);
    List<HullEntry> entries = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Map<String, Integer> amounts = new java.util.HashMap<>();
      int k = 2 + rnd.nextInt(4);
      for (int j = 0; j < k; j++) {
        amounts.put(els[rnd.nextInt(els.length)], 1 + rnd.nextInt(3));
      }
      entries.add(
          HullEntry.ofFormationEnergy("e" + i, Composition.of(amounts), -2 * rnd.nextDouble(), FP));
    }
    PhaseDiagram pd = PhaseDiagram.build(entries);
    assertThat(pd.elements()).hasSize(8);
    // Lower bound check: no convex combination of two or three entries may lie below the hull
    // at its composition (the hull is the minimum over all combinations).
    for (int t = 0; t < 2000; t++) {
      HullEntry a = entries.get(rnd.nextInt(entries.size()));
      HullEntry b = entries.get(rnd.nextInt(entries.size()));
      double w = rnd.nextDouble();
      Map<String, Double> mix = new java.util.HashMap<>();
      a.composition().fractional().amounts().forEach((el, v) -> mix.merge(el, w * v, Double::sum));
      b.composition()
          .fractional()
          .amounts()
          .forEach((el, v) -> mix.merge(el, (1 - w) * v, Double::sum));
      double energy = w * a.energyPerAtom() + (1 - w) * b.energyPerAtom();
      assertThat(pd.eAboveHull(Composition.of(mix), energy).eAboveHullEv()).isGreaterThan(-1e-9);
    }
    // Every entry's decomposition reproduces its composition and its hull energy.
    for (HullEntry e : entries) {
      HullPoint p = pd.eAboveHull(e);
      assertThat(p.eAboveHullEv()).isGreaterThanOrEqualTo(-1e-12);
      Map<String, Double> rebuilt = new java.util.HashMap<>();
      double energy = 0;
      for (Map.Entry<String, Double> d : p.decomposition().entrySet()) {
        HullEntry phase =
            pd.stableEntries().stream()
                .filter(s -> ReducedFormula.of(s.composition()).equals(d.getKey()))
                .findFirst()
                .orElseThrow();
        phase
            .composition()
            .fractional()
            .amounts()
            .forEach((el, v) -> rebuilt.merge(el, d.getValue() * v, Double::sum));
        energy += d.getValue() * pd.formationEnergyPerAtom(phase);
      }
      assertThat(Composition.of(rebuilt).almostEquals(e.composition().fractional(), 1e-9))
          .as(e.id())
          .isTrue();
      assertThat(energy).isCloseTo(p.hullFormationEnergyPerAtom(), within(1e-9));
    }
  }
}
