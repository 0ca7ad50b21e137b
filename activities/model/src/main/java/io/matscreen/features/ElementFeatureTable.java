package io.matscreen.features;

import io.matscreen.structure.Element;

/**
 * Per-element input features: a one-hot over atomic number 1–118 (so the first network layer learns
 * an embedding per element) followed by scaled physical properties from CDK's periodic table and,
 * in {@link #WITH_VALENCE}, the valence-electron counts by subshell ({@link ValenceShells}).
 */
public final class ElementFeatureTable {
  /** Highest atomic number with a one-hot slot. */
  public static final int MAX_Z = 118;

  /** One-hot plus six properties: Z, period, group, electronegativity, covalent radius, no-χ. */
  public static final ElementFeatureTable BASIC = new ElementFeatureTable(false);

  /** {@link #BASIC} followed by the s, p, d and f valence-electron counts over 2, 6, 10 and 14. */
  public static final ElementFeatureTable WITH_VALENCE = new ElementFeatureTable(true);

  private static final int BASIC_PROPERTIES = 6;
  private static final int VALENCE_PROPERTIES = 4;

  private final int dim;
  private final float[][] byZ = new float[MAX_Z + 1][];

  private ElementFeatureTable(boolean valence) {
    dim = MAX_Z + BASIC_PROPERTIES + (valence ? VALENCE_PROPERTIES : 0);
    for (int z = 1; z <= MAX_Z; z++) {
      Element el;
      try {
        el = Element.ofAtomicNumber(z);
      } catch (IllegalArgumentException e) {
        continue;
      }
      float[] f = new float[dim];
      f[z - 1] = 1f;
      double chi = el.paulingElectronegativity();
      double radius = el.covalentRadiusAngstrom();
      // Scales bring each property to roughly [0, 1]; a missing value (noble gases have no
      // Pauling electronegativity) becomes 0 with its own indicator so it is not read as a value.
      f[MAX_Z] = (float) (z / 100.0);
      f[MAX_Z + 1] = (float) (el.period() / 7.0);
      f[MAX_Z + 2] = (float) (Math.max(el.group(), 0) / 18.0);
      f[MAX_Z + 3] = Double.isNaN(chi) ? 0f : (float) (chi / 4.0);
      f[MAX_Z + 4] = Double.isNaN(radius) ? 0f : (float) (radius / 2.5);
      f[MAX_Z + 5] = Double.isNaN(chi) ? 1f : 0f;
      if (valence) {
        int[] shells = ValenceShells.of(z);
        f[MAX_Z + 6] = shells[0] / 2f;
        f[MAX_Z + 7] = shells[1] / 6f;
        f[MAX_Z + 8] = shells[2] / 10f;
        f[MAX_Z + 9] = shells[3] / 14f;
      }
      byZ[z] = f;
    }
  }

  /** Length of one element's feature vector. */
  public int dim() {
    return dim;
  }

  /** Copies the features of the element with atomic number z into dest at offset. */
  public void copyInto(int z, float[] dest, int offset) {
    if (z < 1 || z > MAX_Z || byZ[z] == null) {
      throw new IllegalArgumentException("no element features for atomic number " + z);
    }
    System.arraycopy(byZ[z], 0, dest, offset, dim);
  }
}
