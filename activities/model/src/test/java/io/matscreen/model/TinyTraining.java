package io.matscreen.model;

import io.matscreen.features.CompositionFeaturiser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small, fast training runs for tests. */
final class TinyTraining {
  private TinyTraining() {}

  static final NetworkShape SHAPE = new NetworkShape(1, 16, 16, 2, 2, 32);

  static TrainingOptions options(
      Path csv, String inputKind, String model, Path out, int ensemble, int epochs) {
    return options(csv, inputKind, model, out, ensemble, epochs, 0);
  }

  /** The same, with weights averaged over the last {@code averageLast} of each member's epochs. */
  static TrainingOptions options(
      Path csv,
      String inputKind,
      String model,
      Path out,
      int ensemble,
      int epochs,
      double averageLast) {
    return options(csv, inputKind, model, out, ensemble, epochs, averageLast, 0, false, null);
  }

  /** One member with up to {@code epochs} epochs that stops when its time budget runs out. */
  static TrainingOptions timed(Path csv, Path out, int epochs, long budgetSeconds) {
    return options(csv, "composition", "roost", out, 1, epochs, 0, budgetSeconds, false, null);
  }

  /** Composition members trained on the training and validation rows, combined by {@code rule}. */
  static TrainingOptions refit(Path csv, Path out, int ensemble, int epochs, EnsembleMean rule) {
    return options(csv, "composition", "roost", out, ensemble, epochs, 0, 0, true, rule);
  }

  private static TrainingOptions options(
      Path csv,
      String inputKind,
      String model,
      Path out,
      int ensemble,
      int epochs,
      double averageLast,
      long budgetSeconds,
      boolean refit,
      EnsembleMean rule) {
    return new TrainingOptions(
        csv,
        inputKind,
        inputKind,
        "e_form",
        model,
        ensemble,
        out,
        epochs,
        7,
        0.15,
        0.15,
        16,
        3e-3,
        0,
        0,
        0,
        averageLast,
        refit,
        rule,
        epochs,
        false,
        budgetSeconds,
        CompositionFeaturiser.BASIC,
        SHAPE,
        "test");
  }

  /** The weights of a trained bundle's first member. */
  static Map<String, INDArray> firstMember(Path bundle) throws IOException {
    Path file = bundle.resolve("member-0.weights");
    return WeightsFile.read(Files.readAllBytes(file), file.toString());
  }

  /** The optimiser a bundle's model.json records. */
  static String optimizer(Path bundle) throws IOException {
    return ModelBundle.JSON
        .readTree(bundle.resolve("model.json").toFile())
        .path("training")
        .path("optimizer")
        .asText();
  }

  /** Trains and returns the log. */
  static String train(TrainingOptions o) throws IOException {
    ComputeThreads.limit(1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new Trainer(o, new PrintStream(log, true)).train();
    return log.toString();
  }
}
