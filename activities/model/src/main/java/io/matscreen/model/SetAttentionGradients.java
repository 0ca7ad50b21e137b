package io.matscreen.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loss of {@link SetAttentionNetwork} and its gradient with respect to every weight, computed
 * by hand-written backpropagation with plain ND4J array operations.
 *
 * <p>Why not SameDiff's own gradient: for the batches the trainer uses (128 sets of 2–6 elements)
 * SameDiff 1.0.0-M2.1 spends about 40 ms of a 47 ms training step in its Java-side graph
 * bookkeeping; the arithmetic itself is a few milliseconds. The forward pass here is the graph's,
 * operation for operation, and SetAttentionGradientsTest checks loss and gradients against
 * SameDiff's for every weight.
 */
public final class SetAttentionGradients {
  private static final double LEAK = SetAttentionNetwork.LEAK;

  private SetAttentionGradients() {}

  /** The mean loss over the batch and dLoss/dWeight for every weight, keyed like the weights. */
  public record Result(double loss, Map<String, INDArray> gradients) {}

  /**
   * Loss and gradients for one batch of sets of one size n.
   *
   * @param nodes [B·n, featureDim] node features
   * @param setWeights [B, n] node weights (fractions)
   * @param target [B, 1] normalised targets
   * @param lossBeta β of the β-weighted Laplace loss (0: the plain loss)
   */
  public static Result compute(
      NetworkShape s,
      Map<String, INDArray> w,
      INDArray nodes,
      INDArray setWeights,
      INDArray target,
      double lossBeta) {
    return compute(s, w, nodes, setWeights, target, lossBeta, 0, null);
  }

  /**
   * Loss and gradients with inverted dropout on the output network's two hidden layers: each unit
   * of their leaky-ReLU branch is dropped with probability {@code dropout} and the kept ones are
   * scaled by 1/(1 − dropout), so the network without dropout (inference) has the same expected
   * activations. The residual paths around them are not dropped.
   *
   * @param dropout probability of dropping a unit (0: none)
   * @param rng source of the dropout masks (unused when dropout is 0)
   */
  public static Result compute(
      NetworkShape s,
      Map<String, INDArray> w,
      INDArray nodes,
      INDArray setWeights,
      INDArray target,
      double lossBeta,
      double dropout,
      SplittableRandom rng) {
    int b = (int) setWeights.size(0);
    int n = (int) setWeights.size(1);
    int d = s.embedDim();
    int hd = s.pairHidden();
    int heads = s.heads();
    long rows = (long) b * n;
    long pairs = rows * n;
    INDArray expand = SetAttentionNetwork.headExpansion(heads, d);
    INDArray logW = Transforms.log(setWeights, true);
    INDArray logWj = logW.reshape(b, 1, n, 1);

    // Forward, keeping what the backward pass needs.
    INDArray h = linear(nodes, w, "embed");
    List<INDArray> hIn = new ArrayList<>();
    List<INDArray> slopes = new ArrayList<>();
    List<INDArray> pairActs = new ArrayList<>();
    List<INDArray> attentions = new ArrayList<>();
    List<INDArray> expanded = new ArrayList<>();
    List<INDArray> messages = new ArrayList<>();
    for (int l = 0; l < s.layers(); l++) {
      String p = "mp" + l;
      hIn.add(h);
      INDArray self = linear(h, w, p + "_self").reshape(b, n, 1, hd);
      INDArray other = h.mmul(w.get(p + "_other_W")).reshape(b, 1, n, hd);
      INDArray z = self.add(other).reshape(pairs, hd);
      INDArray slope = leakySlope(z);
      INDArray pair = z.mul(slope);
      INDArray gate = linear(pair, w, p + "_gate").reshape(b, n, n, heads).addi(logWj);
      INDArray attention = softmax(gate, 2);
      INDArray attExpanded = attention.reshape(pairs, heads).mmul(expand);
      INDArray msg = linear(pair, w, p + "_msg");
      INDArray summed = sumOver(msg.mul(attExpanded).reshape(b, n, n, d), 2);
      h = h.add(summed.reshape(rows, d));
      slopes.add(slope);
      pairActs.add(pair);
      attentions.add(attention);
      expanded.add(attExpanded);
      messages.add(msg);
    }
    INDArray poolPre = linear(h, w, "pool_hidden");
    INDArray poolSlope = leakySlope(poolPre);
    INDArray poolHidden = poolPre.mul(poolSlope);
    INDArray poolGate =
        linear(poolHidden, w, "pool_gate").reshape(b, n, heads).addi(logW.reshape(b, n, 1));
    INDArray poolAtt = softmax(poolGate, 1);
    INDArray poolAttExpanded = poolAtt.reshape(rows, heads).mmul(expand);
    INDArray poolMsg = linear(poolHidden, w, "pool_msg");
    INDArray pooled = sumOver(poolMsg.mul(poolAttExpanded).reshape(b, n, d), 1);

    INDArray a1 = linear(pooled, w, "out1");
    INDArray slope1 = dropped(leakySlope(a1), dropout, rng);
    INDArray o1 = a1.mul(slope1).addi(pooled.mmul(w.get("out1_skip_W")));
    INDArray a2 = linear(o1, w, "out2");
    INDArray slope2 = dropped(leakySlope(a2), dropout, rng);
    INDArray o2 = a2.mul(slope2).addi(o1);
    INDArray mean = linear(o2, w, "mean_head");
    double halfWidth = SetAttentionNetwork.LOG_STD_HALF_WIDTH;
    INDArray t = Transforms.tanh(linear(o2, w, "log_std_head").divi(halfWidth), true);
    INDArray logStd = t.mul(halfWidth).addi(SetAttentionNetwork.LOG_STD_CENTRE);

    INDArray diff = mean.sub(target);
    INDArray absDiff = Transforms.abs(diff, true);
    INDArray invStd = Transforms.exp(logStd.neg(), true);
    double root2 = Math.sqrt(2.0);
    INDArray perSample = absDiff.mul(invStd).muli(root2).addi(logStd);
    INDArray dPer = Nd4j.valueArrayOf(new long[] {b, 1}, 1.0 / b, DataType.FLOAT);
    if (lossBeta != 0) {
      INDArray scale = Transforms.exp(logStd.mul(lossBeta), true);
      perSample.muli(scale);
      dPer.muli(scale);
    }
    double loss = perSample.meanNumber().doubleValue();

    // Backward.
    Map<String, INDArray> g = new LinkedHashMap<>();
    INDArray dMean = dPer.mul(invStd).muli(root2).muli(Transforms.sign(diff, true));
    INDArray dLogStd = dPer.mul(absDiff.mul(invStd).muli(-root2).addi(1.0));
    INDArray dRaw = dLogStd.muli(t.mul(t).rsubi(1.0));
    INDArray dO2 = dense(g, "mean_head", o2, dMean, w).addi(dense(g, "log_std_head", o2, dRaw, w));
    INDArray dA2 = dO2.mul(slope2);
    INDArray dO1 = dense(g, "out2", o1, dA2, w).addi(dO2);
    INDArray dA1 = dO1.mul(slope1);
    INDArray dPooled = dense(g, "out1", pooled, dA1, w);
    g.put("out1_skip_W", gemmTransposeA(pooled, dO1));
    dPooled.addi(Nd4j.gemm(dO1, w.get("out1_skip_W"), false, true));

    INDArray dPooledRows = dPooled.reshape(b, 1, d);
    INDArray dPoolMsg = poolAttExpanded.reshape(b, n, d).mul(dPooledRows).reshape(rows, d);
    INDArray dPoolAtt =
        Nd4j.gemm(poolMsg.reshape(b, n, d).mul(dPooledRows).reshape(rows, d), expand, false, true);
    INDArray dPoolGate = softmaxBackward(poolAtt, dPoolAtt.reshape(b, n, heads), 1);
    INDArray dPoolHidden =
        dense(g, "pool_msg", poolHidden, dPoolMsg, w)
            .addi(dense(g, "pool_gate", poolHidden, dPoolGate.reshape(rows, heads), w));
    INDArray dH = dense(g, "pool_hidden", h, dPoolHidden.muli(poolSlope), w);

    for (int l = s.layers() - 1; l >= 0; l--) {
      String p = "mp" + l;
      INDArray dSummed = dH.reshape(b, n, 1, d);
      INDArray dMsg = expanded.get(l).reshape(b, n, n, d).mul(dSummed).reshape(pairs, d);
      INDArray dAtt =
          Nd4j.gemm(
              messages.get(l).reshape(b, n, n, d).mul(dSummed).reshape(pairs, d),
              expand,
              false,
              true);
      INDArray dGate =
          softmaxBackward(attentions.get(l), dAtt.reshape(b, n, n, heads), 2).reshape(pairs, heads);
      INDArray pair = pairActs.get(l);
      INDArray dPair =
          dense(g, p + "_msg", pair, dMsg, w).addi(dense(g, p + "_gate", pair, dGate, w));
      INDArray dZ = dPair.muli(slopes.get(l)).reshape(b, n, n, hd);
      INDArray dSelf = sumOver(dZ, 2).reshape(rows, hd);
      INDArray dOther = sumOver(dZ, 1).reshape(rows, hd);
      INDArray in = hIn.get(l);
      INDArray dIn = dense(g, p + "_self", in, dSelf, w);
      g.put(p + "_other_W", gemmTransposeA(in, dOther));
      dIn.addi(Nd4j.gemm(dOther, w.get(p + "_other_W"), false, true));
      dH = dH.add(dIn);
    }
    g.put("embed_W", gemmTransposeA(nodes, dH));
    g.put("embed_b", columnSums(dH));

    Map<String, INDArray> ordered = new LinkedHashMap<>();
    for (String name : w.keySet()) {
      INDArray grad = g.get(name);
      if (grad == null) {
        throw new IllegalStateException("no gradient computed for weight " + name);
      }
      ordered.put(name, grad);
    }
    return new Result(loss, ordered);
  }

  private static INDArray linear(INDArray x, Map<String, INDArray> w, String name) {
    return x.mmul(w.get(name + "_W")).addiRowVector(w.get(name + "_b"));
  }

  /**
   * Backward through y = x·W + b: stores dW and db in {@code g} and returns dL/dx.
   *
   * @param dy dL/dy
   */
  private static INDArray dense(
      Map<String, INDArray> g, String name, INDArray x, INDArray dy, Map<String, INDArray> w) {
    g.put(name + "_W", gemmTransposeA(x, dy));
    g.put(name + "_b", columnSums(dy));
    return Nd4j.gemm(dy, w.get(name + "_W"), false, true);
  }

  /** Σ over the rows of x, as [1, columns]: a product with ones, far faster than ND4J's sum(0). */
  private static INDArray columnSums(INDArray x) {
    return Nd4j.ones(DataType.FLOAT, 1, x.size(0)).mmul(x);
  }

  /**
   * Σ over one axis of length n (2–8 here) by adding its slices: ND4J's reductions along an inner
   * axis cost several times more than these few additions.
   */
  private static INDArray sumOver(INDArray x, int axis) {
    INDArrayIndex[] index = new INDArrayIndex[x.rank()];
    java.util.Arrays.fill(index, NDArrayIndex.all());
    index[axis] = NDArrayIndex.point(0);
    INDArray sum = x.get(index).dup('c');
    for (long i = 1; i < x.size(axis); i++) {
      index[axis] = NDArrayIndex.point(i);
      sum.addi(x.get(index));
    }
    return sum;
  }

  private static INDArray gemmTransposeA(INDArray x, INDArray dy) {
    return Nd4j.gemm(x, dy, true, false);
  }

  /**
   * Softmax along {@code dimension}, written out: ND4J's softmax op along an inner axis of length
   * 2–8 is several times slower than these four operations.
   */
  private static INDArray softmax(INDArray x, int dimension) {
    INDArray e = Transforms.exp(x.sub(x.max(true, dimension)), false);
    return e.divi(e.sum(true, dimension));
  }

  /** dL/dx of y = softmax(x) along {@code dimension}: y ⊙ (dy − Σ dy ⊙ y). */
  private static INDArray softmaxBackward(INDArray y, INDArray dy, int dimension) {
    INDArray dot = dy.mul(y).sum(true, dimension);
    return dy.sub(dot).muli(y);
  }

  /**
   * The slope with dropout folded in: as the activation is x ⊙ slope and its derivative the slope,
   * zeroing a unit's slope (and scaling the kept ones) drops it in the forward and backward pass.
   */
  private static INDArray dropped(INDArray slope, double dropout, SplittableRandom rng) {
    if (dropout == 0) {
      return slope;
    }
    float kept = (float) (1.0 / (1.0 - dropout));
    float[] mask = new float[(int) slope.length()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rng.nextDouble() < dropout ? 0f : kept;
    }
    return slope.muli(Nd4j.create(mask, slope.shape(), 'c'));
  }

  /**
   * 1 where x > 0, the leak elsewhere: the leaky ReLU is x ⊙ slope and its derivative is the slope
   * (ND4J's own leaky ReLU op is about 8× slower than this on these arrays).
   */
  private static INDArray leakySlope(INDArray x) {
    return x.gt(0.0).castTo(DataType.FLOAT).muli(1.0 - LEAK).addi(LEAK);
  }
}
