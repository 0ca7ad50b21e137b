package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped composition model loads from the classpath and predicts sensible energies. */
class DefaultModelTest {
  @Test
  void shippedModelPredictsKnownOxides() {
    ModelBundle model = ModelBundle.loadDefault();
    assertThat(model.name()).isEqualTo("mp-formation-composition");
    assertThat(model.inputKind()).isEqualTo("composition");
    assertThat(model.metadata().dataCredit()).contains("Materials Project").contains("CC-BY 4.0");
    EnergyPrediction[] p =
        model.predictCompositions(
            List.of(
                Composition.parse("Al2O3"), Composition.parse("SiO2"), Composition.parse("Cu")));
    // Materials Project formation energies (mp-formation-train.csv): Al2O3 mp-1143 −3.442,
    // SiO2 mp-546794 −3.285 eV/atom; an element's formation energy is 0 by definition. The
    // tolerance (0.4 eV/atom) is a sanity bound, several times the model's MAE.
    assertThat(p[0].eFormMean()).isCloseTo(-3.442, within(0.4));
    assertThat(p[1].eFormMean()).isCloseTo(-3.285, within(0.4));
    assertThat(p[2].eFormMean()).isCloseTo(0.0, within(0.4));
    for (EnergyPrediction e : p) {
      assertThat(e.eFormStd()).isPositive();
    }
  }
}
