package io.matscreen.store;

import java.util.Locale;

/**
 * What a DFT job relaxes: a known phase of the DFT hull or a candidate. Stored as {@link #text()}
 * ("reference", "candidate"), the text the role column has always had.
 */
public enum DftJobRole {
  REFERENCE,
  CANDIDATE;

  /** The role column's text. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DftJobRole fromColumn(String jobKey, String text) {
    return EnumColumns.read(values(), DftJobRole::text, "DFT job " + jobKey, "role", text);
  }
}
