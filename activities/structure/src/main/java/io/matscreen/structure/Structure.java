package io.matscreen.structure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable periodic crystal structure: a lattice and its sites (fractional coordinates). */
public final class Structure {
  private final Lattice lattice;
  private final List<Site> sites;

  /** A structure with at least one site. */
  public Structure(Lattice lattice, List<Site> sites) {
    if (lattice == null) {
      throw new IllegalArgumentException("a structure needs a lattice");
    }
    if (sites == null || sites.isEmpty()) {
      throw new IllegalArgumentException("a structure needs at least one site");
    }
    this.lattice = lattice;
    this.sites = List.copyOf(sites);
  }

  public Lattice lattice() {
    return lattice;
  }

  /** The sites, unmodifiable. */
  public List<Site> sites() {
    return sites;
  }

  public int numSites() {
    return sites.size();
  }

  public Site site(int i) {
    return sites.get(i);
  }

  /** Composition of the cell, each species weighted by its occupancy. */
  public Composition composition() {
    LinkedHashMap<String, Double> amounts = new LinkedHashMap<>();
    for (Site s : sites) {
      s.species().forEach((el, occ) -> amounts.merge(el, occ, Double::sum));
    }
    return Composition.of(amounts);
  }

  /** True when every site is ordered. */
  public boolean isOrdered() {
    for (Site s : sites) {
      if (!s.isOrdered()) {
        return false;
      }
    }
    return true;
  }

  /** Cell volume divided by the number of sites, Å^3 per site. */
  public double volumePerAtom() {
    return lattice.volume() / sites.size();
  }

  /**
   * The same structure with species replaced: {@code elementMap} maps old element symbols to new
   * ones; elements not in the map stay. Species mapped onto the same element on one site merge.
   */
  public Structure substitute(Map<String, String> elementMap) {
    for (Map.Entry<String, String> e : elementMap.entrySet()) {
      if (!Element.isSymbol(e.getValue())) {
        throw new IllegalArgumentException(
            "cannot substitute " + e.getKey() + " by '" + e.getValue() + "': not an element");
      }
    }
    List<Site> out = new ArrayList<>(sites.size());
    for (Site s : sites) {
      LinkedHashMap<String, Double> species = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<String, Double> e : s.species().entrySet()) {
        String to = elementMap.getOrDefault(e.getKey(), e.getKey());
        changed |= !to.equals(e.getKey());
        species.merge(to, e.getValue(), Double::sum);
      }
      out.add(changed ? s.withSpecies(species) : s);
    }
    return new Structure(lattice, out);
  }

  /** The same structure with the lattice scaled isotropically to {@code newVolume} Å^3. */
  public Structure scaledToVolume(double newVolume) {
    if (!(newVolume > 0) || Double.isInfinite(newVolume)) {
      throw new IllegalArgumentException("volume must be positive and finite: " + newVolume);
    }
    return new Structure(lattice.scaled(Math.cbrt(newVolume / lattice.volume())), sites);
  }

  /** The same structure with every fractional coordinate wrapped into [0, 1). */
  public Structure wrapped() {
    List<Site> out = new ArrayList<>(sites.size());
    for (Site s : sites) {
      double[] f = s.frac();
      for (int k = 0; k < 3; k++) {
        f[k] = f[k] - Math.floor(f[k]);
        if (f[k] >= 1.0) {
          f[k] = 0.0;
        }
      }
      out.add(s.withFrac(f));
    }
    return new Structure(lattice, out);
  }

  /** Distinct species maps in order of first appearance (one per spglib atom type). */
  public List<Map<String, Double>> distinctSpecies() {
    List<Map<String, Double>> out = new ArrayList<>();
    for (Site s : sites) {
      if (!out.contains(s.species())) {
        out.add(s.species());
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(composition().formula()).append(' ').append(lattice).append('\n');
    for (Site s : sites) {
      sb.append("  ").append(s).append('\n');
    }
    return sb.toString();
  }
}
