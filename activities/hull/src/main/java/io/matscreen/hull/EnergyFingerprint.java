package io.matscreen.hull;

import java.util.Objects;

/**
 * Where an energy comes from: code, exchange-correlation functional, pseudopotential set and
 * correction scheme. Energies are comparable on one hull only when their fingerprints are equal (or
 * a declared {@link EnergyCorrection} maps one onto the other).
 */
public record EnergyFingerprint(
    String code, String functional, String pseudopotentials, String correctionScheme) {

  /** Materials Project GGA/GGA+U (VASP, PBE PAW) energies with the MP2020 corrections applied. */
  public static final EnergyFingerprint MP_GGA_MP2020 =
      of("VASP", "PBE/PBE+U", "PAW_PBE (MP)", Mp2020Compatibility.SCHEME);

  /** Materials Project GGA/GGA+U (VASP, PBE PAW) energies as computed, before any correction. */
  public static final EnergyFingerprint MP_GGA_UNCORRECTED =
      of("VASP", "PBE/PBE+U", "PAW_PBE (MP)", "none");

  /** Energies whose origin the user did not state (e.g. a CSV given to {@code matscreen hull}). */
  public static final EnergyFingerprint UNSPECIFIED =
      of("unspecified", "unspecified", "unspecified", "unspecified");

  public EnergyFingerprint {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(functional, "functional");
    Objects.requireNonNull(pseudopotentials, "pseudopotentials");
    Objects.requireNonNull(correctionScheme, "correctionScheme");
  }

  public static EnergyFingerprint of(
      String code, String functional, String pseudopotentials, String corrections) {
    return new EnergyFingerprint(code, functional, pseudopotentials, corrections);
  }

  /**
   * Energies predicted by a machine-learned model: a fingerprint of their own, named after the
   * training data (e.g. its content hash), since a model reproduces its training data's energy
   * scale only up to its error.
   */
  public static EnergyFingerprint mlPrediction(String trainingDataFingerprint) {
    return of("ml-model", "trained-on:" + trainingDataFingerprint, "n/a", "n/a");
  }

  /** Quantum ESPRESSO energies with the given functional and pseudopotential set, uncorrected. */
  public static EnergyFingerprint quantumEspresso(String functional, String pseudopotentials) {
    return of("QuantumESPRESSO", functional, pseudopotentials, "none");
  }

  @Override
  public String toString() {
    return code + "/" + functional + "/" + pseudopotentials + "/" + correctionScheme;
  }
}
