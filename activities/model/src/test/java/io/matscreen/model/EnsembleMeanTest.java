package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The ensemble's combination rules against values worked out by hand. */
class EnsembleMeanTest {

  private static final double SQRT2 = Math.sqrt(2);

  @Test
  void medianOfAnAsymmetricMixtureMatchesTheClosedForm() {
    // Locations 0, 0, 1, all scale b = 1 (σ = √2), equal weights. Between 0 and 1 the CDF is
    // ⅔(1 − ½e^{−x}) + ⅓·½e^{x−1}; setting it to ½ gives u² + e·u − 2e = 0 for u = e^x.
    double e = Math.E;
    double expected = Math.log((-e + Math.sqrt(e * e + 8 * e)) / 2);
    assertThat(expected).isCloseTo(0.292458, within(1e-6));
    double[] means = {0, 0, 1};
    double[] sigmas = {SQRT2, SQRT2, SQRT2};
    double[] w = EnsembleMean.MIXTURE_MEDIAN.weights(sigmas);
    assertThat(w).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
    double median = EnsembleMean.MIXTURE_MEDIAN.pointEstimate(means, sigmas, w, 1 / 3.0);
    assertThat(median).isCloseTo(expected, within(1e-6));
    // EQUAL reports the mean, ⅓, which the outlying member pulls further than the median.
    assertThat(EnsembleMean.EQUAL.pointEstimate(means, sigmas, w, 1 / 3.0)).isEqualTo(1 / 3.0);
  }

  @Test
  void aConfidentMemberPullsTheMedianTowardsItself() {
    // Two members, 0 eV/atom with σ 0.01 and 1 eV/atom with σ 1: the mean is ½, but almost all of
    // the confident member's mass sits near 0, so the median stays near it. With z the confident
    // member's standardised offset x/b, the CDF is ½(1 − ½e^{−z}) + ½·½e^{(x−1)√2}, ≈ ½ where
    // e^{−z} ≈ e^{−√2} (x ≪ 1): z ≈ √2, so x ≈ √2·b = σ = 0.01.
    double[] means = {0, 1};
    double[] sigmas = {0.01, 1};
    double[] w = EnsembleMean.MIXTURE_MEDIAN.weights(sigmas);
    double median = EnsembleMean.MIXTURE_MEDIAN.pointEstimate(means, sigmas, w, 0.5);
    assertThat(median).isCloseTo(0.01, within(0.002));
    assertThat(EnsembleMean.laplaceMixtureCdf(median, means, sigmas, w))
        .isCloseTo(0.5, within(1e-6));
  }

  @Test
  void oneMemberAndIdenticalMembersGiveTheirOwnMean() {
    double[] one = {-1.25};
    assertThat(
            EnsembleMean.MIXTURE_MEDIAN.pointEstimate(
                one, new double[] {0.3}, new double[] {1}, -1.25))
        .isCloseTo(-1.25, within(1e-7));
    double[] same = {0.4, 0.4, 0.4, 0.4};
    double[] sigmas = {0.1, 0.2, 0.3, 0.4};
    assertThat(
            EnsembleMean.MIXTURE_MEDIAN.pointEstimate(
                same, sigmas, EnsembleMean.MIXTURE_MEDIAN.weights(sigmas), 0.4))
        .isCloseTo(0.4, within(1e-7));
  }

  @Test
  void inverseSigmaWeightsAreProportionalToOneOverSigma() {
    double[] w = EnsembleMean.INVERSE_SIGMA.weights(new double[] {0.1, 0.2, 0.4});
    // 1/σ = 10, 5, 2.5; sum 17.5.
    assertThat(w[0]).isCloseTo(10 / 17.5, within(1e-12));
    assertThat(w[1]).isCloseTo(5 / 17.5, within(1e-12));
    assertThat(w[2]).isCloseTo(2.5 / 17.5, within(1e-12));
  }
}
