package io.matscreen.dft;

import java.util.Objects;

/**
 * What makes two DFT energies comparable: the code, the exchange-correlation functional, the
 * pseudopotential set and the correction scheme (e.g. "none", "MP2020").
 */
public record EnergyFingerprintInfo(
    String code, String functional, String pseudopotentialSet, String corrections) {

  /** All four parts are required. */
  public EnergyFingerprintInfo {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(functional, "functional");
    Objects.requireNonNull(pseudopotentialSet, "pseudopotentialSet");
    Objects.requireNonNull(corrections, "corrections");
  }

  /** A single string such as {@code qe|PBE|psl-debian|none}, handy as a database key. */
  public String asKey() {
    return code + "|" + functional + "|" + pseudopotentialSet + "|" + corrections;
  }
}
