package io.matscreen.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeaturiserTest {
  @Test
  void compositionBecomesElementsWeightedByFraction() {
    WeightedNodeSet s =
        new CompositionFeaturiser(CompositionFeaturiser.ID_VALENCE)
            .featurise(Composition.parse("Fe2O3"));
    assertThat(s.size()).isEqualTo(2);
    // Elements in alphabetical order: Fe (Z=26) then O (Z=8); fractions 2/5 and 3/5.
    assertThat(s.weights()[0]).isCloseTo(0.4f, within(1e-6f));
    assertThat(s.weights()[1]).isCloseTo(0.6f, within(1e-6f));
    int dim = ElementFeatureTable.WITH_VALENCE.dim();
    assertThat(s.features()[26 - 1]).isEqualTo(1f);
    assertThat(s.features()[dim + 8 - 1]).isEqualTo(1f);
    // Pauling electronegativity of O is 3.44 (CDK), scaled by 1/4.
    assertThat(s.features()[dim + ElementFeatureTable.MAX_Z + 3]).isCloseTo(0.86f, within(1e-3f));
    // Valence counts after the six properties: Fe 4s2 3d6 (s/2, p/6, d/10, f/14), O 2s2 2p4.
    int valence = ElementFeatureTable.MAX_Z + 6;
    assertThat(Arrays.copyOfRange(s.features(), valence, valence + 4))
        .containsExactly(1f, 0f, 0.6f, 0f);
    assertThat(s.features()[dim + valence + 1]).isCloseTo(4 / 6f, within(1e-6f));
  }

  @Test
  void valenceFeaturesExtendTheBasicOnes() {
    Composition c = Composition.parse("Fe2O3");
    float[] v1 = new CompositionFeaturiser().featurise(c).features();
    float[] v2 =
        new CompositionFeaturiser(CompositionFeaturiser.ID_VALENCE).featurise(c).features();
    int basic = ElementFeatureTable.BASIC.dim();
    assertThat(basic).isEqualTo(ElementFeatureTable.MAX_Z + 6);
    assertThat(v1).hasSize(2 * basic);
    assertThat(v2).hasSize(2 * (basic + 4));
    // v2 is v1 with four more numbers per element.
    for (int e = 0; e < 2; e++) {
      for (int f = 0; f < basic; f++) {
        assertThat(v2[e * (basic + 4) + f]).isEqualTo(v1[e * basic + f]);
      }
    }
    assertThatThrownBy(() -> new CompositionFeaturiser("composition-v9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown composition features 'composition-v9'");
  }

  @Test
  void wyckoffSitesAreWeightedByTheirMultiplicity() {
    WyckoffFeaturiser f = new WyckoffFeaturiser();
    WeightedNodeSet s = f.featurise("AB6C3_hR30_160_a_2b_b:Hf-N-Zn");
    assertThat(s.size()).isEqualTo(4);
    // Hf 1/10 on one site, N 6/10 split over two sites, Zn 3/10 on one site.
    assertThat(s.weights()).containsExactly(0.1f, 0.3f, 0.3f, 0.3f);
    float sum = 0;
    for (float w : s.weights()) {
      sum += w;
    }
    assertThat(sum).isCloseTo(1f, within(1e-6f));
    // Space group one-hot sits right after the element features.
    assertThat(s.features()[ElementFeatureTable.BASIC.dim() + 160 - 1]).isEqualTo(1f);
    assertThat(s.features().length).isEqualTo(4 * f.featureDim());
  }

  @Test
  void orbitsOfOneElementKeepTheirOwnMultiplicities() {
    // I4/mmm (139): a and b have multiplicity 2, e 4, g 8; 24 atoms in the conventional cell.
    WeightedNodeSet s = new WyckoffFeaturiser().featurise("A7B2C3_tI24_139_aeg_e_be:N-Ti-Zn");
    assertThat(s.size()).isEqualTo(6);
    assertThat(s.weights()).containsExactly(2 / 24f, 4 / 24f, 8 / 24f, 4 / 24f, 2 / 24f, 4 / 24f);
  }
}
