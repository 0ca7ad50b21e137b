package io.matscreen.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of a Roost-like network: weighted soft-attention message passing over a set of
 * nodes, weighted attention pooling and a residual output network with a mean head and a log σ
 * head, trained with the robust Laplace negative log-likelihood.
 *
 * <p>A batch holds sets of one size n (the trainer and the predictor bucket inputs by size), so
 * every set is complete and no masks are needed: node features come in as a [B·n, F] matrix, the
 * node weights (fractions) as [B, n]. Pairs are formed by broadcasting [B,n,1,·] against [B,1,n,·],
 * which keeps the graph free of gather ops (two gathers in one graph broke the gradient in SameDiff
 * 1.0.0-M2.1) and of segment ops (30× slower there). Outputs are in normalised target units; the
 * bundle converts them to eV/atom.
 */
public final class SetAttentionNetwork {
  /** Placeholder: node features, [B·n, featureDim]. */
  public static final String NODES = "nodes";

  /** Placeholder: node weights (fractions summing to 1 per set), [B, n]. */
  public static final String WEIGHTS = "weights";

  /** Placeholder: normalised target, [B, 1]. */
  public static final String TARGET = "target";

  /** Output: predicted mean, normalised units, [B, 1]. */
  public static final String MEAN = "mean";

  /** Output: predicted log σ (aleatoric), normalised units, [B, 1]. */
  public static final String LOG_STD = "log_std";

  /** Output: robust Laplace loss, scalar. */
  public static final String LOSS = "loss";

  static final double LEAK = 0.01;
  private static final double EMBED_INIT_STD = 0.5;
  // Bounds on log σ keep exp(-log σ) finite early in training; σ spans e^-6..e^3 target stds.
  private static final double MIN_LOG_STD = -6.0;
  private static final double MAX_LOG_STD = 3.0;
  static final double LOG_STD_CENTRE = (MIN_LOG_STD + MAX_LOG_STD) / 2;
  static final double LOG_STD_HALF_WIDTH = (MAX_LOG_STD - MIN_LOG_STD) / 2;

  private SetAttentionNetwork() {}

  /** Freshly initialised weights (Glorot-normal, zero biases), reproducible for a seed. */
  public static Map<String, INDArray> initialWeights(NetworkShape s, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, INDArray> w = new LinkedHashMap<>();
    int d = s.embedDim();
    int hd = s.pairHidden();
    // The first layer acts on one-hot element (and space-group, letter) slots, i.e. it is a learnt
    // embedding. It is initialised like an embedding table (N(0, 0.5²) per entry) rather than
    // Glorot: an element absent from the training data then keeps a random vector of full size
    // that differs between ensemble members, so their predictions disagree on it (epistemic σ).
    matrix(w, rng, "embed_W", s.featureDim(), d, EMBED_INIT_STD);
    w.put("embed_b", Nd4j.zeros(DataType.FLOAT, 1, d));
    for (int l = 0; l < s.layers(); l++) {
      dense(w, rng, "mp" + l + "_self", d, hd);
      matrix(w, rng, "mp" + l + "_other_W", d, hd);
      dense(w, rng, "mp" + l + "_gate", hd, s.heads());
      dense(w, rng, "mp" + l + "_msg", hd, d);
    }
    dense(w, rng, "pool_hidden", d, hd);
    dense(w, rng, "pool_gate", hd, s.heads());
    dense(w, rng, "pool_msg", hd, d);
    dense(w, rng, "out1", d, s.outputHidden());
    matrix(w, rng, "out1_skip_W", d, s.outputHidden());
    dense(w, rng, "out2", s.outputHidden(), s.outputHidden());
    dense(w, rng, "mean_head", s.outputHidden(), 1);
    dense(w, rng, "log_std_head", s.outputHidden(), 1);
    return w;
  }

  private static void dense(
      Map<String, INDArray> w, SplittableRandom rng, String name, int in, int out) {
    matrix(w, rng, name + "_W", in, out);
    w.put(name + "_b", Nd4j.zeros(DataType.FLOAT, 1, out));
  }

  private static void matrix(
      Map<String, INDArray> w, SplittableRandom rng, String name, int in, int out) {
    matrix(w, rng, name, in, out, Math.sqrt(2.0 / (in + out)));
  }

  private static void matrix(
      Map<String, INDArray> w, SplittableRandom rng, String name, int in, int out, double std) {
    float[] v = new float[in * out];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (gaussian(rng) * std);
    }
    w.put(name, Nd4j.create(v, new long[] {in, out}, 'c'));
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Builds the graph with the given weights as trainable variables (arrays are copied). */
  public static SameDiff build(NetworkShape s, Map<String, INDArray> weights) {
    return build(s, weights, 0);
  }

  /**
   * Builds the graph with a β-weighted Laplace loss: each sample's NLL is scaled by σ^β, the scale
   * taken as a constant (β-NLL, Seitzer et al., ICLR 2022). The plain NLL (β = 0) divides the
   * mean's gradient by σ, so the network gives up on samples it finds noisy; β = 1 restores the
   * unweighted L1 gradient on the mean, which is what the MAE rewards. σ's optimum is unchanged.
   */
  public static SameDiff build(NetworkShape s, Map<String, INDArray> weights, double lossBeta) {
    SameDiff sd = SameDiff.create();
    Map<String, SDVariable> v = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : weights.entrySet()) {
      v.put(e.getKey(), sd.var(e.getKey(), e.getValue().dup()));
    }
    int d = s.embedDim();
    int hd = s.pairHidden();
    int heads = s.heads();

    SDVariable nodes = sd.placeHolder(NODES, DataType.FLOAT, -1, s.featureDim());
    SDVariable weightsIn = sd.placeHolder(WEIGHTS, DataType.FLOAT, -1, -1);
    SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, 1);

    SDVariable shapeBn = weightsIn.shape().castTo(DataType.LONG);
    SDVariable nOnly = shapeBn.get(SDIndex.interval(1, 2));
    SDVariable logW = sd.math().log(weightsIn);
    SDVariable headExpand = sd.constant("head_expand", headExpansion(heads, d));

    SDVariable h = linear(nodes, v, "embed");
    for (int l = 0; l < s.layers(); l++) {
      String p = "mp" + l;
      SDVariable self = reshape(sd, linear(h, v, p + "_self"), shapeBn, null, hd);
      SDVariable other = reshape(sd, h.mmul(v.get(p + "_other_W")), shapeBn, null, hd);
      // Hidden layer of the pair network on [h_i ; h_j]: W [h_i; h_j] = W_self h_i + W_other h_j.
      SDVariable pair =
          sd.nn().leakyRelu(sd.expandDims(self, 2).add(sd.expandDims(other, 1)), LEAK);
      SDVariable pairFlat = pair.reshape(-1, hd);
      SDVariable gate = reshape(sd, linear(pairFlat, v, p + "_gate"), shapeBn, nOnly, heads);
      // Weighted softmax over neighbours j: a_ij ∝ w_j exp(g_ij).
      SDVariable logWj = sd.expandDims(sd.expandDims(logW, 1), 3);
      SDVariable attention = sd.nn().softmax(gate.add(logWj), 2);
      SDVariable attFlat = attention.reshape(-1, heads).mmul(headExpand);
      SDVariable msg = linear(pairFlat, v, p + "_msg").mul(attFlat);
      SDVariable summed = reshape(sd, msg, shapeBn, nOnly, d).sum(2);
      h = h.add(summed.reshape(-1, d));
    }

    SDVariable poolHidden = sd.nn().leakyRelu(linear(h, v, "pool_hidden"), LEAK);
    SDVariable poolGate = reshape(sd, linear(poolHidden, v, "pool_gate"), shapeBn, null, heads);
    SDVariable poolAtt = sd.nn().softmax(poolGate.add(sd.expandDims(logW, 2)), 1);
    SDVariable poolAttFlat = poolAtt.reshape(-1, heads).mmul(headExpand);
    SDVariable poolMsg = linear(poolHidden, v, "pool_msg").mul(poolAttFlat);
    SDVariable pooled = reshape(sd, poolMsg, shapeBn, null, d).sum(1);

    SDVariable o1 =
        sd.nn().leakyRelu(linear(pooled, v, "out1"), LEAK).add(pooled.mmul(v.get("out1_skip_W")));
    SDVariable o2 = sd.nn().leakyRelu(linear(o1, v, "out2"), LEAK).add(o1);
    SDVariable mean = sd.identity(MEAN, linear(o2, v, "mean_head"));
    // A soft bound (tanh) rather than a clip: a clipped log σ has zero gradient and can get stuck.
    SDVariable logStd =
        sd.math()
            .tanh(linear(o2, v, "log_std_head").div(LOG_STD_HALF_WIDTH))
            .mul(LOG_STD_HALF_WIDTH)
            .add(LOG_STD, LOG_STD_CENTRE);

    // Robust Laplace NLL (Roost's robust L1): sqrt(2) |y - mu| exp(-log σ) + log σ.
    SDVariable perSample =
        sd.math()
            .abs(target.sub(mean))
            .mul(sd.math().exp(logStd.neg()))
            .mul(Math.sqrt(2.0))
            .add(logStd);
    if (lossBeta != 0) {
      SDVariable scale = new StopGradient(sd, sd.math().exp(logStd.mul(lossBeta))).outputVariable();
      perSample = perSample.mul(scale);
    }
    sd.mean(LOSS, perSample);
    sd.setLossVariables(LOSS);
    return sd;
  }

  /** Expands per-head attention [., heads] to the embedding width: head k covers its own block. */
  static INDArray headExpansion(int heads, int d) {
    INDArray expand = Nd4j.zeros(DataType.FLOAT, heads, d);
    int block = d / heads;
    for (int k = 0; k < heads; k++) {
      for (int j = k * block; j < (k + 1) * block; j++) {
        expand.putScalar(k, j, 1.0);
      }
    }
    return expand;
  }

  private static SDVariable linear(SDVariable x, Map<String, SDVariable> v, String name) {
    return x.mmul(v.get(name + "_W")).add(v.get(name + "_b"));
  }

  /** Reshapes [B·n(·n), k] to [B, n, (n,) k]; {@code secondN} non-null adds the pair axis. */
  private static SDVariable reshape(
      SameDiff sd, SDVariable x, SDVariable shapeBn, SDVariable secondN, int k) {
    SDVariable last = sd.constant(Nd4j.createFromArray(new long[] {k}));
    SDVariable shape =
        secondN == null ? sd.concat(0, shapeBn, last) : sd.concat(0, shapeBn, secondN, last);
    return sd.reshape(x, shape);
  }
}
