package io.matscreen.dft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The minimal crystal structure the DFT library needs: lattice rows in Angstrom, one element symbol
 * and one fractional coordinate triple per site.
 */
public record DftStructure(
    double[][] latticeAngstrom, List<String> species, List<double[]> fractional) {

  /** Validates shapes and copies the arrays so that the record is effectively immutable. */
  public DftStructure {
    Objects.requireNonNull(latticeAngstrom, "latticeAngstrom");
    Objects.requireNonNull(species, "species");
    Objects.requireNonNull(fractional, "fractional");
    if (latticeAngstrom.length != 3) {
      throw new IllegalArgumentException("lattice must have 3 rows, got " + latticeAngstrom.length);
    }
    double[][] lat = new double[3][];
    for (int i = 0; i < 3; i++) {
      if (latticeAngstrom[i] == null || latticeAngstrom[i].length != 3) {
        throw new IllegalArgumentException("lattice row " + i + " must have 3 components");
      }
      lat[i] = latticeAngstrom[i].clone();
      for (double v : lat[i]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("lattice row " + i + " has a non-finite component");
        }
      }
    }
    if (species.size() != fractional.size()) {
      throw new IllegalArgumentException(
          "species (" + species.size() + ") and coordinates (" + fractional.size() + ") differ");
    }
    if (species.isEmpty()) {
      throw new IllegalArgumentException("a structure needs at least one site");
    }
    List<double[]> fr = new ArrayList<>(fractional.size());
    for (int i = 0; i < fractional.size(); i++) {
      double[] f = fractional.get(i);
      if (f == null || f.length != 3) {
        throw new IllegalArgumentException("site " + i + " must have 3 fractional coordinates");
      }
      for (double v : f) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("site " + i + " has a non-finite coordinate");
        }
      }
      fr.add(f.clone());
    }
    latticeAngstrom = lat;
    species = List.copyOf(species);
    fractional = List.copyOf(fr);
    if (volumeAngstrom3(lat) <= 1e-6) {
      throw new IllegalArgumentException("lattice is singular or left-handed (volume <= 0)");
    }
  }

  /** Number of sites. */
  public int nAtoms() {
    return species.size();
  }

  /** Copy of lattice row i in Angstrom. */
  public double[] latticeRow(int i) {
    return latticeAngstrom[i].clone();
  }

  @Override
  public double[][] latticeAngstrom() {
    return new double[][] {
      latticeAngstrom[0].clone(), latticeAngstrom[1].clone(), latticeAngstrom[2].clone()
    };
  }

  /** Cell volume in cubic Angstrom. */
  public double volumeAngstrom3() {
    return volumeAngstrom3(latticeAngstrom);
  }

  /** Distinct element symbols in order of first appearance. */
  public List<String> distinctSpecies() {
    List<String> out = new ArrayList<>();
    for (String s : species) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Lengths of the reciprocal lattice vectors in 1/Angstrom, including the factor 2*pi (so that
   * |b_i| = 2*pi / d_i for the interplanar spacing d_i).
   */
  public double[] reciprocalLengthsInverseAngstrom() {
    double[][] a = latticeAngstrom;
    double v = volumeAngstrom3(a);
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      double[] c = cross(a[(i + 1) % 3], a[(i + 2) % 3]);
      out[i] = 2 * Math.PI * Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]) / v;
    }
    return out;
  }

  /** Cartesian position of site i in Angstrom. */
  public double[] cartesianAngstrom(int i) {
    double[] f = fractional.get(i);
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      out[k] =
          f[0] * latticeAngstrom[0][k]
              + f[1] * latticeAngstrom[1][k]
              + f[2] * latticeAngstrom[2][k];
    }
    return out;
  }

  /**
   * Fractional coordinates of a Cartesian point (Angstrom) in the given lattice (rows, Angstrom).
   */
  public static double[] toFractional(double[][] lattice, double[] cart) {
    double[][] inv = inverse(lattice);
    double[] f = new double[3];
    for (int k = 0; k < 3; k++) {
      f[k] = cart[0] * inv[0][k] + cart[1] * inv[1][k] + cart[2] * inv[2][k];
    }
    return f;
  }

  static double volumeAngstrom3(double[][] a) {
    double[] c = cross(a[1], a[2]);
    return a[0][0] * c[0] + a[0][1] * c[1] + a[0][2] * c[2];
  }

  private static double[] cross(double[] x, double[] y) {
    return new double[] {
      x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]
    };
  }

  /** Inverse of a 3x3 matrix; rows of the lattice map fractional row vectors to Cartesian. */
  private static double[][] inverse(double[][] m) {
    double det = volumeAngstrom3(m);
    double[][] inv = new double[3][3];
    inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return inv;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DftStructure other)) {
      return false;
    }
    if (!species.equals(other.species)) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (!java.util.Arrays.equals(latticeAngstrom[i], other.latticeAngstrom[i])) {
        return false;
      }
    }
    for (int i = 0; i < fractional.size(); i++) {
      if (!java.util.Arrays.equals(fractional.get(i), other.fractional.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(latticeAngstrom) * 31 + species.hashCode();
  }

  @Override
  public String toString() {
    return "DftStructure" + species + " V=" + String.format("%.3f", volumeAngstrom3()) + " A^3";
  }
}
