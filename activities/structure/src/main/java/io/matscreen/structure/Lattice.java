package io.matscreen.structure;

import java.util.Arrays;

/**
 * An immutable crystal lattice: three basis vectors a, b, c as the rows of a 3×3 matrix, in
 * Angstrom (Cartesian). Fractional coordinates are row vectors: cart = frac · matrix.
 */
public final class Lattice {
  private final double[][] matrix;
  private final double[][] inverse;
  private final double volume;

  /** A lattice from its row vectors a, b, c in Angstrom; they must be finite and not coplanar. */
  public Lattice(double[][] rowVectorsAngstrom) {
    if (rowVectorsAngstrom == null || rowVectorsAngstrom.length != 3) {
      throw new IllegalArgumentException("a lattice needs exactly 3 row vectors");
    }
    matrix = new double[3][];
    for (int i = 0; i < 3; i++) {
      if (rowVectorsAngstrom[i] == null || rowVectorsAngstrom[i].length != 3) {
        throw new IllegalArgumentException("lattice vector " + i + " must have 3 components");
      }
      for (double v : rowVectorsAngstrom[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "lattice vector " + i + " is not finite: " + Arrays.toString(rowVectorsAngstrom[i]));
        }
      }
      matrix[i] = rowVectorsAngstrom[i].clone();
    }
    double det = determinant(matrix);
    double scale = norm(matrix[0]) * norm(matrix[1]) * norm(matrix[2]);
    if (!(Math.abs(det) > 1e-8 * Math.max(scale, 1e-300)) || scale == 0) {
      throw new IllegalArgumentException(
          "lattice vectors are (nearly) coplanar, volume "
              + det
              + " Å^3: "
              + Arrays.deepToString(matrix));
    }
    volume = Math.abs(det);
    inverse = invert(matrix, det);
  }

  /**
   * A lattice from cell lengths (Angstrom) and angles (degrees) in the usual orientation: a along
   * x, b in the xy plane.
   */
  public static Lattice fromParameters(
      double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg) {
    for (double v : new double[] {a, b, c}) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "cell lengths must be positive and finite: " + a + ", " + b + ", " + c);
      }
    }
    for (double v : new double[] {alphaDeg, betaDeg, gammaDeg}) {
      if (!(v > 0 && v < 180)) {
        throw new IllegalArgumentException(
            "cell angles must lie strictly between 0 and 180 degrees: "
                + alphaDeg
                + ", "
                + betaDeg
                + ", "
                + gammaDeg);
      }
    }
    double ca = cosDeg(alphaDeg);
    double cb = cosDeg(betaDeg);
    double cg = cosDeg(gammaDeg);
    double sg = Math.sin(Math.toRadians(gammaDeg));
    if (Math.abs(gammaDeg - 90) < 1e-12) {
      sg = 1;
    }
    double cx = c * cb;
    double cy = c * (ca - cb * cg) / sg;
    double cz2 = c * c - cx * cx - cy * cy;
    if (!(cz2 > 0)) {
      throw new IllegalArgumentException(
          "cell angles " + alphaDeg + ", " + betaDeg + ", " + gammaDeg + " do not form a cell");
    }
    return new Lattice(new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {cx, cy, Math.sqrt(cz2)}});
  }

  /**
   * Cosine of an angle in degrees, exact at 90 degrees so that orthogonal cells stay orthogonal.
   */
  private static double cosDeg(double deg) {
    return Math.abs(deg - 90) < 1e-12 ? 0.0 : Math.cos(Math.toRadians(deg));
  }

  /** A copy of the matrix; rows are a, b, c in Angstrom. */
  public double[][] matrix() {
    return new double[][] {matrix[0].clone(), matrix[1].clone(), matrix[2].clone()};
  }

  /** Cell volume in Å^3. */
  public double volume() {
    return volume;
  }

  /** Lengths a, b, c in Angstrom. */
  public double[] abc() {
    return new double[] {norm(matrix[0]), norm(matrix[1]), norm(matrix[2])};
  }

  /** Angles alpha (b,c), beta (a,c), gamma (a,b) in degrees. */
  public double[] anglesDegrees() {
    return new double[] {
      angle(matrix[1], matrix[2]), angle(matrix[0], matrix[2]), angle(matrix[0], matrix[1])
    };
  }

  /** Cartesian coordinates (Angstrom) of a fractional position. */
  public double[] cartesian(double[] frac) {
    double[] out = new double[3];
    for (int j = 0; j < 3; j++) {
      out[j] = frac[0] * matrix[0][j] + frac[1] * matrix[1][j] + frac[2] * matrix[2][j];
    }
    return out;
  }

  /** Fractional coordinates of a Cartesian position (Angstrom). */
  public double[] fractional(double[] cart) {
    double[] out = new double[3];
    for (int j = 0; j < 3; j++) {
      out[j] = cart[0] * inverse[0][j] + cart[1] * inverse[1][j] + cart[2] * inverse[2][j];
    }
    return out;
  }

  /** Reciprocal lattice vectors as rows, with the factor 2π, in 1/Angstrom. */
  public double[][] reciprocalMatrix() {
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = 2 * Math.PI * inverse[j][i];
      }
    }
    return out;
  }

  /** This lattice with every vector scaled by the same factor. */
  public Lattice scaled(double factor) {
    double[][] m = matrix();
    for (double[] row : m) {
      for (int j = 0; j < 3; j++) {
        row[j] *= factor;
      }
    }
    return new Lattice(m);
  }

  /**
   * Shortest Cartesian distance (Angstrom) between two fractional positions under periodic boundary
   * conditions (checks the 27 neighbouring images of the wrapped difference).
   */
  public double periodicDistance(double[] fracA, double[] fracB) {
    double[] d = new double[3];
    for (int k = 0; k < 3; k++) {
      double x = fracA[k] - fracB[k];
      d[k] = x - Math.rint(x);
    }
    double best = Double.MAX_VALUE;
    double[] t = new double[3];
    for (int i = -1; i <= 1; i++) {
      for (int j = -1; j <= 1; j++) {
        for (int k = -1; k <= 1; k++) {
          t[0] = d[0] + i;
          t[1] = d[1] + j;
          t[2] = d[2] + k;
          double[] c = cartesian(t);
          double dist2 = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
          if (dist2 < best) {
            best = dist2;
          }
        }
      }
    }
    return Math.sqrt(best);
  }

  private static double angle(double[] u, double[] v) {
    double cos = dot(u, v) / (norm(u) * norm(v));
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  private static double norm(double[] u) {
    return Math.sqrt(dot(u, u));
  }

  static double determinant(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static double[][] invert(double[][] m, double det) {
    double[][] r = new double[3][3];
    r[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    r[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    r[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    r[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    r[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    r[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    r[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    r[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    r[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lattice l && Arrays.deepEquals(matrix, l.matrix);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(matrix);
  }

  @Override
  public String toString() {
    double[] abc = abc();
    double[] ang = anglesDegrees();
    return String.format(
        java.util.Locale.ROOT,
        "Lattice(a=%.6f b=%.6f c=%.6f alpha=%.4f beta=%.4f gamma=%.4f)",
        abc[0],
        abc[1],
        abc[2],
        ang[0],
        ang[1],
        ang[2]);
  }
}
