package io.matscreen.hull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facets of the lower hull (simplices of n vertices in composition × energy space), found by
 * gift wrapping from one facet of the {@link HullLinearProgram}'s optimum, for fast queries.
 *
 * <p>The lower hull is a convex piecewise-linear function of composition, so its value at x is the
 * largest of the facets' affine functions μ_f·x (μ_f being the facet's chemical potentials,
 * eV/atom) and the facet attaining it contains x. A query is therefore one dot product per facet
 * (no branching, no search structure) and one n×n product for the barycentric coordinates; where
 * rounding or a degenerate (coplanar) hull makes those coordinates negative, the caller falls back
 * to the linear program.
 */
final class LowerHullFacets {
  /** Gift wrapping stops (and queries use the linear program) beyond this many facets. */
  static final int MAX_FACETS = 50_000;

  private static final double SIDE_TOLERANCE = 1e-12;

  final int n;
  final int count;

  /** Vertex indices (into the program's points), facet f at [f*n, f*n+n). */
  final int[] vertices;

  /** Chemical potentials μ (eV/atom per element), facet f at [f*n, f*n+n). */
  final double[] potentials;

  /** Inverse of the vertex matrix, facet f at [f*n*n, (f+1)*n*n), row i ↔ vertex i. */
  final double[] inverses;

  /** Facet across the ridge opposite vertex i of facet f at [f*n+i]; -1 on the boundary. */
  final int[] neighbours;

  private LowerHullFacets(
      int n, int count, int[] vertices, double[] potentials, double[] inverses, int[] neighbours) {
    this.n = n;
    this.count = count;
    this.vertices = vertices;
    this.potentials = potentials;
    this.inverses = inverses;
    this.neighbours = neighbours;
  }

  /** The facets of the program's lower hull, or null if they cannot be enumerated safely. */
  static LowerHullFacets enumerate(HullLinearProgram program) {
    int n = program.n;
    int m = program.m;
    double[] centroid = new double[n];
    Arrays.fill(centroid, 1.0 / n);
    HullLinearProgram.Solution start = program.solve(centroid, (1 << n) - 1, null);
    List<int[]> facetVertices = new ArrayList<>();
    List<double[]> facetInverses = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<int[]> neighbourList = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    if (add(program, start.basis.clone(), facetVertices, facetInverses, seen, queue) < 0) {
      return null;
    }
    double[] mu = new double[n];
    double[] height = new double[m];
    while (!queue.isEmpty()) {
      int f = queue.poll();
      int[] v = facetVertices.get(f);
      double[] inv = facetInverses.get(f);
      potentials(program, v, inv, mu);
      int[] across = new int[n];
      Arrays.fill(across, -1);
      while (neighbourList.size() <= f) {
        neighbourList.add(null);
      }
      neighbourList.set(f, across);
      // Height of every point above this facet's plane, once per facet (0 for its vertices).
      for (int q = 0; q < m; q++) {
        int off = q * n;
        double plane = 0;
        for (int k = 0; k < n; k++) {
          plane += mu[k] * program.fractions[off + k];
        }
        height[q] = program.energies[q] - plane;
      }
      for (int i = 0; i < n; i++) {
        // ν = row i of the inverse: 0 on the ridge's vertices, 1 on the dropped vertex.
        int best = -1;
        double bestRatio = Double.NEGATIVE_INFINITY;
        int row = i * n;
        for (int q = 0; q < m; q++) {
          int off = q * n;
          double side = 0;
          for (int k = 0; k < n; k++) {
            side += inv[row + k] * program.fractions[off + k];
          }
          if (side < -SIDE_TOLERANCE && !contains(v, q)) {
            double ratio = height[q] / side;
            if (ratio > bestRatio) {
              bestRatio = ratio;
              best = q;
            }
          }
        }
        if (best < 0) {
          continue; // the ridge lies on the boundary of the composition simplex
        }
        int[] next = v.clone();
        next[i] = best;
        int index = add(program, next, facetVertices, facetInverses, seen, queue);
        if (index < 0) {
          return null;
        }
        across[i] = index;
        if (facetVertices.size() > MAX_FACETS) {
          return null;
        }
      }
    }
    int count = facetVertices.size();
    int[] vertices = new int[count * n];
    double[] potentials = new double[count * n];
    double[] inverses = new double[count * n * n];
    int[] neighbours = new int[count * n];
    for (int f = 0; f < count; f++) {
      System.arraycopy(neighbourList.get(f), 0, neighbours, f * n, n);
      int[] v = facetVertices.get(f);
      System.arraycopy(v, 0, vertices, f * n, n);
      System.arraycopy(facetInverses.get(f), 0, inverses, f * n * n, n * n);
      potentials(program, v, facetInverses.get(f), mu);
      System.arraycopy(mu, 0, potentials, f * n, n);
    }
    return new LowerHullFacets(n, count, vertices, potentials, inverses, neighbours);
  }

  /** Index of the facet with these vertices, added and queued if new; -1 if singular. */
  private static int add(
      HullLinearProgram program,
      int[] v,
      List<int[]> facetVertices,
      List<double[]> facetInverses,
      Map<String, Integer> seen,
      ArrayDeque<Integer> queue) {
    int[] sorted = v.clone();
    Arrays.sort(sorted);
    String key = Arrays.toString(sorted);
    Integer known = seen.get(key);
    if (known != null) {
      return known;
    }
    double[] inv = invert(program, v);
    if (inv == null) {
      return -1;
    }
    facetVertices.add(v);
    facetInverses.add(inv);
    int index = facetVertices.size() - 1;
    seen.put(key, index);
    queue.add(index);
    return index;
  }

  private static boolean contains(int[] v, int q) {
    for (int x : v) {
      if (x == q) {
        return true;
      }
    }
    return false;
  }

  /** μ_k = Σ_i E(v_i) inv[i][k]: the facet's plane as a linear function of atom fractions. */
  private static void potentials(HullLinearProgram program, int[] v, double[] inv, double[] mu) {
    int n = v.length;
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += program.energies[v[i]] * inv[i * n + k];
      }
      mu[k] = s;
    }
  }

  /** Inverse of the matrix whose column i is the fractions of vertex v[i]; null if singular. */
  private static double[] invert(HullLinearProgram program, int[] v) {
    int n = v.length;
    double[] a = new double[n * n];
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        a[k * n + i] = program.fractions[v[i] * n + k];
      }
      inv[i * n + i] = 1.0;
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r * n + col]) > Math.abs(a[piv * n + col])) {
          piv = r;
        }
      }
      if (Math.abs(a[piv * n + col]) < 1e-12) {
        return null;
      }
      if (piv != col) {
        for (int k = 0; k < n; k++) {
          double t = a[col * n + k];
          a[col * n + k] = a[piv * n + k];
          a[piv * n + k] = t;
          t = inv[col * n + k];
          inv[col * n + k] = inv[piv * n + k];
          inv[piv * n + k] = t;
        }
      }
      double d = a[col * n + col];
      for (int k = 0; k < n; k++) {
        a[col * n + k] /= d;
        inv[col * n + k] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r * n + col];
          if (f != 0.0) {
            for (int k = 0; k < n; k++) {
              a[r * n + k] -= f * a[col * n + k];
              inv[r * n + k] -= f * inv[col * n + k];
            }
          }
        }
      }
    }
    return inv;
  }

  /**
   * The facet containing x, with the barycentric coordinates of x written to {@code lambda}; -1
   * when none is found with all coordinates ≥ -tolerance. Walks from facet to neighbouring facet
   * across the ridge of the most negative coordinate (a visibility walk, which terminates on the
   * regular triangulation that a lower hull projects to); if the walk leaves the hull or runs long,
   * as on degenerate hulls, it falls back to the facet whose plane is highest at x.
   */
  int locate(double[] x, double[] lambda, double tolerance) {
    final int n = this.n;
    int f = 0;
    for (int step = 0; step < 4 * count + 8; step++) {
      int base = f * n * n;
      int worst = -1;
      double worstValue = -tolerance;
      for (int i = 0; i < n; i++) {
        double s = 0;
        int row = base + i * n;
        for (int k = 0; k < n; k++) {
          s += inverses[row + k] * x[k];
        }
        lambda[i] = s;
        if (s < worstValue) {
          worstValue = s;
          worst = i;
        }
      }
      if (worst < 0) {
        return f;
      }
      f = neighbours[f * n + worst];
      if (f < 0) {
        break;
      }
    }
    return highestPlane(x, lambda, tolerance);
  }

  private int highestPlane(double[] x, double[] lambda, double tolerance) {
    final int n = this.n;
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int f = 0, off = 0; f < count; f++, off += n) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += potentials[off + k] * x[k];
      }
      if (s > bestValue) {
        bestValue = s;
        best = f;
      }
    }
    int base = best * n * n;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += inverses[base + i * n + k] * x[k];
      }
      if (s < -tolerance) {
        return -1;
      }
      lambda[i] = s;
    }
    return best;
  }
}
