package io.matscreen.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy of predictions against targets (eV/atom): MAE, RMSE, R² and a confidence–error curve
 * (MAE of the most confident fraction of inputs, ranked by predicted total σ).
 *
 * @param count number of inputs
 * @param mae mean absolute error, eV/atom
 * @param rmse root mean square error, eV/atom
 * @param r2 coefficient of determination
 * @param meanStd mean predicted total σ, eV/atom
 * @param confidenceCurve MAE (eV/atom) of the most confident 10%, 25%, 50%, 75%, 100% of inputs
 * @param errorStdSpearman rank correlation between |error| and predicted σ
 */
public record RegressionMetrics(
    int count,
    double mae,
    double rmse,
    double r2,
    double meanStd,
    Map<String, Double> confidenceCurve,
    double errorStdSpearman) {

  private static final double[] FRACTIONS = {0.10, 0.25, 0.50, 0.75, 1.00};

  /** Computes the metrics; {@code predictions[i]} is for {@code targets[i]}. */
  public static RegressionMetrics of(double[] targets, EnergyPrediction[] predictions) {
    int n = targets.length;
    if (n == 0 || predictions.length != n) {
      throw new IllegalArgumentException(
          "need equal, non-zero numbers of targets and predictions: "
              + n
              + " vs "
              + predictions.length);
    }
    double abs = 0;
    double sq = 0;
    double mean = 0;
    double std = 0;
    double[] err = new double[n];
    double[] sigma = new double[n];
    for (int i = 0; i < n; i++) {
      mean += targets[i];
    }
    mean /= n;
    double tot = 0;
    for (int i = 0; i < n; i++) {
      double e = predictions[i].eFormMean() - targets[i];
      err[i] = Math.abs(e);
      sigma[i] = predictions[i].eFormStd();
      abs += err[i];
      sq += e * e;
      tot += (targets[i] - mean) * (targets[i] - mean);
      std += sigma[i];
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> sigma[i]));
    Map<String, Double> curve = new LinkedHashMap<>();
    for (double f : FRACTIONS) {
      int m = Math.max(1, (int) Math.round(f * n));
      double s = 0;
      for (int k = 0; k < m; k++) {
        s += err[order[k]];
      }
      curve.put(String.format("%d%%", Math.round(f * 100)), s / m);
    }
    return new RegressionMetrics(
        n,
        abs / n,
        Math.sqrt(sq / n),
        tot > 0 ? 1 - sq / tot : Double.NaN,
        std / n,
        curve,
        spearman(err, sigma));
  }

  private static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    int n = a.length;
    double ma = (n - 1) / 2.0;
    double num = 0;
    double da = 0;
    double db = 0;
    for (int i = 0; i < n; i++) {
      num += (ra[i] - ma) * (rb[i] - ma);
      da += (ra[i] - ma) * (ra[i] - ma);
      db += (rb[i] - ma) * (rb[i] - ma);
    }
    return da > 0 && db > 0 ? num / Math.sqrt(da * db) : Double.NaN;
  }

  private static double[] ranks(double[] x) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    double[] r = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      r[order[k]] = k;
    }
    return r;
  }
}
