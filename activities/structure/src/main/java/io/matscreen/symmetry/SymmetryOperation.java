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

  /**
   * Reads an operation written as in CIF files, e.g. "-y, x-y, z+1/3" or "1/2+X,-Y,0.5-Z".
   *
   * @throws IllegalArgumentException naming the part that cannot be read
   */
  public static SymmetryOperation parseXyz(String xyz) {
    String[] parts = xyz.replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT).split(",", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "symmetry operation '" + xyz + "' must have 3 comma-separated parts");
    }
    int[][] rot = new int[3][3];
    double[] tr = new double[3];
    java.util.regex.Pattern term =
        java.util.regex.Pattern.compile("([+-]?)([0-9]*\\.?[0-9]*(?:/[0-9]+)?)([xyz]?)");
    for (int i = 0; i < 3; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw new IllegalArgumentException("symmetry operation '" + xyz + "' has an empty part");
      }
      java.util.regex.Matcher m = term.matcher(part);
      int at = 0;
      while (at < part.length()) {
        if (!m.find(at) || m.start() != at || m.end() == at) {
          throw new IllegalArgumentException(
              "symmetry operation '" + xyz + "': cannot read '" + part.substring(at) + "'");
        }
        String sign = m.group(1);
        String number = m.group(2);
        String axis = m.group(3);
        if (at > 0 && sign.isEmpty()) {
          throw new IllegalArgumentException(
              "symmetry operation '" + xyz + "': missing '+' or '-' before '" + m.group() + "'");
        }
        if (number.isEmpty() && axis.isEmpty()) {
          throw new IllegalArgumentException(
              "symmetry operation '" + xyz + "': dangling sign in '" + part + "'");
        }
        double value = number.isEmpty() ? 1.0 : parseNumber(number, xyz);
        if (sign.equals("-")) {
          value = -value;
        }
        if (axis.isEmpty()) {
          tr[i] += value;
        } else {
          if (value != Math.rint(value)) {
            throw new IllegalArgumentException(
                "symmetry operation '" + xyz + "': coefficient of " + axis + " is not an integer");
          }
          rot[i][axis.charAt(0) - 'x'] += (int) value;
        }
        at = m.end();
      }
    }
    int det =
        rot[0][0] * (rot[1][1] * rot[2][2] - rot[1][2] * rot[2][1])
            - rot[0][1] * (rot[1][0] * rot[2][2] - rot[1][2] * rot[2][0])
            + rot[0][2] * (rot[1][0] * rot[2][1] - rot[1][1] * rot[2][0]);
    if (det != 1 && det != -1) {
      throw new IllegalArgumentException(
          "'" + xyz + "' is not a crystallographic operation (determinant " + det + ")");
    }
    return new SymmetryOperation(rot, tr);
  }

  private static double parseNumber(String number, String xyz) {
    try {
      int slash = number.indexOf('/');
      if (slash >= 0) {
        double den = Double.parseDouble(number.substring(slash + 1));
        if (den == 0) {
          throw new IllegalArgumentException("symmetry operation '" + xyz + "': division by zero");
        }
        return Double.parseDouble(number.substring(0, slash)) / den;
      }
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "symmetry operation '" + xyz + "': '" + number + "' is not a number");
    }
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
