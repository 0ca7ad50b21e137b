package io.matscreen.dft;

import java.util.List;

/**
 * What a DFT job produced. Energies in eV, forces in eV/Angstrom, stress in kbar, wall time in
 * seconds. {@code finalEnergyEv} is NaN unless the job finished normally ({@link #errorKind()} is
 * NONE or IONIC_NOT_CONVERGED with a completed last SCF); {@code structure} is the last geometry
 * the code reported (the relaxed one on success, the latest one when the job was cut short, the
 * input one when nothing was reported yet; null if unknown).
 *
 * @param code "qe" or "vasp"
 * @param errorKind how the job ended
 * @param errorDetail human-readable reason, empty when NONE
 * @param finalEnergyEv total energy of the cell in eV (NaN if not available)
 * @param nAtoms number of atoms in the cell
 * @param structure last geometry (Angstrom, fractional)
 * @param forcesEvPerAngstrom per-atom forces (null if not available)
 * @param stressKbar 3x3 stress tensor in kbar (null if not available)
 * @param electronicConverged whether the last SCF converged
 * @param ionicConverged whether the geometry optimisation converged (true for single points)
 * @param ionicSteps number of ionic steps (SCF cycles) seen
 * @param wallTimeSeconds wall time reported by the code, NaN if not reported
 * @param codeErrors the code's own errors the parser recognised, in the order it lists them (empty
 *     when the code announced none)
 */
public record DftResult(
    String code,
    DftErrorKind errorKind,
    String errorDetail,
    double finalEnergyEv,
    int nAtoms,
    DftStructure structure,
    double[][] forcesEvPerAngstrom,
    double[][] stressKbar,
    boolean electronicConverged,
    boolean ionicConverged,
    int ionicSteps,
    double wallTimeSeconds,
    List<CodeError> codeErrors) {

  /** Copies the error list. */
  public DftResult {
    codeErrors = codeErrors == null ? List.of() : List.copyOf(codeErrors);
  }

  /** The recognised errors of one code's error type, e.g. {@code codeErrors(VaspError.class)}. */
  public <E extends CodeError> List<E> codeErrors(Class<E> type) {
    return codeErrors.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Energy per atom in eV/atom (NaN when the total energy is not available). */
  public double energyPerAtomEv() {
    return nAtoms > 0 ? finalEnergyEv / nAtoms : Double.NaN;
  }

  /** True when the job finished normally with converged electrons and geometry. */
  public boolean successful() {
    return errorKind == DftErrorKind.NONE && !Double.isNaN(finalEnergyEv);
  }

  /** Largest per-atom force magnitude in eV/Angstrom, NaN if forces are not available. */
  public double maxForceEvPerAngstrom() {
    if (forcesEvPerAngstrom == null) {
      return Double.NaN;
    }
    double max = 0;
    for (double[] f : forcesEvPerAngstrom) {
      max = Math.max(max, Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]));
    }
    return max;
  }

  /** Pressure (minus one third of the stress trace... sign as the code prints it) in kbar. */
  public double pressureKbar() {
    if (stressKbar == null) {
      return Double.NaN;
    }
    return (stressKbar[0][0] + stressKbar[1][1] + stressKbar[2][2]) / 3.0;
  }

  /** The same result with the error replaced, e.g. when the scheduler reports a timeout. */
  public DftResult withError(DftErrorKind kind, String detail) {
    double energy = kind == DftErrorKind.NONE ? finalEnergyEv : Double.NaN;
    return new DftResult(
        code,
        kind,
        detail,
        energy,
        nAtoms,
        structure,
        forcesEvPerAngstrom,
        stressKbar,
        electronicConverged,
        ionicConverged,
        ionicSteps,
        wallTimeSeconds,
        codeErrors);
  }
}
