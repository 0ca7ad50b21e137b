package io.matscreen.hull;

import java.util.Set;

/**
 * Entries with different energy fingerprints were put on one hull and no declared {@link
 * EnergyCorrection} maps them onto a common fingerprint.
 */
public final class IncompatibleEnergiesException extends HullException {
  private final Set<EnergyFingerprint> fingerprints;

  public IncompatibleEnergiesException(Set<EnergyFingerprint> fingerprints, String detail) {
    super(
        "energies with different fingerprints cannot share a hull: "
            + fingerprints
            + (detail.isEmpty() ? "" : "; " + detail));
    this.fingerprints = Set.copyOf(fingerprints);
  }

  /** The fingerprints found among the entries. */
  public Set<EnergyFingerprint> fingerprints() {
    return fingerprints;
  }
}
