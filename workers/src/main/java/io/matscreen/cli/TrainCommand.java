package io.matscreen.cli;

import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.model.ComputeThreads;
import io.matscreen.model.EnsembleMean;
import io.matscreen.model.ModelMetadata;
import io.matscreen.model.NetworkShape;
import io.matscreen.model.Trainer;
import io.matscreen.model.TrainingOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code matscreen train} command: trains a deep ensemble and writes a model bundle. */
@Command(
    mixinStandardHelpOptions = true,
    name = "train",
    description =
        "Train a Roost-like (composition) or Wren-like (protostructure) deep ensemble, from"
            + " those columns or from structure files, and write a model bundle.")
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "CSV with the input and target columns")
  Path data;

  @Option(
      names = "--input",
      required = true,
      description =
          "composition, protostructure, or structure (paths of structure files, relative to the"
              + " CSV; read as compositions for roost, protostructure labels for wren); also the"
              + " input column's name")
  String input;

  @Option(names = "--input-column", description = "input column, if not named like --input")
  String inputColumn;

  @Option(names = "--target", required = true, description = "target column (eV/atom)")
  String target;

  @Option(names = "--model", required = true, description = "roost or wren")
  String model;

  @Option(names = "--ensemble", defaultValue = "5", description = "ensemble members K")
  int ensemble;

  @Option(names = "--out", required = true, description = "bundle directory to write")
  Path out;

  @Option(names = "--epochs", defaultValue = "40", description = "maximum epochs per member")
  int epochs;

  @Option(names = "--seed", defaultValue = "42", description = "seed for split, init, shuffling")
  long seed;

  @Option(names = "--val-fraction", defaultValue = "0.1", description = "validation fraction")
  double valFraction;

  @Option(
      names = "--test-fraction",
      defaultValue = "0.1",
      description = "held-out test fraction (never trained on)")
  double testFraction;

  @Option(names = "--batch-size", defaultValue = "512")
  int batchSize;

  @Option(names = "--learning-rate", defaultValue = "0.002")
  double learningRate;

  @Option(
      names = "--loss-beta",
      defaultValue = "0",
      description =
          "β of the β-weighted Laplace NLL (0 = plain; 1 = the mean learns as under L1, σ as"
              + " under the NLL)")
  double lossBeta;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      description =
          "decoupled weight decay (AdamW style): each step shrinks every weight by learning rate"
              + " × this; 0 = off")
  double weightDecay;

  @Option(
      names = "--dropout",
      defaultValue = "0",
      description =
          "probability of dropping each hidden unit of the output network while training"
              + " (inverted dropout; inference is unchanged); 0 = off")
  double dropout;

  @Option(
      names = "--element-features",
      defaultValue = CompositionFeaturiser.BASIC,
      description =
          "composition models: basic (one-hot plus six CDK properties per element) or valence"
              + " (basic plus s, p, d, f valence-electron counts)")
  String elementFeatures;

  @Option(
      names = "--average-last",
      defaultValue = "0",
      description =
          "average each member's weights over the epochs in this last fraction of its planned"
              + " work (stochastic weight averaging) and keep the average if it validates better;"
              + " 0 = off")
  double averageLast;

  @Option(
      names = "--refit",
      description =
          "train the members on the training and validation rows together and keep each one's"
              + " last epoch (for a final model whose settings an earlier run chose on the"
              + " validation rows); needs --ensemble-mean; the held-out test rows stay untouched")
  boolean refit;

  @Option(
      names = "--ensemble-mean",
      description =
          "combination rule: equal, inverse-sigma or mixture-median (default: the one with the"
              + " lowest validation MAE)")
  String ensembleMean;

  @Option(names = "--patience", defaultValue = "6", description = "early-stopping patience")
  int patience;

  @Option(names = "--resume", description = "continue from the checkpoints in --out")
  boolean resume;

  @Option(
      names = "--time-budget",
      defaultValue = "0",
      description = "wall-clock budget in seconds for the whole run (0 = none)")
  long timeBudget;

  @Option(names = "--embed-dim", defaultValue = "48")
  int embedDim;

  @Option(names = "--pair-hidden", defaultValue = "48")
  int pairHidden;

  @Option(names = "--heads", defaultValue = "4")
  int heads;

  @Option(names = "--layers", defaultValue = "3")
  int layers;

  @Option(names = "--output-hidden", defaultValue = "96")
  int outputHidden;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "ensemble members trained at once, one core each (same weights as one at a time)")
  int threads;

  @Override
  public Integer call() throws Exception {
    CliLogging.quietNd4j();
    if (threads < 1) {
      System.err.println("matscreen train: --threads must be at least 1, not " + threads);
      return ExitCodes.USAGE;
    }
    ComputeThreads.limit(1);
    // originalArgs() holds the whole command line from the subcommand name on.
    String command =
        "matscreen " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    try {
      TrainingOptions options =
          new TrainingOptions(
              data,
              input,
              inputColumn == null ? input : inputColumn,
              target,
              model,
              ensemble,
              out,
              epochs,
              seed,
              valFraction,
              testFraction,
              batchSize,
              learningRate,
              lossBeta,
              weightDecay,
              dropout,
              averageLast,
              refit,
              ensembleMean == null ? null : EnsembleMean.fromId(ensembleMean),
              patience,
              resume,
              timeBudget,
              elementFeatures,
              new NetworkShape(1, embedDim, pairHidden, heads, layers, outputHidden),
              command);
      ModelMetadata meta = new Trainer(options, System.err, threads).train();
      System.out.println(ModelMetadataPrinter.summary(meta));
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      System.err.println("matscreen train: " + e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}
