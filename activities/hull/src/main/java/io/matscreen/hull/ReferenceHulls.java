package io.matscreen.hull;

import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The known hulls of every chemical system spanned by a set of reference entries (e.g. a whole
 * Materials Project table): the phase diagram of a system is built on first use from the references
 * whose elements lie in it, and kept. Safe for concurrent queries.
 */
public final class ReferenceHulls {
  private final Map<String, List<HullEntry>> byChemicalSystem = new HashMap<>();
  private final Collection<? extends EnergyCorrection> corrections;
  private final EnergyFingerprint fingerprint;
  private final EnergyKind kind;
  private final Map<String, PhaseDiagram> diagrams = new ConcurrentHashMap<>();

  private ReferenceHulls(
      Collection<HullEntry> references,
      EnergyKind kind,
      EnergyFingerprint fingerprint,
      Collection<? extends EnergyCorrection> corrections) {
    this.kind = kind;
    this.fingerprint = fingerprint;
    this.corrections = List.copyOf(corrections);
    for (HullEntry e : references) {
      byChemicalSystem
          .computeIfAbsent(e.composition().chemicalSystem(), k -> new ArrayList<>())
          .add(e);
    }
  }

  /**
   * Reference hulls of formation-energy entries (elements implicitly at 0 eV/atom) with the given
   * fingerprint, which queries without entries must also have.
   */
  public static ReferenceHulls ofFormationEnergies(
      Collection<HullEntry> references, EnergyFingerprint fingerprint) {
    return new ReferenceHulls(references, EnergyKind.FORMATION, fingerprint, List.of());
  }

  /** Reference hulls with declared corrections for entries of other fingerprints. */
  public static ReferenceHulls of(
      Collection<HullEntry> references,
      EnergyKind kind,
      EnergyFingerprint fingerprint,
      Collection<? extends EnergyCorrection> corrections) {
    return new ReferenceHulls(references, kind, fingerprint, corrections);
  }

  /** The phase diagram of the chemical system of these elements (built once, then cached). */
  public PhaseDiagram forSystem(Set<String> elements) {
    String key = String.join("-", new java.util.TreeSet<>(elements));
    PhaseDiagram pd = diagrams.get(key);
    if (pd == null) {
      pd = build(List.copyOf(new java.util.TreeSet<>(elements)));
      PhaseDiagram prev = diagrams.putIfAbsent(key, pd);
      if (prev != null) {
        pd = prev;
      }
    }
    return pd;
  }

  private PhaseDiagram build(List<String> elements) {
    int n = elements.size();
    if (n > PhaseDiagram.MAX_ELEMENTS) {
      throw new HullException(
          "chemical system "
              + String.join("-", elements)
              + " has "
              + n
              + " elements; at most "
              + PhaseDiagram.MAX_ELEMENTS
              + " are supported");
    }
    List<HullEntry> entries = new ArrayList<>();
    for (int mask = 1; mask < (1 << n); mask++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        if ((mask & (1 << k)) != 0) {
          if (sb.length() > 0) {
            sb.append('-');
          }
          sb.append(elements.get(k));
        }
      }
      List<HullEntry> sub = byChemicalSystem.get(sb.toString());
      if (sub != null) {
        entries.addAll(sub);
      }
    }
    if (kind == EnergyKind.FORMATION) {
      // Elements are implicitly at 0: an element-only entry pins the system's elements even when
      // no reference lies in it.
      for (String el : elements) {
        entries.add(
            HullEntry.ofFormationEnergy("element:" + el, Composition.parse(el), 0.0, fingerprint));
      }
    }
    return PhaseDiagram.build(entries, corrections);
  }

  /** Energy above the known hull of a phase (energy per atom in the references' kind, eV/atom). */
  public HullPoint eAboveHull(Composition composition, double energyPerAtom) {
    return forSystem(composition.elements()).eAboveHull(composition, energyPerAtom);
  }

  /** Energy above the known hull of an entry (its fingerprint must match or be mapped). */
  public HullPoint eAboveHull(HullEntry entry) {
    return forSystem(entry.composition().elements()).eAboveHull(entry);
  }
}
