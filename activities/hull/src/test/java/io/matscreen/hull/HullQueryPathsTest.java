package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast query path (walk over enumerated lower-hull facets) must give the same energies (within
 * 1e-9 eV/atom) and decompositions as the exact linear program, for entries and for random
 * compositions of the full system and of its subsystems.
 */
class HullQueryPathsTest {
  private static void compare(
      PhaseDiagram pd, List<HullEntry> entries, long seed, int randomQueries) {
    assertThat(pd.facetCount()).as("facets of %s", pd).isPositive();
    int byFacets = 0;
    for (HullEntry e : entries) {
      byFacets += check(pd, e.composition(), e.energyPerAtom()) ? 1 : 0;
    }
    Random rnd = new Random(seed);
    List<String> els = pd.elements();
    for (int t = 0; t < randomQueries; t++) {
      Map<String, Double> amounts = new HashMap<>();
      for (String el : els) {
        // About a third of the elements absent: subsystem queries.
        if (rnd.nextInt(3) > 0) {
          amounts.put(el, (double) (1 + rnd.nextInt(6)));
        }
      }
      if (amounts.isEmpty()) {
        amounts.put(els.get(0), 1.0);
      }
      byFacets += check(pd, Composition.of(amounts), -2 + 2 * rnd.nextDouble()) ? 1 : 0;
    }
    // Nearly all queries take the fast path (the program is only a fallback).
    assertThat(byFacets).isGreaterThan((entries.size() + randomQueries) * 95 / 100);
  }

  private static boolean check(PhaseDiagram pd, Composition c, double energy) {
    HullPoint fast = pd.eAboveHull(c, energy);
    HullPoint exact = pd.eAboveHullByProgram(c, energy);
    assertThat(fast.eAboveHullEv()).as("%s", c).isCloseTo(exact.eAboveHullEv(), within(1e-9));
    assertThat(fast.decomposition().keySet()).as("%s", c).isEqualTo(exact.decomposition().keySet());
    exact
        .decomposition()
        .forEach((k, v) -> assertThat(fast.decomposition().get(k)).isCloseTo(v, within(1e-9)));
    return pd.answeredByFacets(c);
  }

  @Test
  void facetsAgreeWithTheLinearProgramOnMaterialsProjectQuinary() {
    List<HullEntry> entries =
        MpFormationData.system(MpFormationData.rowsOrSkip(), Set.of("Fe", "Li", "Mn", "O", "P"));
    compare(PhaseDiagram.build(entries), entries, 5, 3000);
  }

  @Test
  void facetsAgreeWithTheLinearProgramInSixToEightElements() {
    String[] all = {"Li", "Na", "K", "Mg", "Ca", "Al", "O", "F"};
    for (int n = 6; n <= 8; n++) {
      Random rnd = new Random(n);
      List<HullEntry> entries = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        Map<String, Integer> amounts = new HashMap<>();
        int k = 2 + rnd.nextInt(4);
        for (int j = 0; j < k; j++) {
          amounts.put(all[rnd.nextInt(n)], 1 + rnd.nextInt(3));
        }
        entries.add(
            HullEntry.ofFormationEnergy(
                "e" + i,
                Composition.of(amounts),
                -2 * rnd.nextDouble(),
                EnergyFingerprint.UNSPECIFIED));
      }
      compare(PhaseDiagram.build(entries), entries, n, 2000);
    }
  }
}
