package io.matscreen.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValenceShellsTest {
  @Test
  void mainGroupAndTransitionMetalConfigurations() {
    assertThat(ValenceShells.of(1)).containsExactly(1, 0, 0, 0); // H 1s1
    assertThat(ValenceShells.of(6)).containsExactly(2, 2, 0, 0); // C 2s2 2p2
    assertThat(ValenceShells.of(11)).containsExactly(1, 0, 0, 0); // Na 3s1
    assertThat(ValenceShells.of(26)).containsExactly(2, 0, 6, 0); // Fe 4s2 3d6
    assertThat(ValenceShells.of(35)).containsExactly(2, 5, 10, 0); // Br 4s2 3d10 4p5
    assertThat(ValenceShells.of(64)).containsExactly(2, 0, 0, 8); // Gd by the rule: 6s2 4f8
    assertThat(ValenceShells.of(74)).containsExactly(2, 0, 4, 14); // W 6s2 4f14 5d4
    assertThat(ValenceShells.of(82)).containsExactly(2, 2, 10, 14); // Pb 6s2 4f14 5d10 6p2
    assertThat(ValenceShells.of(92)).containsExactly(2, 0, 0, 4); // U by the rule: 7s2 5f4
  }

  @Test
  void theMadelungRuleIsFollowedWhereNatureDeviates() {
    // Cr is 4s1 3d5 and Cu 4s1 3d10 in nature; the rule gives 4s2 3d4 and 4s2 3d9.
    assertThat(ValenceShells.of(24)).containsExactly(2, 0, 4, 0);
    assertThat(ValenceShells.of(29)).containsExactly(2, 0, 9, 0);
  }

  @Test
  void nobleGasesCloseTheirShell() {
    assertThat(ValenceShells.of(2)).containsExactly(2, 0, 0, 0);
    for (int z : new int[] {10, 18, 36, 54, 86, 118}) {
      assertThat(ValenceShells.of(z)[0]).as("Z=%d s", z).isEqualTo(2);
      assertThat(ValenceShells.of(z)[1]).as("Z=%d p", z).isEqualTo(6);
    }
  }

  @Test
  void atomicNumbersOutsideThePeriodicTableAreRefused() {
    assertThatThrownBy(() -> ValenceShells.of(0)).hasMessageContaining("outside 1-118");
    assertThatThrownBy(() -> ValenceShells.of(119)).hasMessageContaining("outside 1-118");
  }
}
