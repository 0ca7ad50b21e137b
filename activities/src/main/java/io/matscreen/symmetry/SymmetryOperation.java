package io.matscreen.symmetry;

import java.util.Arrays;

/**
 * A space-group operation in fractional coordinates: x' = R x + t, with R an integer matrix
 * (row-major, acting on column vectors) and t a translation in fractions of the cell.
 */
public record SymmetryOperation(int[][] rotation, double[] translation) {

  public SymmetryOperation {
    rotation = new int[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
    translation = translation.clone();
  }

  /** The image of a fractional position (not wrapped into the cell). */
  public double[] apply(double[] frac) {
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] =
          rotation[i][0] * frac[0]
              + rotation[i][1] * frac[1]
              + rotation[i][2] * frac[2]
              + translation[i];
    }
    return out;
  }

  @Override
  public int[][] rotation() {
    return new int[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
  }

  @Override
  public double[] translation() {
    return translation.clone();
  }

  /** The operation as a CIF xyz string, e.g. "-y,x-y,z+1/3". */
  public String toXyz() {
    StringBuilder sb = new StringBuilder();
    String[] axes = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        sb.append(',');
      }
      StringBuilder term = new StringBuilder();
      for (int j = 0; j < 3; j++) {
        int r = rotation[i][j];
        if (r == 0) {
          continue;
        }
        if (r < 0) {
          term.append('-');
        } else if (term.length() > 0) {
          term.append('+');
        }
        if (Math.abs(r) != 1) {
          term.append(Math.abs(r));
        }
        term.append(axes[j]);
      }
      double t = translation[i] - Math.floor(translation[i]);
      if (t > 1e-9 && t < 1 - 1e-9) {
        term.append(term.length() > 0 ? "+" : "").append(fraction(t));
      }
      sb.append(term.length() == 0 ? "0" : term);
    }
    return sb.toString();
  }

  private static String fraction(double t) {
    for (int den : new int[] {2, 3, 4, 6, 8, 12}) {
      double num = t * den;
      if (Math.abs(num - Math.rint(num)) < 1e-6) {
        return (long) Math.rint(num) + "/" + den;
      }
    }
    return String.format(java.util.Locale.ROOT, "%.8f", t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymmetryOperation s
        && Arrays.deepEquals(rotation, s.rotation)
        && Arrays.equals(translation, s.translation);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(rotation) * 31 + Arrays.hashCode(translation);
  }

  @Override
  public String toString() {
    return toXyz();
  }
}
