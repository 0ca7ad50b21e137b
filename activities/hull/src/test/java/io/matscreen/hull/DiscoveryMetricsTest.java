package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Matbench Discovery classification and regression metrics on a hand-worked example. */
class DiscoveryMetricsTest {
  @Test
  void matchesHandComputedMatbenchDiscoveryDefinitions() {
    double[] pred = {-0.1, 0.05, -0.02, 0.3, -0.2, 0.0, Double.NaN};
    double[] truth = {-0.05, -0.01, 0.1, 0.2, -0.3, 0.02, -0.1};
    // TP: 0, 4; FN: 1, 6 (NaN counts as predicted unstable); FP: 2, 5 (0.0 <= 0 is stable); TN: 3.
    DiscoveryMetrics m = DiscoveryMetrics.of(pred, truth);
    assertThat(m.count()).isEqualTo(7);
    assertThat(m.truePositives()).isEqualTo(2);
    assertThat(m.falseNegatives()).isEqualTo(2);
    assertThat(m.falsePositives()).isEqualTo(2);
    assertThat(m.trueNegatives()).isEqualTo(1);
    assertThat(m.precision()).isCloseTo(0.5, within(1e-12));
    assertThat(m.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(m.f1()).isCloseTo(0.5, within(1e-12));
    assertThat(m.prevalence()).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(m.daf()).isCloseTo(0.875, within(1e-12));
    assertThat(m.accuracy()).isCloseTo(3.0 / 7, within(1e-12));
    // Errors over the 6 finite predictions: 0.05 0.06 0.12 0.10 0.10 0.02.
    assertThat(m.maeEv()).isCloseTo(0.45 / 6, within(1e-12));
    assertThat(m.rmseEv()).isCloseTo(Math.sqrt(0.0409 / 6), within(1e-12));
  }

  @Test
  void thresholdMovesTheClassesAndEmptyPositivesGiveNaN() {
    DiscoveryMetrics m =
        DiscoveryMetrics.of(new double[] {0.2, 0.3}, new double[] {0.1, -0.1}, 0.15);
    // truth stable at <= 0.15: both; predicted stable: none.
    assertThat(m.truePositives()).isZero();
    assertThat(m.falseNegatives()).isEqualTo(2);
    assertThat(m.precision()).isNaN();
    assertThat(m.recall()).isZero();
    assertThat(m.prevalence()).isEqualTo(1.0);
  }
}
