package io.matscreen.dft;

/** Monkhorst-Pack grid sizes chosen from a k-point density along each reciprocal vector. */
public final class KpointGrid {
  private KpointGrid() {}

  /**
   * Grid n_i = max(1, ceil(density * |b_i|)) with |b_i| in 1/Angstrom including 2*pi; density is in
   * k-points per 1/Angstrom (e.g. 2.5 gives 5x5x5 for diamond Si, a = 5.47 Angstrom).
   */
  public static int[] fromDensity(DftStructure s, double densityPerInverseAngstrom) {
    if (!(densityPerInverseAngstrom > 0) || Double.isInfinite(densityPerInverseAngstrom)) {
      throw new DftInputException(
          "kpoint_density must be a positive number of k-points per 1/Angstrom, got "
              + densityPerInverseAngstrom);
    }
    double[] b = s.reciprocalLengthsInverseAngstrom();
    int[] n = new int[3];
    for (int i = 0; i < 3; i++) {
      // The small tolerance keeps 2.0000000001 from becoming 3 through rounding noise.
      n[i] = Math.max(1, (int) Math.ceil(densityPerInverseAngstrom * b[i] - 1e-6));
    }
    return n;
  }
}
