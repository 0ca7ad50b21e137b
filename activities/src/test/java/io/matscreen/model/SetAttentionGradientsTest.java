package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written gradients against SameDiff's automatic ones for the same graph. */
class SetAttentionGradientsTest {
  private static final NetworkShape SHAPE = new NetworkShape(20, 12, 10, 3, 3, 16);

  @BeforeAll
  static void oneThread() {
    ComputeThreads.limit(1);
  }

  @ParameterizedTest(name = "sets of {0}, β = {1}")
  @CsvSource({"1, 0", "2, 0", "3, 0", "5, 0", "3, 0.5", "4, 1"})
  void lossAndEveryGradientMatchSameDiff(int n, double beta) {
    int b = 7;
    Map<String, INDArray> weights = SetAttentionNetwork.initialWeights(SHAPE, 11 + n);
    Nd4j.getRandom().setSeed(5 + n);
    INDArray nodes = Nd4j.rand(DataType.FLOAT, (long) b * n, SHAPE.featureDim());
    INDArray fractions = Nd4j.rand(DataType.FLOAT, b, n).addi(0.1);
    fractions.diviColumnVector(fractions.sum(1).reshape(b, 1));
    INDArray target = Nd4j.randn(DataType.FLOAT, b, 1);

    SetAttentionGradients.Result hand =
        SetAttentionGradients.compute(SHAPE, weights, nodes, fractions, target, beta);

    SameDiff sd = SetAttentionNetwork.build(SHAPE, weights, beta);
    Map<String, INDArray> placeholders = new HashMap<>();
    placeholders.put(SetAttentionNetwork.NODES, nodes);
    placeholders.put(SetAttentionNetwork.WEIGHTS, fractions);
    placeholders.put(SetAttentionNetwork.TARGET, target);
    double loss =
        sd.output(placeholders, SetAttentionNetwork.LOSS)
            .get(SetAttentionNetwork.LOSS)
            .getDouble(0);
    SameDiffGradients.create(sd);
    Map<String, INDArray> auto = sd.calculateGradients(placeholders, List.copyOf(weights.keySet()));

    assertThat(hand.loss()).isCloseTo(loss, within(1e-6 * Math.abs(loss)));
    assertThat(hand.gradients().keySet()).containsExactlyElementsOf(weights.keySet());
    double total = 0;
    for (INDArray g : auto.values()) {
      total += g.norm2Number().doubleValue();
    }
    for (String name : weights.keySet()) {
      INDArray expected = auto.get(name);
      INDArray actual = hand.gradients().get(name);
      assertThat(actual.shape()).as(name).containsExactly(expected.shape());
      double err = actual.sub(expected).norm2Number().doubleValue();
      // float32 arithmetic in a different order: agreement to 1e-4 of the gradient's norm, plus a
      // floor for the attention gate biases, whose exact gradient is 0 (a softmax does not change
      // when the same number is added to all its inputs) and whose computed ones are rounding
      // noise.
      double tolerance = 1e-4 * expected.norm2Number().doubleValue() + 1e-6 * total;
      assertThat(err).as("error of d loss / d " + name).isLessThan(tolerance);
    }
    for (String bias : List.of("mp0_gate_b", "mp2_gate_b", "pool_gate_b")) {
      assertThat(hand.gradients().get(bias).norm2Number().doubleValue())
          .as(bias)
          .isLessThan(1e-6 * total);
    }
  }
}
