package io.matscreen.hull;

/**
 * The hull energy at a composition as a linear program: minimise Σ λ_q E_q subject to Σ λ_q x_q = x
 * and λ ≥ 0, where x_q are the atom-fraction vectors of the points and E_q their formation energies
 * (eV/atom). Its optimum is the lower convex hull at x and the optimal basis is the decomposition,
 * with λ the atom fractions of the phases (pymatgen's barycentric coordinates).
 *
 * <p>Solved by the revised simplex method on an n×n basis (n ≤ 8 elements). The start basis is the
 * elemental points, always feasible (λ = x), so no phase one is needed; Dantzig's rule picks the
 * entering point and a switch to Bland's rule after a run of degenerate pivots rules out cycling on
 * degenerate (coplanar) hulls. Points with elements outside the support of x cannot carry weight
 * and are skipped, which keeps subsystem queries exact and cheap. The final fractions are re-solved
 * from the basis by Gaussian elimination so that rounding from the pivots does not accumulate.
 */
final class HullLinearProgram {
  /** A point enters only when it lowers the energy by more than this (eV/atom). */
  static final double REDUCED_COST_TOLERANCE = 1e-12;

  /** Pivot elements smaller than this are treated as zero in the ratio test. */
  private static final double PIVOT_TOLERANCE = 1e-11;

  final int n;
  final int m;

  /** Atom fractions, point q at [q*n, q*n+n). */
  final double[] fractions;

  /** Formation energy of each point, eV/atom. */
  final double[] energies;

  /** Element bit mask of each point (bit k set when element k has a positive fraction). */
  final int[] masks;

  /** Index of the pure-element point of each element. */
  final int[] elementPoint;

  HullLinearProgram(int n, double[] fractions, double[] energies, int[] masks, int[] elementPoint) {
    this.n = n;
    this.m = energies.length;
    this.fractions = fractions;
    this.energies = energies;
    this.masks = masks;
    this.elementPoint = elementPoint;
  }

  /** Optimal basis: point indices, their atom fractions and the hull energy (eV/atom). */
  static final class Solution {
    final int[] basis;
    final double[] lambda;
    final double energy;

    Solution(int[] basis, double[] lambda, double energy) {
      this.basis = basis;
      this.lambda = lambda;
      this.energy = energy;
    }
  }

  /**
   * Solves at fractions {@code x} (summing to 1) whose support is {@code xMask}; points with {@code
   * disabled[q]} set (may be null) are left out.
   */
  Solution solve(double[] x, int xMask, boolean[] disabled) {
    final int n = this.n;
    int[] basis = new int[n];
    double[] binv = new double[n * n];
    double[] lambda = x.clone();
    double[] y = new double[n];
    double[] u = new double[n];
    for (int k = 0; k < n; k++) {
      basis[k] = elementPoint[k];
      binv[k * n + k] = 1.0;
    }
    int notMask = ~xMask;
    int degenerateRun = 0;
    boolean bland = false;
    int maxIterations = 50 * n + 4 * m + 100;
    for (int iteration = 0; ; iteration++) {
      if (iteration > maxIterations) {
        throw new IllegalStateException("hull linear program did not converge");
      }
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += energies[basis[i]] * binv[i * n + k];
        }
        y[k] = s;
      }
      int enter = -1;
      double best = -REDUCED_COST_TOLERANCE;
      for (int q = 0; q < m; q++) {
        if ((masks[q] & notMask) != 0 || (disabled != null && disabled[q])) {
          continue;
        }
        int off = q * n;
        double d = energies[q];
        for (int k = 0; k < n; k++) {
          d -= y[k] * fractions[off + k];
        }
        if (d < best) {
          best = d;
          enter = q;
          if (bland) {
            break;
          }
        }
      }
      if (enter < 0) {
        break;
      }
      int off = enter * n;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += binv[i * n + k] * fractions[off + k];
        }
        u[i] = s;
      }
      int leave = -1;
      double minRatio = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (u[i] > PIVOT_TOLERANCE) {
          double r = Math.max(0.0, lambda[i]) / u[i];
          if (r < minRatio || (r == minRatio && basis[i] < basis[leave])) {
            minRatio = r;
            leave = i;
          }
        }
      }
      if (leave < 0) {
        // Cannot happen: fractions sum to 1, so the feasible set is bounded.
        throw new IllegalStateException("hull linear program is unbounded");
      }
      if (minRatio <= 1e-14) {
        if (++degenerateRun > 2 * n + 2) {
          bland = true;
        }
      } else {
        degenerateRun = 0;
      }
      for (int i = 0; i < n; i++) {
        lambda[i] -= minRatio * u[i];
      }
      lambda[leave] = minRatio;
      double p = u[leave];
      int lo = leave * n;
      for (int k = 0; k < n; k++) {
        binv[lo + k] /= p;
      }
      for (int i = 0; i < n; i++) {
        if (i != leave && u[i] != 0.0) {
          double f = u[i];
          int io = i * n;
          for (int k = 0; k < n; k++) {
            binv[io + k] -= f * binv[lo + k];
          }
        }
      }
      basis[leave] = enter;
    }
    double[] refined = solveBasis(basis, x);
    if (refined != null) {
      lambda = refined;
    }
    double energy = 0;
    for (int i = 0; i < n; i++) {
      energy += energies[basis[i]] * lambda[i];
    }
    return new Solution(basis, lambda, energy);
  }

  /** Solves B λ = x with partial pivoting; null if B is numerically singular. */
  private double[] solveBasis(int[] basis, double[] x) {
    final int n = this.n;
    double[] b = new double[n * n];
    for (int i = 0; i < n; i++) {
      int off = basis[i] * n;
      for (int k = 0; k < n; k++) {
        b[k * n + i] = fractions[off + k];
      }
    }
    double[] r = x.clone();
    for (int col = 0; col < n; col++) {
      int piv = col;
      double max = Math.abs(b[col * n + col]);
      for (int row = col + 1; row < n; row++) {
        double v = Math.abs(b[row * n + col]);
        if (v > max) {
          max = v;
          piv = row;
        }
      }
      if (max < 1e-14) {
        return null;
      }
      if (piv != col) {
        for (int k = 0; k < n; k++) {
          double t = b[col * n + k];
          b[col * n + k] = b[piv * n + k];
          b[piv * n + k] = t;
        }
        double t = r[col];
        r[col] = r[piv];
        r[piv] = t;
      }
      double d = b[col * n + col];
      for (int row = col + 1; row < n; row++) {
        double f = b[row * n + col] / d;
        if (f != 0.0) {
          for (int k = col; k < n; k++) {
            b[row * n + k] -= f * b[col * n + k];
          }
          r[row] -= f * r[col];
        }
      }
    }
    double[] out = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double s = r[row];
      for (int k = row + 1; k < n; k++) {
        s -= b[row * n + k] * out[k];
      }
      out[row] = s / b[row * n + row];
    }
    return out;
  }
}
