package io.matscreen.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an ensemble combines its members: the prediction is a mixture of the members' Laplace
 * distributions, and this says with which weights and which point of the mixture is reported.
 */
public enum EnsembleMean {
  /** Every member weighs the same (the classic deep ensemble); the point estimate is the mean. */
  @JsonProperty("equal")
  EQUAL("equal"),
  /**
   * Each member weighs in proportion to 1/σ, σ its own aleatoric σ for that input, so a member that
   * knows it is unsure of an input counts less there.
   */
  @JsonProperty("inverse-sigma")
  INVERSE_SIGMA("inverse-sigma"),
  /**
   * Every member weighs the same, and the point estimate is the mixture's median: the value that
   * minimises the expected absolute error under the ensemble's own predictive distribution (the
   * mean minimises the squared error). The σs are the equal mixture's, as for {@link #EQUAL}.
   */
  @JsonProperty("mixture-median")
  MIXTURE_MEDIAN("mixture-median");

  /** The median is found to this width (eV/atom), far below any error that matters. */
  private static final double MEDIAN_TOLERANCE = 1e-7;

  private final String id;

  EnsembleMean(String id) {
    this.id = id;
  }

  /** The name bundles and metrics use ("equal", "inverse-sigma", "mixture-median"). */
  public String id() {
    return id;
  }

  /** The rule named {@code id} ("equal", "inverse-sigma", "mixture-median"). */
  public static EnsembleMean fromId(String id) {
    for (EnsembleMean r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "ensemble mean '" + id + "': use equal, inverse-sigma or mixture-median");
  }

  /**
   * Mixture weights for one input, summing to 1.
   *
   * @param sigmas each member's aleatoric σ for the input, all > 0
   */
  double[] weights(double[] sigmas) {
    double[] w = new double[sigmas.length];
    double sum = 0;
    for (int m = 0; m < w.length; m++) {
      w[m] = this == INVERSE_SIGMA ? 1 / sigmas[m] : 1;
      sum += w[m];
    }
    for (int m = 0; m < w.length; m++) {
      w[m] /= sum;
    }
    return w;
  }

  /**
   * The point estimate for one input: the mixture's mean, or its median for {@link
   * #MIXTURE_MEDIAN}.
   *
   * @param means each member's predicted mean
   * @param sigmas each member's aleatoric σ, all > 0
   * @param weights the mixture weights from {@link #weights}
   * @param mixtureMean Σ weights · means, already computed by the caller
   */
  double pointEstimate(double[] means, double[] sigmas, double[] weights, double mixtureMean) {
    return this == MIXTURE_MEDIAN ? laplaceMixtureMedian(means, sigmas, weights) : mixtureMean;
  }

  /**
   * Median of a mixture of Laplace distributions with the given locations, standard deviations
   * (scale = σ/√2) and weights. It lies between the smallest and the largest location (the mixture
   * CDF is at most ½ at the first and at least ½ at the last), and the CDF rises strictly, so
   * bisection finds it.
   */
  static double laplaceMixtureMedian(double[] means, double[] sigmas, double[] weights) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double mu : means) {
      lo = Math.min(lo, mu);
      hi = Math.max(hi, mu);
    }
    while (hi - lo > MEDIAN_TOLERANCE) {
      double mid = 0.5 * (lo + hi);
      if (laplaceMixtureCdf(mid, means, sigmas, weights) < 0.5) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  static double laplaceMixtureCdf(double x, double[] means, double[] sigmas, double[] weights) {
    double cdf = 0;
    for (int m = 0; m < means.length; m++) {
      double z = (x - means[m]) * Math.sqrt(2) / sigmas[m];
      cdf += weights[m] * (z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z));
    }
    return cdf;
  }
}
