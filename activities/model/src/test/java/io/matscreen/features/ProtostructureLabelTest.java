package io.matscreen.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtostructureLabelTest {
  @Test
  void parsesSitesStoichiometryAndSymmetry() {
    // Label from the TAATA fixture (Hf(ZnN2)3, space group 160).
    ProtostructureLabel p = ProtostructureLabel.parse("AB6C3_hR30_160_a_2b_b:Hf-N-Zn");
    assertThat(p.spacegroup()).isEqualTo(160);
    assertThat(p.crystalFamily()).isEqualTo('h');
    assertThat(p.centring()).isEqualTo('R');
    assertThat(p.stoichiometry()).containsExactly(1, 6, 3);
    assertThat(p.elements()).containsExactly("Hf", "N", "Zn");
    assertThat(p.sites())
        .containsExactly(
            new ProtostructureLabel.Site("Hf", 'a'),
            new ProtostructureLabel.Site("N", 'b'),
            new ProtostructureLabel.Site("N", 'b'),
            new ProtostructureLabel.Site("Zn", 'b'));
  }

  @Test
  void expandsCountsInsideMixedGroups() {
    ProtostructureLabel p = ProtostructureLabel.parse("A3BC_hP30_185_ab2c_ab_c:N-Zn-Zr");
    assertThat(p.sites()).hasSize(4 + 2 + 1);
    assertThat(p.sites().get(2)).isEqualTo(new ProtostructureLabel.Site("N", 'c'));
    assertThat(p.sites().get(3)).isEqualTo(new ProtostructureLabel.Site("N", 'c'));
  }

  @Test
  void rejectsMalformedLabelsWithTheReason() {
    assertThatThrownBy(() -> ProtostructureLabel.parse("AB_cF8_225_a_b"))
        .hasMessageContaining("no ':'");
    assertThatThrownBy(() -> ProtostructureLabel.parse("AB_cF8_999_a_b:Na-Cl"))
        .hasMessageContaining("space group '999'");
    assertThatThrownBy(() -> ProtostructureLabel.parse("AB_cF8_225_a:Na-Cl"))
        .hasMessageContaining("1 Wyckoff groups for 2 elements");
    assertThatThrownBy(() -> ProtostructureLabel.parse("AB_cF8_225_a_2:Cl-Na"))
        .hasMessageContaining("malformed Wyckoff group '2'");
  }
}
