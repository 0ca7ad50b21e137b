package io.matscreen.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The set-attention network written out plainly in double precision, one set at a time, as the
 * reference the SameDiff graph is checked against.
 */
final class ReferenceNetwork {
  private static final double LEAK = 0.01;

  private ReferenceNetwork() {}

  /** Returns {mean, log σ} in normalised units for one set: node features x[n][F], weights w[n]. */
  static double[] forward(NetworkShape s, Map<String, INDArray> p, double[][] x, double[] w) {
    int n = x.length;
    int d = s.embedDim();
    int block = d / s.heads();
    double[][] h = new double[n][];
    for (int i = 0; i < n; i++) {
      h[i] = linear(x[i], p, "embed");
    }
    for (int l = 0; l < s.layers(); l++) {
      String layer = "mp" + l;
      double[][] next = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] self = linear(h[i], p, layer + "_self");
        double[][] pair = new double[n][];
        double[][] gate = new double[n][];
        for (int j = 0; j < n; j++) {
          double[] other = times(h[j], p.get(layer + "_other_W"));
          pair[j] = new double[self.length];
          for (int k = 0; k < self.length; k++) {
            pair[j][k] = leaky(self[k] + other[k]);
          }
          gate[j] = linear(pair[j], p, layer + "_gate");
        }
        double[][] att = softmaxOverSet(gate, w);
        next[i] = h[i].clone();
        for (int j = 0; j < n; j++) {
          double[] msg = linear(pair[j], p, layer + "_msg");
          for (int c = 0; c < d; c++) {
            next[i][c] += att[j][c / block] * msg[c];
          }
        }
      }
      h = next;
    }
    double[][] poolHidden = new double[n][];
    double[][] poolGate = new double[n][];
    for (int i = 0; i < n; i++) {
      poolHidden[i] = linear(h[i], p, "pool_hidden");
      for (int k = 0; k < poolHidden[i].length; k++) {
        poolHidden[i][k] = leaky(poolHidden[i][k]);
      }
      poolGate[i] = linear(poolHidden[i], p, "pool_gate");
    }
    double[][] poolAtt = softmaxOverSet(poolGate, w);
    double[] pooled = new double[d];
    for (int i = 0; i < n; i++) {
      double[] msg = linear(poolHidden[i], p, "pool_msg");
      for (int c = 0; c < d; c++) {
        pooled[c] += poolAtt[i][c / block] * msg[c];
      }
    }
    double[] o1 = linear(pooled, p, "out1");
    double[] skip = times(pooled, p.get("out1_skip_W"));
    for (int k = 0; k < o1.length; k++) {
      o1[k] = leaky(o1[k]) + skip[k];
    }
    double[] o2 = linear(o1, p, "out2");
    for (int k = 0; k < o2.length; k++) {
      o2[k] = leaky(o2[k]) + o1[k];
    }
    double mean = linear(o2, p, "mean_head")[0];
    double logStd = Math.tanh(linear(o2, p, "log_std_head")[0] / 4.5) * 4.5 - 1.5;
    return new double[] {mean, logStd};
  }

  /** a[j][k] = w_j exp(g[j][k]) / sum_j' w_j' exp(g[j'][k]). */
  private static double[][] softmaxOverSet(double[][] g, double[] w) {
    int n = g.length;
    int heads = g[0].length;
    double[][] a = new double[n][heads];
    for (int k = 0; k < heads; k++) {
      double total = 0;
      for (int j = 0; j < n; j++) {
        a[j][k] = w[j] * Math.exp(g[j][k]);
        total += a[j][k];
      }
      for (int j = 0; j < n; j++) {
        a[j][k] /= total;
      }
    }
    return a;
  }

  private static double[] linear(double[] v, Map<String, INDArray> p, String name) {
    double[] out = times(v, p.get(name + "_W"));
    INDArray b = p.get(name + "_b");
    for (int k = 0; k < out.length; k++) {
      out[k] += b.getDouble(0, k);
    }
    return out;
  }

  private static double[] times(double[] v, INDArray m) {
    double[] out = new double[(int) m.size(1)];
    for (int r = 0; r < v.length; r++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += v[r] * m.getDouble(r, c);
      }
    }
    return out;
  }

  private static double leaky(double v) {
    return v > 0 ? v : LEAK * v;
  }
}
