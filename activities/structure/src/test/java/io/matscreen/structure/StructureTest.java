package io.matscreen.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureTest {
  private final Lattice cubic = Lattice.fromParameters(4, 4, 4, 90, 90, 90);

  @Test
  void compositionIsOccupancyWeighted() {
    Structure s =
        new Structure(
            cubic,
            List.of(
                new Site(Map.of("Li", 0.5), new double[] {0, 0, 0}, "Li1"),
                Site.ordered("Co", 0.5, 0.5, 0.5),
                Site.ordered("O", 0.25, 0.25, 0.25),
                Site.ordered("O", 0.75, 0.75, 0.75)));
    assertThat(s.composition().amount("Li")).isEqualTo(0.5);
    assertThat(s.composition().amount("O")).isEqualTo(2.0);
    assertThat(s.isOrdered()).isFalse();
    assertThat(s.volumePerAtom()).isCloseTo(16.0, within(1e-12));
    assertThat(s.site(0).speciesString()).isEqualTo("Li:0.500");
    assertThatThrownBy(() -> s.site(0).element()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void substitutionReplacesAndMergesSpecies() {
    Structure s =
        new Structure(
            cubic,
            List.of(
                new Site(Map.of("Fe", 0.5, "Co", 0.5), new double[] {0, 0, 0}, "FeCo"),
                Site.ordered("O", 0.5, 0.5, 0.5)));
    Structure t = s.substitute(Map.of("Co", "Fe", "O", "S"));
    assertThat(t.site(0).species()).containsExactly(Map.entry("Fe", 1.0));
    assertThat(t.site(0).isOrdered()).isTrue();
    assertThat(t.site(1).element()).isEqualTo("S");
    assertThat(t.composition().reducedFormula()).isEqualTo("FeS");
    assertThatThrownBy(() -> s.substitute(Map.of("O", "Xx"))).hasMessageContaining("Xx");
  }

  @Test
  void scalingKeepsFractionalCoordinatesAndShape() {
    Structure s = new Structure(cubic, List.of(Site.ordered("Cu", 0.1, 0.2, 0.3)));
    Structure t = s.scaledToVolume(128);
    assertThat(t.lattice().volume()).isCloseTo(128, within(1e-9));
    assertThat(t.lattice().abc()[0]).isCloseTo(Math.cbrt(128), within(1e-12));
    assertThat(t.site(0).frac()).containsExactly(new double[] {0.1, 0.2, 0.3}, within(0.0));
  }

  @Test
  void badSitesAreRefused() {
    assertThatThrownBy(() -> new Site(Map.of("Fe", 0.7, "Ni", 0.7), new double[] {0, 0, 0}, null))
        .hasMessageContaining("total occupancy");
    assertThatThrownBy(() -> new Site(Map.of("Q", 1.0), new double[] {0, 0, 0}, null))
        .hasMessageContaining("'Q'");
    assertThatThrownBy(() -> Site.ordered("Fe", Double.NaN, 0, 0)).hasMessageContaining("finite");
    assertThatThrownBy(() -> new Structure(cubic, List.of()))
        .hasMessageContaining("at least one site");
  }
}
