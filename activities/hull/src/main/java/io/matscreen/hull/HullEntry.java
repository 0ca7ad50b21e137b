package io.matscreen.hull;

import io.matscreen.structure.Composition;
import java.util.Objects;

/**
 * One phase on (or above) a hull: an id, its composition and its energy per atom (eV/atom, a
 * formation or a total energy as {@link #energyKind()} says), with the fingerprint of the
 * calculation or model it came from.
 */
public record HullEntry(
    String id,
    Composition composition,
    double energyPerAtom,
    EnergyKind energyKind,
    EnergyFingerprint fingerprint) {

  public HullEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(composition, "composition");
    Objects.requireNonNull(energyKind, "energyKind");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!Double.isFinite(energyPerAtom)) {
      throw new HullException(
          "entry "
              + id
              + " ("
              + composition
              + "): energy per atom is not finite: "
              + energyPerAtom);
    }
  }

  /** An entry with a formation energy per atom (eV/atom); the elements are at 0. */
  public static HullEntry ofFormationEnergy(
      String id, Composition composition, double eFormPerAtom, EnergyFingerprint fingerprint) {
    return new HullEntry(id, composition, eFormPerAtom, EnergyKind.FORMATION, fingerprint);
  }

  /** An entry with a total energy per atom (eV/atom). */
  public static HullEntry ofTotalEnergy(
      String id,
      Composition composition,
      double totalEnergyPerAtom,
      EnergyFingerprint fingerprint) {
    return new HullEntry(id, composition, totalEnergyPerAtom, EnergyKind.TOTAL, fingerprint);
  }

  /** The same entry with another energy per atom and fingerprint (used by corrections). */
  public HullEntry withEnergy(double newEnergyPerAtom, EnergyFingerprint newFingerprint) {
    return new HullEntry(id, composition, newEnergyPerAtom, energyKind, newFingerprint);
  }

  /** True when the composition has a single element. */
  public boolean isElement() {
    return composition.numElements() == 1;
  }
}
