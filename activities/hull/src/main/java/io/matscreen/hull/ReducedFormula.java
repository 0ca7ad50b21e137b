package io.matscreen.hull;

import io.matscreen.structure.Composition;
import java.util.Map;

/**
 * Reduced formulas as pymatgen writes them in phase diagrams: {@link Composition#reducedFormula()}
 * except that diatomic elements and alkali/hydrogen peroxides keep their molecular formula (O2, N2,
 * F2, Cl2, H2, Li2O2, Na2O2, K2O2, Rb2O2, Cs2O2, H2O2), so that decompositions read as pymatgen's
 * do ("BN:0.5;N2:0.5").
 */
public final class ReducedFormula {
  private static final Map<String, String> SPECIAL =
      Map.ofEntries(
          Map.entry("LiO", "Li2O2"),
          Map.entry("NaO", "Na2O2"),
          Map.entry("KO", "K2O2"),
          Map.entry("HO", "H2O2"),
          Map.entry("CsO", "Cs2O2"),
          Map.entry("RbO", "Rb2O2"),
          Map.entry("O", "O2"),
          Map.entry("N", "N2"),
          Map.entry("F", "F2"),
          Map.entry("Cl", "Cl2"),
          Map.entry("H", "H2"));

  private ReducedFormula() {}

  /** The reduced formula of a composition, pymatgen's special cases included. */
  public static String of(Composition composition) {
    String reduced = composition.reducedFormula();
    return SPECIAL.getOrDefault(reduced, reduced);
  }
}
