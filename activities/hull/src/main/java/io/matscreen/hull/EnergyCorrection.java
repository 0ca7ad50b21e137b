package io.matscreen.hull;

/**
 * A declared mapping of energies with one fingerprint onto another, so that both may share a hull.
 * Only what is declared is mapped: a phase diagram refuses any other mix.
 */
public interface EnergyCorrection {
  /** The fingerprint of the entries this correction accepts. */
  EnergyFingerprint from();

  /** The fingerprint of the corrected entries. */
  EnergyFingerprint to();

  /** The corrected entry; its fingerprint is {@link #to()}. */
  HullEntry apply(HullEntry entry);

  /**
   * Declares that energies with fingerprint {@code from} are already on the scale of {@code to}
   * (e.g. an ML model trained on MP2020-corrected formation energies): entries are relabelled,
   * energies unchanged.
   */
  static EnergyCorrection sameScale(EnergyFingerprint from, EnergyFingerprint to) {
    return new EnergyCorrection() {
      @Override
      public EnergyFingerprint from() {
        return from;
      }

      @Override
      public EnergyFingerprint to() {
        return to;
      }

      @Override
      public HullEntry apply(HullEntry entry) {
        return entry.withEnergy(entry.energyPerAtom(), to);
      }

      @Override
      public String toString() {
        return "same scale: " + from + " -> " + to;
      }
    };
  }
}
