package io.matscreen.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an ensemble combines its members: the prediction is a mixture of the members' Laplace
 * distributions, and this says with which weights.
 */
public enum EnsembleMean {
  /** Every member weighs the same (the classic deep ensemble). */
  @JsonProperty("equal")
  EQUAL,
  /**
   * Each member weighs in proportion to 1/σ, σ its own aleatoric σ for that input, so a member that
   * knows it is unsure of an input counts less there.
   */
  @JsonProperty("inverse-sigma")
  INVERSE_SIGMA;

  /** The name bundles and metrics use ("equal", "inverse-sigma"). */
  public String id() {
    return this == EQUAL ? "equal" : "inverse-sigma";
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
      w[m] = this == EQUAL ? 1 : 1 / sigmas[m];
      sum += w[m];
    }
    for (int m = 0; m < w.length; m++) {
      w[m] /= sum;
    }
    return w;
  }
}
