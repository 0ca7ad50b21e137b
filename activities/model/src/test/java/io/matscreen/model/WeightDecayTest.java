package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class WeightDecayTest {
  @TempDir Path dir;

  @Test
  void decayShrinksTheTrainedWeightsAndIsRecordedInTheBundle() throws Exception {
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 5));
    TrainingOptions plain =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("plain"), 1, 3);
    // rate 3e-3 × 100: each step takes 30 % off every weight before Adam's own update.
    TrainingOptions decayed =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("decayed"), 1, 3)
            .withWeightDecay(100);

    TinyTraining.train(plain);
    TinyTraining.train(decayed);

    double plainNorm = sumOfSquares(plain.out());
    double decayedNorm = sumOfSquares(decayed.out());
    assertThat(plainNorm).isGreaterThan(1.0);
    assertThat(decayedNorm).isLessThan(0.1 * plainNorm);
    assertThat(TinyTraining.optimizer(decayed.out()))
        .startsWith("Adam with decoupled weight decay 100.0 ");
    assertThat(TinyTraining.optimizer(plain.out())).startsWith("Adam, cosine decay");
  }

  @Test
  void aNegativeDecayIsRejectedBeforeTraining() {
    TrainingOptions o =
        TinyTraining.options(
                dir.resolve("absent.csv"), "composition", "roost", dir.resolve("b"), 1, 1)
            .withWeightDecay(-1e-3);
    assertThatThrownBy(() -> TinyTraining.train(o))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight-decay must be ≥ 0");
  }

  private static double sumOfSquares(Path bundle) throws Exception {
    double sum = 0;
    for (INDArray w : TinyTraining.firstMember(bundle).values()) {
      sum += w.mul(w).sumNumber().doubleValue();
    }
    return sum;
  }
}
