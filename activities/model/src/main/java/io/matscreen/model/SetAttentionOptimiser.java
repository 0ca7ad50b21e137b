package io.matscreen.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Trains the weights of a {@link SetAttentionNetwork} in place: Adam steps on the hand-written
 * gradients of {@link SetAttentionGradients}, with optional decoupled weight decay.
 *
 * <p>Each step's temporary arrays live in a memory workspace that is reused from step to step:
 * allocating them afresh off-heap costs ND4J about 100 µs apiece, more than most of the operations
 * themselves on these small arrays.
 */
public final class SetAttentionOptimiser {
  private static final WorkspaceConfiguration STEP_WORKSPACE =
      WorkspaceConfiguration.builder()
          .initialSize(0)
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policyReset(ResetPolicy.BLOCK_LEFT)
          .build();

  private final NetworkShape shape;
  private final Map<String, INDArray> weights;
  private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
  private final ISchedule learningRate;
  private final double weightDecay;
  private final double lossBeta;
  private final double dropout;
  private SplittableRandom dropoutRng = new SplittableRandom(0);
  private final String workspaceId;
  private int iteration;

  /**
   * @param weights the weights to train, changed in place
   * @param learningRate Adam's rate (read at every step)
   * @param weightDecay λ of the decoupled decay w ← w − rate·λ·w (0: none)
   * @param lossBeta β of the β-weighted Laplace loss (0: the plain loss)
   */
  public SetAttentionOptimiser(
      NetworkShape shape,
      Map<String, INDArray> weights,
      ISchedule learningRate,
      double weightDecay,
      double lossBeta) {
    this(shape, weights, learningRate, weightDecay, lossBeta, 0);
  }

  /**
   * @param dropout probability of dropping a hidden unit of the output network at each step (0:
   *     none); see {@link SetAttentionGradients}
   */
  public SetAttentionOptimiser(
      NetworkShape shape,
      Map<String, INDArray> weights,
      ISchedule learningRate,
      double weightDecay,
      double lossBeta,
      double dropout) {
    this.dropout = dropout;
    this.shape = shape;
    this.weights = weights;
    this.learningRate = learningRate;
    this.weightDecay = weightDecay;
    this.lossBeta = lossBeta;
    // One workspace per optimiser and thread: members train side by side on their own threads.
    this.workspaceId = "set-attention-step-" + System.identityHashCode(this);
    Adam adam = new Adam(learningRate);
    for (Map.Entry<String, INDArray> e : weights.entrySet()) {
      long size = e.getValue().length();
      INDArray state = Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(size));
      updaters.put(e.getKey(), adam.instantiate(state, true));
    }
  }

  /**
   * Restarts the dropout masks from {@code seed}: the trainer does so every epoch, so that a run
   * resumed from a checkpoint draws the same masks as one that was not interrupted.
   */
  public void seedDropout(long seed) {
    dropoutRng = new SplittableRandom(seed);
  }

  /** One Adam step on a batch; returns the batch's loss before the step. */
  public double step(INDArray nodes, INDArray setWeights, INDArray target) {
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, workspaceId)) {
      SetAttentionGradients.Result r =
          SetAttentionGradients.compute(
              shape, weights, nodes, setWeights, target, lossBeta, dropout, dropoutRng);
      double rate = learningRate.valueAt(iteration, 0);
      for (Map.Entry<String, INDArray> e : r.gradients().entrySet()) {
        INDArray w = weights.get(e.getKey());
        INDArray update = e.getValue();
        updaters.get(e.getKey()).applyUpdater(update, iteration, 0);
        if (weightDecay > 0) {
          update.addi(w.mul(weightDecay * rate));
        }
        w.subi(update);
      }
      iteration++;
      return r.loss();
    }
  }
}
