package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.features.ElementFeatureTable;
import io.matscreen.structure.Composition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElementFeaturesTest {
  @TempDir Path dir;

  @Test
  void aValenceModelRecordsItsFeaturesAndPredictsWithThemAfterReloading() throws Exception {
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 5));
    TrainingOptions o =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("valence"), 2, 3)
            .withElementFeatures(CompositionFeaturiser.VALENCE);
    TinyTraining.train(o);

    ModelBundle model = ModelBundle.load(o.out());
    assertThat(model.metadata().featuriser()).isEqualTo(CompositionFeaturiser.ID_VALENCE);
    assertThat(model.metadata().network().featureDim())
        .isEqualTo(ElementFeatureTable.WITH_VALENCE.dim())
        .isEqualTo(ElementFeatureTable.MAX_Z + 10);
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 20, 9);
    EnergyPrediction[] first = model.predictCompositions(comps);
    EnergyPrediction[] again = ModelBundle.load(o.out()).predictCompositions(comps);
    assertThat(again).containsExactly(first);
    for (EnergyPrediction p : first) {
      assertThat(p.eFormMean()).isFinite();
    }
  }

  @Test
  void valenceFeaturesAreRefusedForWyckoffModelsAndUnknownNamesBeforeTraining() {
    Path absent = dir.resolve("absent.csv");
    TrainingOptions wren =
        TinyTraining.options(absent, "protostructure", "wren", dir.resolve("w"), 1, 1)
            .withElementFeatures(CompositionFeaturiser.VALENCE);
    assertThatThrownBy(() -> TinyTraining.train(wren))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element features 'valence' are for composition models");
    TrainingOptions unknown =
        TinyTraining.options(absent, "composition", "roost", dir.resolve("u"), 1, 1)
            .withElementFeatures("magpie");
    assertThatThrownBy(() -> TinyTraining.train(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element features 'magpie' are not basic or valence");
  }
}
