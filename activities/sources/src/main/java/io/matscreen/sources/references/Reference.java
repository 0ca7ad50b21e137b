package io.matscreen.sources.references;

import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.structure.Composition;
import io.matscreen.structure.Structure;
import java.util.Objects;

/**
 * A known material from a reference set (a file, an OPTIMADE provider, the Materials Project): its
 * id, where it came from, its composition, its structure when the source gives one, and its
 * formation energy per atom (eV/atom) with the fingerprint of that energy when known.
 */
public record Reference(
    String id,
    String source,
    Composition composition,
    Structure structure,
    Double formationEnergyPerAtom,
    EnergyFingerprint fingerprint) {

  public Reference {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(composition, "composition");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (formationEnergyPerAtom != null && !Double.isFinite(formationEnergyPerAtom)) {
      throw new IllegalArgumentException(
          "reference " + id + ": formation energy " + formationEnergyPerAtom + " is not finite");
    }
  }

  /** The reduced formula, e.g. "Fe2O3". */
  public String reducedFormula() {
    return composition.reducedFormula();
  }

  /** Whether the reference has an energy and can stand on a hull. */
  public boolean hasEnergy() {
    return formationEnergyPerAtom != null;
  }

  /** Whether the reference has a structure (substitution seeds and DFT need one). */
  public boolean hasStructure() {
    return structure != null;
  }
}
