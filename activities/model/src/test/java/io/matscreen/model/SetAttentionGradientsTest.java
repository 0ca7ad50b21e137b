package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  @Test
  void withDropoutTheGradientIsTheDerivativeOfTheLossWithTheSameMasks() {
    int b = 16;
    int n = 3;
    Map<String, INDArray> weights = SetAttentionNetwork.initialWeights(SHAPE, 3);
    Nd4j.getRandom().setSeed(17);
    INDArray nodes = Nd4j.rand(DataType.FLOAT, (long) b * n, SHAPE.featureDim());
    INDArray fractions = Nd4j.rand(DataType.FLOAT, b, n).addi(0.1);
    fractions.diviColumnVector(fractions.sum(1).reshape(b, 1));
    INDArray target = Nd4j.randn(DataType.FLOAT, b, 1);
    SetAttentionGradients.Result r =
        SetAttentionGradients.compute(
            SHAPE, weights, nodes, fractions, target, 0, 0.3, new SplittableRandom(99));
    SetAttentionGradients.Result plain =
        SetAttentionGradients.compute(SHAPE, weights, nodes, fractions, target, 0);
    assertThat(r.loss()).isNotCloseTo(plain.loss(), within(1e-3));

    // Central differences along a random direction, each loss drawn with the same masks (seed 99):
    // only masks applied alike forward and backward make the two agree.
    double eps = 1e-2;
    for (String name : List.of("out2_W", "out1_W", "out1_skip_W", "pool_msg_W", "embed_W")) {
      INDArray direction = Nd4j.randn(DataType.FLOAT, weights.get(name).shape());
      direction.divi(direction.norm2Number());
      double analytic = r.gradients().get(name).mul(direction).sumNumber().doubleValue();
      double numeric =
          (shiftedLoss(weights, name, direction, eps, nodes, fractions, target)
                  - shiftedLoss(weights, name, direction, -eps, nodes, fractions, target))
              / (2 * eps);
      assertThat(numeric).as(name).isCloseTo(analytic, within(0.02 * Math.abs(analytic) + 2e-4));
    }
  }

  @Test
  void dropoutZeroesAboutThatFractionOfTheHiddenUnitsAndNoneAtZero() {
    NetworkShape wide = new NetworkShape(20, 12, 10, 3, 3, 400);
    Map<String, INDArray> weights = SetAttentionNetwork.initialWeights(wide, 5);
    Nd4j.getRandom().setSeed(23);
    // One set: out2_b's gradient is then that set's dLoss/d(unit), exactly 0 for a dropped unit.
    INDArray nodes = Nd4j.rand(DataType.FLOAT, 4, wide.featureDim());
    INDArray fractions = Nd4j.createFromArray(new float[][] {{0.1f, 0.2f, 0.3f, 0.4f}});
    INDArray target = Nd4j.createFromArray(new float[][] {{0.5f}});
    DoubleFunction<Long> zeroGradients =
        p ->
            zeros(
                SetAttentionGradients.compute(
                        wide, weights, nodes, fractions, target, 0, p, new SplittableRandom(1))
                    .gradients()
                    .get("out2_b"));
    long zerosAtHalf = zeroGradients.apply(0.5);
    long zerosWithout = zeroGradients.apply(0);
    // 400 units dropped with probability ½: 200 ± 10 (one standard deviation).
    assertThat(zerosAtHalf).isBetween(170L, 230L);
    assertThat(zerosWithout).isZero();
  }

  private static long zeros(INDArray x) {
    long count = 0;
    for (float v : x.toFloatVector()) {
      if (v == 0f) {
        count++;
      }
    }
    return count;
  }

  private static double shiftedLoss(
      Map<String, INDArray> weights,
      String name,
      INDArray direction,
      double step,
      INDArray nodes,
      INDArray fractions,
      INDArray target) {
    Map<String, INDArray> shifted = new java.util.LinkedHashMap<>(weights);
    shifted.put(name, weights.get(name).add(direction.mul(step)));
    return SetAttentionGradients.compute(
            SHAPE, shifted, nodes, fractions, target, 0, 0.3, new SplittableRandom(99))
        .loss();
  }
}
