package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Composition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refit trains the final members on the training and validation rows, never the test rows. */
class RefitTest {
  @TempDir Path dir;

  @Test
  void membersTrainOnTrainAndValidationRowsAndKeepTheirLastEpoch() throws Exception {
    ComputeThreads.limit(1);
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 120, 11);
    Path csv = SyntheticData.writeCsv(dir.resolve("data.csv"), comps);
    Path out = dir.resolve("bundle");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainingOptions o = TinyTraining.refit(csv, out, 2, 3, EnsembleMean.MIXTURE_MEDIAN);
    ModelMetadata meta = new Trainer(o, new PrintStream(log, true, StandardCharsets.UTF_8)).train();

    // The split the trainer makes (same hash, same seed), recomputed from the CSV.
    List<String> lines = Files.readAllLines(csv);
    double fitSum = 0;
    int fitRows = 0;
    List<Composition> testComps = new ArrayList<>();
    List<Double> testY = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      Composition c = Composition.parse(cells[0]);
      double y = Double.parseDouble(cells[1]);
      if (Trainer.unitHash(c.reducedFormula(), o.seed()) < o.testFraction()) {
        testComps.add(c);
        testY.add(y);
      } else {
        fitSum += y;
        fitRows++;
      }
    }
    assertThat(testComps).isNotEmpty();
    // The target is normalised over every row trained on: training and validation together.
    assertThat(meta.targetMean()).isCloseTo(fitSum / fitRows, within(1e-9));
    assertThat(meta.training().get("refit").toString())
        .contains("(" + fitRows + " rows)")
        .contains("ensemble mean given (mixture-median)");
    RegressionMetrics test = (RegressionMetrics) meta.metrics().get("heldOutTest");
    assertThat(test.count()).isEqualTo(testComps.size());
    // Validation rows were trained on, so no validation figure may be reported as one.
    assertThat(meta.metrics()).containsOnlyKeys("heldOutTest");
    assertThat(meta.combination()).isEqualTo(EnsembleMean.MIXTURE_MEDIAN);
    for (ModelMetadata.Member m : meta.members()) {
      assertThat(m.epochs()).isEqualTo(3);
      assertThat(m.bestEpoch()).isEqualTo(3);
      assertThat(m.validationMae()).isNull();
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("validation trained on too (refit)");
    Matcher epochs =
        Pattern.compile("member \\d/2 epoch \\d/3  lr \\S+  val \\(trained on\\) MAE")
            .matcher(text);
    int epochLines = 0;
    while (epochs.find()) {
      epochLines++;
    }
    assertThat(epochLines).as(text).isEqualTo(6);

    // The bundle's test figure is what the saved bundle predicts for the test rows.
    EnergyPrediction[] p = ModelBundle.load(out).predictCompositions(testComps);
    double absSum = 0;
    for (int i = 0; i < p.length; i++) {
      absSum += Math.abs(p[i].eFormMean() - testY.get(i));
    }
    assertThat(test.mae()).isCloseTo(absSum / p.length, within(1e-6));
  }

  @Test
  void aRefitMustBeToldItsEnsembleMean() {
    Path csv = dir.resolve("unused.csv");
    TrainingOptions o = TinyTraining.refit(csv, dir.resolve("x"), 2, 3, null);
    assertThatThrownBy(() -> new Trainer(o, System.err).train())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give --ensemble-mean (equal, inverse-sigma or mixture-median)");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void unknownEnsembleMeansAreNamed() {
    assertThatThrownBy(() -> EnsembleMean.fromId("median"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ensemble mean 'median': use equal, inverse-sigma or mixture-median");
    assertThat(EnsembleMean.fromId("inverse-sigma")).isEqualTo(EnsembleMean.INVERSE_SIGMA);
  }
}
