package io.matscreen.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable crystal site: species with occupancies (a disordered site has several species or a
 * total occupancy below 1), fractional coordinates and a label.
 */
public final class Site {
  /** Occupancies may exceed 1 by this much (rounding in files) before a site is refused. */
  public static final double OCCUPANCY_TOLERANCE = 1e-3;

  private final Map<String, Double> species;
  private final double[] frac;
  private final String label;

  /**
   * A site; species are element symbols with occupancies in (0, 1], summing to at most 1 (within
   * {@link #OCCUPANCY_TOLERANCE}).
   */
  public Site(Map<String, Double> speciesOccupancy, double[] frac, String label) {
    if (speciesOccupancy == null || speciesOccupancy.isEmpty()) {
      throw new IllegalArgumentException("a site needs at least one species");
    }
    if (frac == null || frac.length != 3) {
      throw new IllegalArgumentException("a site needs 3 fractional coordinates");
    }
    for (double v : frac) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "fractional coordinates must be finite: " + Arrays.toString(frac));
      }
    }
    LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> e : speciesOccupancy.entrySet()) {
      String el = e.getKey();
      Double occ = e.getValue();
      if (!Element.isSymbol(el)) {
        throw new IllegalArgumentException("'" + el + "' is not an element symbol");
      }
      if (occ == null || !(occ > 0) || occ > 1 + OCCUPANCY_TOLERANCE) {
        throw new IllegalArgumentException("occupancy of " + el + " must lie in (0, 1]: " + occ);
      }
      copy.merge(el, occ, Double::sum);
      total += occ;
    }
    if (total > 1 + OCCUPANCY_TOLERANCE) {
      throw new IllegalArgumentException("total occupancy " + total + " exceeds 1 at " + copy);
    }
    this.species = Collections.unmodifiableMap(copy);
    this.frac = frac.clone();
    this.label = label == null || label.isEmpty() ? defaultLabel(copy) : label;
  }

  /** A fully occupied site of one element. */
  public static Site ordered(String element, double x, double y, double z) {
    return new Site(Map.of(element, 1.0), new double[] {x, y, z}, element);
  }

  private static String defaultLabel(Map<String, Double> species) {
    return String.join("", species.keySet());
  }

  /** Element symbol to occupancy, in insertion order. */
  public Map<String, Double> species() {
    return species;
  }

  /** A copy of the fractional coordinates. */
  public double[] frac() {
    return frac.clone();
  }

  /** Fractional coordinate {@code i} (0, 1 or 2) without copying. */
  public double frac(int i) {
    return frac[i];
  }

  public String label() {
    return label;
  }

  /** True for one species at full occupancy (within 1e-6). */
  public boolean isOrdered() {
    return species.size() == 1 && Math.abs(species.values().iterator().next() - 1.0) < 1e-6;
  }

  /** The element of an ordered site; throws {@link IllegalStateException} for a disordered one. */
  public String element() {
    if (!isOrdered()) {
      throw new IllegalStateException("site " + label + " is disordered: " + speciesString());
    }
    return species.keySet().iterator().next();
  }

  /** Species as pymatgen writes them: "Fe" for an ordered site, "Fe:0.500, Ni:0.500" otherwise. */
  public String speciesString() {
    if (isOrdered()) {
      return species.keySet().iterator().next();
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : species.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(':').append(String.format(Locale.ROOT, "%.3f", e.getValue()));
    }
    return sb.toString();
  }

  /** The same species and label at other fractional coordinates. */
  public Site withFrac(double[] newFrac) {
    return new Site(species, newFrac, label);
  }

  /** The same position with other species (label reset to the new species). */
  public Site withSpecies(Map<String, Double> newSpecies) {
    return new Site(newSpecies, frac, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Site s
        && species.equals(s.species)
        && Arrays.equals(frac, s.frac)
        && label.equals(s.label);
  }

  @Override
  public int hashCode() {
    return 31 * species.hashCode() + Arrays.hashCode(frac);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s [%.6f %.6f %.6f] %s", speciesString(), frac[0], frac[1], frac[2], label);
  }
}
