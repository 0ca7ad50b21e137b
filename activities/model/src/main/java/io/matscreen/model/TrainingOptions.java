package io.matscreen.model;

import io.matscreen.features.CompositionFeaturiser;
import java.nio.file.Path;

/**
 * Everything that decides a training run.
 *
 * @param data CSV file with an input column and a target column
 * @param inputKind {@link InputKinds#COMPOSITION} or {@link InputKinds#PROTOSTRUCTURE}
 * @param inputColumn name of the input column
 * @param target name of the target column (eV/atom)
 * @param modelType "roost" or "wren"
 * @param ensemble number of members K
 * @param out bundle directory to write
 * @param epochs maximum epochs per member
 * @param seed seed for the split, initialisation and shuffling
 * @param valFraction fraction of inputs (by composition) used for validation / early stopping
 * @param testFraction fraction of inputs (by composition) held out, never trained or validated on
 * @param batchSize sets per training batch
 * @param learningRate Adam's initial learning rate (cosine-decayed to 1/20 over the epochs)
 * @param lossBeta β of the β-weighted Laplace NLL: each sample's loss is scaled by σ^β with σ held
 *     constant (no gradient through the scale), so β = 0 is the plain Laplace NLL and β = 1 gives
 *     the mean an unweighted L1 gradient while σ still learns the same optimum
 * @param weightDecay decoupled weight decay (AdamW style): after each Adam step every weight w
 *     becomes w − rate · weightDecay · w, with the step's learning rate (0 = off)
 * @param dropout probability of dropping each hidden unit of the output network in training
 *     (inverted dropout: kept units are scaled by 1/(1 − p), so inference uses the weights as they
 *     are; 0 = off)
 * @param averageLast fraction of each member's planned work (epochs or time share) at the end of
 *     which its weights are averaged epoch by epoch (stochastic weight averaging); the average is
 *     kept if it validates better than the best single epoch (0 = off)
 * @param refit train the members on the training and validation rows together and keep each
 *     member's last epoch: for a final model whose settings (epochs, time, rule) were already
 *     chosen on the validation rows by an earlier run; the held-out test rows stay untouched
 * @param ensembleMean the combination rule, or null to choose it by validation MAE (required with
 *     {@code refit}, where validation rows are trained on)
 * @param patience epochs without validation improvement before a member stops
 * @param resume continue from the checkpoints in {@code out}
 * @param timeBudgetSeconds wall-clock budget for the whole run (0 = none); each member gets an even
 *     share of what is left and stops after the epoch that crosses it
 * @param elementFeatures element features of a composition model: {@link
 *     CompositionFeaturiser#BASIC} or {@link CompositionFeaturiser#VALENCE}
 * @param shape network sizes (featureDim is filled in from the featuriser)
 * @param command the exact command line, recorded in model.json
 */
public record TrainingOptions(
    Path data,
    String inputKind,
    String inputColumn,
    String target,
    String modelType,
    int ensemble,
    Path out,
    int epochs,
    long seed,
    double valFraction,
    double testFraction,
    int batchSize,
    double learningRate,
    double lossBeta,
    double weightDecay,
    double dropout,
    double averageLast,
    boolean refit,
    EnsembleMean ensembleMean,
    int patience,
    boolean resume,
    long timeBudgetSeconds,
    String elementFeatures,
    NetworkShape shape,
    String command) {

  /** Defaults for everything but the data, input kind, target, model type and output. */
  public static TrainingOptions defaults(
      Path data, String inputKind, String target, String modelType, Path out) {
    return new TrainingOptions(
        data,
        inputKind,
        inputKind,
        target,
        modelType,
        5,
        out,
        40,
        42,
        0.1,
        0.1,
        512,
        2e-3,
        0,
        0,
        0,
        0,
        false,
        null,
        6,
        false,
        0,
        CompositionFeaturiser.BASIC,
        new NetworkShape(1, 48, 48, 4, 3, 96),
        "");
  }

  /** A copy with other options (builder-style helpers for the CLI and tests). */
  public TrainingOptions withEnsemble(int k, int epochsPerMember) {
    return copy(k, epochsPerMember, resume, weightDecay, dropout, elementFeatures);
  }

  /** The same run with decoupled weight decay {@code decay}. */
  public TrainingOptions withWeightDecay(double decay) {
    return copy(ensemble, epochs, resume, decay, dropout, elementFeatures);
  }

  /** The same run with dropout {@code p} in the output network. */
  public TrainingOptions withDropout(double p) {
    return copy(ensemble, epochs, resume, weightDecay, p, elementFeatures);
  }

  /** The same run with other element features ({@link CompositionFeaturiser#VALENCE}, …). */
  public TrainingOptions withElementFeatures(String features) {
    return copy(ensemble, epochs, resume, weightDecay, dropout, features);
  }

  /** The same run, continued from the checkpoints in {@code out}. */
  public TrainingOptions resuming() {
    return copy(ensemble, epochs, true, weightDecay, dropout, elementFeatures);
  }

  private TrainingOptions copy(
      int k,
      int epochsPerMember,
      boolean resumeRun,
      double decay,
      double dropoutP,
      String features) {
    return new TrainingOptions(
        data,
        inputKind,
        inputColumn,
        target,
        modelType,
        k,
        out,
        epochsPerMember,
        seed,
        valFraction,
        testFraction,
        batchSize,
        learningRate,
        lossBeta,
        decay,
        dropoutP,
        averageLast,
        refit,
        ensembleMean,
        patience,
        resumeRun,
        timeBudgetSeconds,
        features,
        shape,
        command);
  }
}
