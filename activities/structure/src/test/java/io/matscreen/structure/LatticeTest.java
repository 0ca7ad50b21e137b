package io.matscreen.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatticeTest {

  @Test
  void hexagonalParametersGiveTheTextbookVolume() {
    Lattice hex = Lattice.fromParameters(3.2, 3.2, 5.1, 90, 90, 120);
    // V = a^2 c sin(120°)
    assertThat(hex.volume()).isCloseTo(3.2 * 3.2 * 5.1 * Math.sqrt(3) / 2, within(1e-9));
    assertThat(hex.abc()).containsExactly(new double[] {3.2, 3.2, 5.1}, within(1e-12));
    assertThat(hex.anglesDegrees()).containsExactly(new double[] {90, 90, 120}, within(1e-9));
  }

  @Test
  void triclinicParametersRoundTrip() {
    Lattice l = Lattice.fromParameters(4.1, 5.2, 6.3, 71, 82, 103);
    assertThat(l.abc()).containsExactly(new double[] {4.1, 5.2, 6.3}, within(1e-12));
    assertThat(l.anglesDegrees()).containsExactly(new double[] {71, 82, 103}, within(1e-9));
  }

  @Test
  void cartesianAndFractionalAreInverse() {
    Lattice l = Lattice.fromParameters(4.1, 5.2, 6.3, 71, 82, 103);
    double[] f = {0.1, -0.7, 1.3};
    assertThat(l.fractional(l.cartesian(f))).containsExactly(f, within(1e-12));
  }

  @Test
  void reciprocalVectorsAreDualWithTwoPi() {
    Lattice l = Lattice.fromParameters(4.1, 5.2, 6.3, 71, 82, 103);
    double[][] a = l.matrix();
    double[][] b = l.reciprocalMatrix();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = a[i][0] * b[j][0] + a[i][1] * b[j][1] + a[i][2] * b[j][2];
        assertThat(dot).isCloseTo(i == j ? 2 * Math.PI : 0, within(1e-12));
      }
    }
  }

  @Test
  void matrixIsACopy() {
    Lattice l = Lattice.fromParameters(3, 3, 3, 90, 90, 90);
    l.matrix()[0][0] = 99;
    assertThat(l.matrix()[0][0]).isEqualTo(3.0);
  }

  @Test
  void periodicDistanceUsesTheNearestImage() {
    Lattice l = Lattice.fromParameters(4, 4, 4, 90, 90, 90);
    assertThat(l.periodicDistance(new double[] {0.95, 0, 0}, new double[] {0.05, 0, 0}))
        .isCloseTo(0.4, within(1e-12));
  }

  @Test
  void degenerateCellsAreRefused() {
    assertThatThrownBy(() -> new Lattice(new double[][] {{1, 0, 0}, {2, 0, 0}, {0, 0, 1}}))
        .hasMessageContaining("coplanar");
    assertThatThrownBy(() -> Lattice.fromParameters(3, 3, 3, 90, 90, 190))
        .hasMessageContaining("angles");
    assertThatThrownBy(() -> Lattice.fromParameters(3, 3, 3, 10, 10, 100))
        .hasMessageContaining("do not form");
    assertThatThrownBy(() -> Lattice.fromParameters(0, 3, 3, 90, 90, 90))
        .hasMessageContaining("lengths");
  }
}
