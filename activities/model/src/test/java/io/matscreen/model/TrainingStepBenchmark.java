package io.matscreen.model;

import io.matscreen.features.CompositionFeaturiser;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * Milliseconds per training step (one Adam update on one batch) of the shipped network's shape on
 * one thread: the trainer's {@link SetAttentionOptimiser} (hand-written gradients) against
 * SameDiff's own {@code fit} on the same graph. Arguments: [batch size (default 128)] [steps
 * (default 200)]. Run: {@code OMP_NUM_THREADS=1 ./run-benchmarks TrainingStepBenchmark [BATCH]
 * [STEPS]} on an idle machine.
 */
public final class TrainingStepBenchmark {
  private TrainingStepBenchmark() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    ComputeThreads.limit(1);
    NetworkShape shape =
        new NetworkShape(
            new CompositionFeaturiser(CompositionFeaturiser.ID_VALENCE).featureDim(),
            48,
            48,
            4,
            3,
            256);
    System.out.printf("network %s, batches of %d sets, %d steps%n", shape, batch, steps);
    // Sets of one size per batch, then batches of mixed sizes in turn, as an epoch brings them.
    int[][] cases = {{2}, {3}, {4}, {5}, {2, 3, 4, 3, 5, 3, 4, 6, 2, 3}};
    for (int[] sizes : cases) {
      Batch[] batches = new Batch[sizes.length];
      for (int i = 0; i < sizes.length; i++) {
        batches[i] = Batch.random(shape, batch, sizes[i], i);
      }
      Map<String, INDArray> weights = SetAttentionNetwork.initialWeights(shape, 1);
      SetAttentionOptimiser optimiser =
          new SetAttentionOptimiser(shape, weights, new FixedSchedule(1e-4), 0, 0);
      double hand =
          millisPerStep(
              steps,
              i -> {
                Batch b = batches[i % batches.length];
                optimiser.step(b.nodes, b.fractions, b.target);
              });

      SameDiff sd = SetAttentionNetwork.build(shape, SetAttentionNetwork.initialWeights(shape, 1));
      sd.setTrainingConfig(
          TrainingConfig.builder()
              .updater(new Adam(1e-4))
              .dataSetFeatureMapping(SetAttentionNetwork.NODES, SetAttentionNetwork.WEIGHTS)
              .dataSetLabelMapping(SetAttentionNetwork.TARGET)
              .build());
      SameDiffGradients.create(sd);
      double auto =
          millisPerStep(
              steps,
              i -> {
                Batch b = batches[i % batches.length];
                sd.fit(
                    new MultiDataSet(
                        new INDArray[] {b.nodes, b.fractions}, new INDArray[] {b.target}));
              });
      System.out.printf(
          "sets of %s: hand-written %.1f ms/step, SameDiff fit %.1f ms/step (%.1f×)%n",
          java.util.Arrays.toString(sizes), hand, auto, auto / hand);
    }
  }

  private record Batch(INDArray nodes, INDArray fractions, INDArray target) {
    static Batch random(NetworkShape shape, int batch, int n, long seed) {
      Nd4j.getRandom().setSeed(seed);
      return new Batch(
          Nd4j.rand(DataType.FLOAT, (long) batch * n, shape.featureDim()),
          Nd4j.valueArrayOf(new long[] {batch, n}, 1.0 / n, DataType.FLOAT),
          Nd4j.randn(DataType.FLOAT, batch, 1));
    }
  }

  private static double millisPerStep(int steps, java.util.function.IntConsumer step) {
    for (int i = 0; i < steps / 4; i++) {
      step.accept(i); // warm-up: JIT compilation and workspace sizing
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      step.accept(i);
    }
    return (System.nanoTime() - t0) / 1e6 / steps;
  }
}
