package io.matscreen.features;

import io.matscreen.structure.Element;

/**
 * Per-element input features: a one-hot over atomic number 1–118 (so the first network layer learns
 * an embedding per element) followed by six scaled physical properties from CDK's periodic table.
 */
public final class ElementFeatureTable {
  /** Highest atomic number with a one-hot slot. */
  public static final int MAX_Z = 118;

  /** Number of physical properties appended after the one-hot. */
  public static final int PHYSICAL = 6;

  /** Length of one element's feature vector. */
  public static final int DIM = MAX_Z + PHYSICAL;

  private static final float[][] BY_Z = new float[MAX_Z + 1][];

  static {
    for (int z = 1; z <= MAX_Z; z++) {
      Element el;
      try {
        el = Element.ofAtomicNumber(z);
      } catch (IllegalArgumentException e) {
        continue;
      }
      float[] f = new float[DIM];
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
      BY_Z[z] = f;
    }
  }

  private ElementFeatureTable() {}

  /** Copies the features of the element with atomic number z into dest at offset. */
  public static void copyInto(int z, float[] dest, int offset) {
    if (z < 1 || z > MAX_Z || BY_Z[z] == null) {
      throw new IllegalArgumentException("no element features for atomic number " + z);
    }
    System.arraycopy(BY_Z[z], 0, dest, offset, DIM);
  }
}
