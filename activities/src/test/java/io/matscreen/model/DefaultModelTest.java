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

  @Test
  void parallelAndConcurrentInferenceGiveTheSerialPredictions() throws Exception {
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 3000, 5);
    ModelBundle model = ModelBundle.loadDefault();
    EnergyPrediction[] serial = model.predictCompositions(comps);

    model.setInferenceThreads(2);
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = callers.submit(() -> model.predictCompositions(comps));
      var second = callers.submit(() -> model.predictCompositions(comps.subList(1000, 3000)));
      EnergyPrediction[] a = first.get();
      EnergyPrediction[] b = second.get();
      // Batches of another size may round the last float32 digits differently.
      for (int i = 0; i < comps.size(); i++) {
        assertThat(a[i].eFormMean()).isCloseTo(serial[i].eFormMean(), within(1e-5));
        assertThat(a[i].eFormStd()).isCloseTo(serial[i].eFormStd(), within(1e-5));
      }
      for (int i = 0; i < b.length; i++) {
        assertThat(b[i].eFormMean()).isCloseTo(serial[i + 1000].eFormMean(), within(1e-5));
      }
    } finally {
      callers.shutdown();
      model.setInferenceThreads(1);
    }
    assertThat(model.inferenceThreads()).isEqualTo(1);
  }
}
