package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training with dropout in the output network: reproducible, different from without, recorded. */
class DropoutTest {
  @TempDir Path dir;

  @Test
  void dropoutTrainsReproduciblyDiffersFromPlainAndIsRecorded() throws Exception {
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 5));
    TrainingOptions plain =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("plain"), 1, 3);
    TrainingOptions dropped =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("a"), 1, 3).withDropout(0.3);
    TrainingOptions again =
        TinyTraining.options(csv, "composition", "roost", dir.resolve("b"), 1, 3).withDropout(0.3);

    TinyTraining.train(plain);
    TinyTraining.train(dropped);
    TinyTraining.train(again);

    Map<String, INDArray> plainWeights = TinyTraining.firstMember(plain.out());
    Map<String, INDArray> droppedWeights = TinyTraining.firstMember(dropped.out());
    Map<String, INDArray> againWeights = TinyTraining.firstMember(again.out());
    // Same seed, same masks: the same weights, bit for bit.
    for (String name : droppedWeights.keySet()) {
      assertThat(againWeights.get(name).equals(droppedWeights.get(name))).as(name).isTrue();
    }
    double change =
        droppedWeights.get("out2_W").sub(plainWeights.get("out2_W")).norm2Number().doubleValue();
    assertThat(change).isGreaterThan(1e-3);
    assertThat(TinyTraining.optimizer(dropped.out()))
        .isEqualTo(
            "Adam, cosine decay to 1/20 of the initial rate, dropout 0.3 on the output network's"
                + " hidden units");
    assertThat(TinyTraining.optimizer(plain.out()))
        .isEqualTo("Adam, cosine decay to 1/20 of the initial rate");
  }

  @Test
  void aDropoutOfOneOrMoreIsRejectedBeforeTraining() {
    TrainingOptions o =
        TinyTraining.options(
                dir.resolve("absent.csv"), "composition", "roost", dir.resolve("c"), 1, 1)
            .withDropout(1.0);
    assertThatThrownBy(() -> TinyTraining.train(o))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropout must be in [0, 1), not 1.0");
  }
}
