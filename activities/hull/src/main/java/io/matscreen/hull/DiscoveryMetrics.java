package io.matscreen.hull;

/**
 * Retrospective discovery metrics with Matbench Discovery's definitions: a material is stable when
 * its energy above hull is at or below the stability threshold (default 0 eV/atom), for the DFT
 * truth and for the prediction alike. Precision = TP/(TP+FP), recall = TP/(TP+FN), F1 their
 * harmonic mean, prevalence = (TP+FN)/N, discovery acceleration factor DAF = precision /
 * prevalence, accuracy = (TP+TN)/N; MAE and RMSE (eV/atom) of e_above_hull over all pairs. As in
 * Matbench Discovery, a missing (NaN) prediction counts as predicted unstable and is left out of
 * MAE and RMSE. Undefined ratios (e.g. precision with no predicted positives) are NaN.
 */
public record DiscoveryMetrics(
    int count,
    int truePositives,
    int falsePositives,
    int trueNegatives,
    int falseNegatives,
    double precision,
    double recall,
    double f1,
    double prevalence,
    double daf,
    double accuracy,
    double maeEv,
    double rmseEv) {

  /** Stability threshold of Matbench Discovery, eV/atom above the hull. */
  public static final double STABILITY_THRESHOLD_EV = 0.0;

  /** Metrics for parallel arrays of predicted and true e_above_hull (eV/atom), threshold 0. */
  public static DiscoveryMetrics of(double[] eAboveHullPred, double[] eAboveHullTrue) {
    return of(eAboveHullPred, eAboveHullTrue, STABILITY_THRESHOLD_EV);
  }

  /** Metrics for parallel arrays of predicted and true e_above_hull (eV/atom). */
  public static DiscoveryMetrics of(
      double[] eAboveHullPred, double[] eAboveHullTrue, double stabilityThresholdEv) {
    if (eAboveHullPred.length != eAboveHullTrue.length) {
      throw new IllegalArgumentException(
          "predicted and true e_above_hull differ in length: "
              + eAboveHullPred.length
              + " vs "
              + eAboveHullTrue.length);
    }
    int tp = 0, fp = 0, tn = 0, fn = 0, errors = 0;
    double abs = 0, sq = 0;
    for (int i = 0; i < eAboveHullPred.length; i++) {
      double t = eAboveHullTrue[i];
      double p = eAboveHullPred[i];
      if (!Double.isFinite(t)) {
        throw new IllegalArgumentException(
            "true e_above_hull at index " + i + " is not finite: " + t);
      }
      boolean actual = t <= stabilityThresholdEv;
      boolean predicted = !Double.isNaN(p) && p <= stabilityThresholdEv;
      if (actual && predicted) {
        tp++;
      } else if (actual) {
        fn++;
      } else if (predicted) {
        fp++;
      } else {
        tn++;
      }
      if (Double.isFinite(p)) {
        double d = p - t;
        abs += Math.abs(d);
        sq += d * d;
        errors++;
      }
    }
    int n = eAboveHullPred.length;
    double precision = ratio(tp, tp + fp);
    double recall = ratio(tp, tp + fn);
    double f1 = 2 * precision * recall / (precision + recall);
    double prevalence = ratio(tp + fn, n);
    return new DiscoveryMetrics(
        n,
        tp,
        fp,
        tn,
        fn,
        precision,
        recall,
        f1,
        prevalence,
        precision / prevalence,
        ratio(tp + tn, n),
        errors == 0 ? Double.NaN : abs / errors,
        errors == 0 ? Double.NaN : Math.sqrt(sq / errors));
  }

  private static double ratio(int num, int den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
