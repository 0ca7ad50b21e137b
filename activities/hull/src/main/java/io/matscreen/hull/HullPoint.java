package io.matscreen.hull;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The answer of a hull query: the energy above the hull (eV/atom; 0 on the hull, negative when the
 * point lies below it), the hull's formation energy at that composition (eV/atom), and the
 * decomposition into hull phases keyed by reduced formula with atom fractions summing to 1 (as
 * pymatgen reports them), largest fraction first.
 */
public record HullPoint(
    double eAboveHullEv, double hullFormationEnergyPerAtom, Map<String, Double> decomposition) {

  public HullPoint {
    decomposition = java.util.Collections.unmodifiableMap(decomposition);
  }

  /** The decomposition as "BN:0.5;B:0.5" (fractions to 6 decimals, largest first). */
  public String decompositionString() {
    StringJoiner sj = new StringJoiner(";");
    decomposition.forEach((k, v) -> sj.add(k + ":" + formatFraction(v)));
    return sj.toString();
  }

  static String formatFraction(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
