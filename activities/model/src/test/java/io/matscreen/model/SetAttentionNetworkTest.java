package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.features.WeightedNodeSet;
import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.FixedSchedule;

class SetAttentionNetworkTest {
  private static final NetworkShape SMALL =
      new NetworkShape(new CompositionFeaturiser().featureDim(), 16, 16, 2, 2, 32);

  @BeforeAll
  static void oneThread() {
    ComputeThreads.limit(1);
  }

  @Test
  void laplaceLossTrainsOnASyntheticTarget() {
    List<Composition> comps = SyntheticData.compositions(SyntheticData.LIGHT, 96, 7);
    List<WeightedNodeSet> sets = new ArrayList<>();
    for (Composition c : comps) {
      sets.add(new CompositionFeaturiser().featurise(c));
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      all.add(i);
    }
    List<NodeSetBatch> batches = NodeSetBatch.bucketed(sets, all, SMALL.featureDim(), 1000);
    assertThat(batches).hasSize(2); // binaries and ternaries
    double mean = comps.stream().mapToDouble(SyntheticData::target).average().orElseThrow();
    double std =
        Math.sqrt(
            comps.stream()
                .mapToDouble(c -> Math.pow(SyntheticData.target(c) - mean, 2))
                .average()
                .orElseThrow());
    List<MultiDataSet> data = new ArrayList<>();
    for (NodeSetBatch b : batches) {
      float[] y = new float[b.size()];
      for (int i = 0; i < b.size(); i++) {
        y[i] = (float) ((SyntheticData.target(comps.get(b.indices()[i])) - mean) / std);
      }
      data.add(
          new MultiDataSet(
              new INDArray[] {b.nodes(), b.weights()},
              new INDArray[] {Nd4j.create(y, new long[] {b.size(), 1}, 'c')}));
    }
    // Trained as the trainer trains: Adam on the hand-written gradients (SetAttentionOptimiser).
    Map<String, INDArray> weights = SetAttentionNetwork.initialWeights(SMALL, 3);
    double before = meanLoss(SetAttentionNetwork.build(SMALL, weights), data);
    SetAttentionOptimiser optimiser =
        new SetAttentionOptimiser(SMALL, weights, new FixedSchedule(3e-3), 0, 0);
    long t0 = System.nanoTime();
    for (int step = 0; step < 150; step++) {
      MultiDataSet d = data.get(step % data.size());
      optimiser.step(d.getFeatures(0), d.getFeatures(1), d.getLabels(0));
    }
    SameDiff sd = SetAttentionNetwork.build(SMALL, weights);
    double after = meanLoss(sd, data);
    System.out.printf(
        "150 steps in %.1f s, loss %.3f -> %.3f%n", (System.nanoTime() - t0) / 1e9, before, after);
    double mae = 0;
    for (MultiDataSet d : data) {
      INDArray mu =
          sd.output(
                  Map.of(
                      SetAttentionNetwork.NODES, d.getFeatures(0),
                      SetAttentionNetwork.WEIGHTS, d.getFeatures(1)),
                  SetAttentionNetwork.MEAN)
              .get(SetAttentionNetwork.MEAN);
      mae += mu.sub(d.getLabels(0)).norm1Number().doubleValue();
    }
    mae /= comps.size();
    // The Laplace NLL at initialisation is about 1 (|z| ~ 0.8 standard units, log σ ≈ 0); a
    // network that learnt the target drives it well below 0 by shrinking σ.
    assertThat(after).isLessThan(before - 1.0);
    // Mean absolute error in standardised units: 0.8 for predicting the mean; require < 0.25.
    assertThat(mae).isLessThan(0.25);
  }

  @Test
  void graphComputesTheDocumentedNetworkForEverySetSize() {
    NetworkShape shape = new NetworkShape(7, 8, 6, 2, 3, 10);
    Map<String, INDArray> w = SetAttentionNetwork.initialWeights(shape, 11);
    SplittableRandom rng = new SplittableRandom(5);
    for (Map.Entry<String, INDArray> e : w.entrySet()) {
      if (e.getKey().endsWith("_b")) { // biases start at zero; make every bias path count
        INDArray b = e.getValue();
        for (int i = 0; i < b.length(); i++) {
          b.putScalar(i, rng.nextDouble(-0.5, 0.5));
        }
      }
    }
    SameDiff sd = SetAttentionNetwork.build(shape, w);
    for (int n = 1; n <= 5; n++) {
      int batch = 3;
      double[][][] x = new double[batch][n][shape.featureDim()];
      double[][] weights = new double[batch][n];
      float[] xf = new float[batch * n * shape.featureDim()];
      float[] wf = new float[batch * n];
      for (int b = 0; b < batch; b++) {
        double total = 0;
        for (int i = 0; i < n; i++) {
          weights[b][i] = rng.nextDouble(0.1, 1.0);
          total += weights[b][i];
          for (int f = 0; f < shape.featureDim(); f++) {
            x[b][i][f] = (float) rng.nextDouble(-1, 1);
            xf[(b * n + i) * shape.featureDim() + f] = (float) x[b][i][f];
          }
        }
        for (int i = 0; i < n; i++) {
          weights[b][i] = (float) (weights[b][i] / total);
          wf[b * n + i] = (float) weights[b][i];
        }
      }
      Map<String, INDArray> out =
          sd.output(
              Map.of(
                  SetAttentionNetwork.NODES,
                  Nd4j.create(xf, new long[] {(long) batch * n, shape.featureDim()}, 'c'),
                  SetAttentionNetwork.WEIGHTS,
                  Nd4j.create(wf, new long[] {batch, n}, 'c')),
              SetAttentionNetwork.MEAN,
              SetAttentionNetwork.LOG_STD);
      for (int b = 0; b < batch; b++) {
        double[] expected = ReferenceNetwork.forward(shape, w, x[b], weights[b]);
        assertThat(out.get(SetAttentionNetwork.MEAN).getDouble(b, 0))
            .as("mean, set size %d, set %d", n, b)
            .isCloseTo(expected[0], within(1e-4));
        assertThat(out.get(SetAttentionNetwork.LOG_STD).getDouble(b, 0))
            .as("log sigma, set size %d, set %d", n, b)
            .isCloseTo(expected[1], within(1e-4));
      }
    }
  }

  @Test
  void betaWeightedLossGivesTheMeanAnUnweightedGradientAndLeavesSigmaAlone() {
    NetworkShape shape = new NetworkShape(5, 8, 6, 2, 1, 10);
    Map<String, INDArray> w = SetAttentionNetwork.initialWeights(shape, 21);
    // A log σ head with weight makes σ differ between samples, so 1/σ weighting would show.
    w.put("log_std_head_b", Nd4j.create(new float[] {0.3f}, new long[] {1, 1}, 'c'));
    SplittableRandom rng = new SplittableRandom(9);
    int batch = 6;
    int n = 2;
    float[] xf = new float[batch * n * shape.featureDim()];
    for (int i = 0; i < xf.length; i++) {
      xf[i] = (float) rng.nextDouble(-1, 1);
    }
    float[] wf = new float[batch * n];
    float[] yf = new float[batch];
    for (int b = 0; b < batch; b++) {
      wf[b * n] = 0.25f;
      wf[b * n + 1] = 0.75f;
      yf[b] = (float) rng.nextDouble(-2, 2);
    }
    Map<String, INDArray> in =
        Map.of(
            SetAttentionNetwork.NODES,
            Nd4j.create(xf, new long[] {(long) batch * n, shape.featureDim()}, 'c'),
            SetAttentionNetwork.WEIGHTS,
            Nd4j.create(wf, new long[] {batch, n}, 'c'),
            SetAttentionNetwork.TARGET,
            Nd4j.create(yf, new long[] {batch, 1}, 'c'));
    for (double beta : new double[] {0, 0.5, 1}) {
      SameDiff sd = SetAttentionNetwork.build(shape, w, beta);
      Map<String, INDArray> out =
          sd.output(in, SetAttentionNetwork.MEAN, SetAttentionNetwork.LOG_STD);
      SameDiffGradients.create(sd);
      Map<String, INDArray> grad = sd.calculateGradients(in, "mean_head_b", "log_std_head_b");
      double expectMean = 0;
      double expectLogStd = 0;
      double sqrt2 = Math.sqrt(2);
      for (int b = 0; b < batch; b++) {
        double r = yf[b] - out.get(SetAttentionNetwork.MEAN).getDouble(b, 0);
        double logStd = out.get(SetAttentionNetwork.LOG_STD).getDouble(b, 0);
        double sigma = Math.exp(logStd);
        double scale = Math.pow(sigma, beta); // a constant: no gradient flows through it
        expectMean += scale * -sqrt2 * Math.signum(r) / sigma;
        // log σ = 4.5 tanh(z / 4.5) - 1.5, so d log σ / dz = 1 - ((log σ + 1.5) / 4.5)².
        double dLogStdDz = 1 - Math.pow((logStd + 1.5) / 4.5, 2);
        expectLogStd += scale * (1 - sqrt2 * Math.abs(r) / sigma) * dLogStdDz;
      }
      assertThat(grad.get("mean_head_b").getDouble(0))
          .as("d loss / d mean bias, beta %s", beta)
          .isCloseTo(expectMean / batch, within(1e-4));
      assertThat(grad.get("log_std_head_b").getDouble(0))
          .as("d loss / d log sigma bias, beta %s", beta)
          .isCloseTo(expectLogStd / batch, within(1e-4));
      if (beta == 1) {
        // The mean's gradient no longer depends on σ: -√2 times the mean sign of the residuals.
        double signs = 0;
        for (int b = 0; b < batch; b++) {
          signs += Math.signum(yf[b] - out.get(SetAttentionNetwork.MEAN).getDouble(b, 0));
        }
        assertThat(grad.get("mean_head_b").getDouble(0))
            .isCloseTo(-sqrt2 * signs / batch, within(1e-4));
      }
    }
  }

  private static double meanLoss(SameDiff sd, List<MultiDataSet> data) {
    double sum = 0;
    int n = 0;
    for (MultiDataSet d : data) {
      INDArray loss =
          sd.output(
                  Map.of(
                      SetAttentionNetwork.NODES, d.getFeatures(0),
                      SetAttentionNetwork.WEIGHTS, d.getFeatures(1),
                      SetAttentionNetwork.TARGET, d.getLabels(0)),
                  SetAttentionNetwork.LOSS)
              .get(SetAttentionNetwork.LOSS);
      long b = d.getLabels(0).size(0);
      sum += loss.getDouble(0) * b;
      n += b;
    }
    return sum / n;
  }
}
