package io.matscreen.dft.qe;

import java.nio.file.Path;

/**
 * One UPF pseudopotential file and what its header says: element, functional, type (PAW, US, NC),
 * and the suggested minimum cutoffs in Ry (0 when the file gives none).
 */
public record Pseudopotential(
    Path file,
    String element,
    String functional,
    String type,
    String relativistic,
    double suggestedEcutwfcRy,
    double suggestedEcutrhoRy) {

  /** File name inside the pseudopotential directory. */
  public String fileName() {
    return file.getFileName().toString();
  }

  /** True for a scalar- or non-relativistic PBE potential (the functional header says PBE). */
  public boolean isPbe() {
    String f = functional.replaceAll("[\\s+]+", " ").trim().toUpperCase(java.util.Locale.ROOT);
    return f.equals("PBE") || f.equals("SLA PW PBE PBE") || f.equals("SLA PW PBX PBC");
  }
}
