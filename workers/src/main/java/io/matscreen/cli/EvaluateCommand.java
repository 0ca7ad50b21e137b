package io.matscreen.cli;

import io.matscreen.model.BundleException;
import io.matscreen.model.CsvTable;
import io.matscreen.model.DatasetException;
import io.matscreen.model.EnergyPrediction;
import io.matscreen.model.ModelBundle;
import io.matscreen.model.RegressionMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code matscreen evaluate} command: a bundle's accuracy and calibration on labelled data. */
@Command(
    mixinStandardHelpOptions = true,
    name = "evaluate",
    description = "Evaluate a model on labelled data: MAE, RMSE, R² and a confidence–error curve.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      description = "bundle directory or zip, or 'default' for the shipped composition model")
  String model;

  @Option(names = "--data", required = true, description = "CSV with the input and target columns")
  java.nio.file.Path data;

  @Option(names = "--target", required = true, description = "target column (eV/atom)")
  String target;

  @Option(names = "--batch-size", defaultValue = "4096")
  int batchSize;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "CPU threads, each running whole batches (ND4J ops stay single-threaded)")
  int threads;

  @Override
  public Integer call() {
    CliLogging.quietNd4j();
    ModelBundle bundle;
    CsvTable table;
    String column;
    int targetColumn;
    try {
      bundle = ModelArgument.loadForInference(model, threads);
      table = CsvTable.read(data);
      column = ModelInputs.keyColumn(table, bundle.inputKind());
      targetColumn = table.column(target);
    } catch (BundleException | DatasetException | IllegalArgumentException e) {
      System.err.println("matscreen evaluate: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("matscreen evaluate: cannot read " + data + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ModelInputs rows = ModelInputs.check(table, column, bundle.inputKind(), System.err);
    List<ModelInputs.Usable> labelled = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (ModelInputs.Usable u : rows.usable) {
      String raw =
          targetColumn < u.row().fields().size() ? u.row().fields().get(targetColumn).strip() : "";
      double v;
      try {
        v = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!Double.isFinite(v)) {
        System.err.printf("%s:%d: %s '%s' is not a finite number%n", data, u.line(), target, raw);
        rows.failed++;
        continue;
      }
      labelled.add(u);
      y.add(v);
    }
    // Replaced in place (labelled keeps the order): retainAll would compare every pair of rows.
    rows.usable.clear();
    rows.usable.addAll(labelled);
    if (labelled.isEmpty()) {
      System.err.println("matscreen evaluate: no usable rows in " + data);
      return ExitCodes.SOME_INPUTS_FAILED;
    }
    EnergyPrediction[] p = rows.predict(bundle, batchSize);
    RegressionMetrics m = RegressionMetrics.of(y.stream().mapToDouble(d -> d).toArray(), p);
    System.out.printf(
        Locale.ROOT,
        "model %s (%s, %d members) on %s: %d rows%n",
        bundle.name(),
        bundle.metadata().type(),
        bundle.ensembleSize(),
        data,
        m.count());
    System.out.printf(Locale.ROOT, "MAE   %.4f eV/atom%n", m.mae());
    System.out.printf(Locale.ROOT, "RMSE  %.4f eV/atom%n", m.rmse());
    System.out.printf(Locale.ROOT, "R²    %.4f%n", m.r2());
    System.out.printf(
        Locale.ROOT,
        "mean predicted σ %.4f eV/atom; Spearman(|error|, σ) %.3f%n",
        m.meanStd(),
        m.errorStdSpearman());
    System.out.println("confidence–error curve (MAE of the most confident fraction, ranked by σ):");
    for (Map.Entry<String, Double> e : m.confidenceCurve().entrySet()) {
      System.out.printf(Locale.ROOT, "  %5s  %.4f eV/atom%n", e.getKey(), e.getValue());
    }
    if (rows.failed > 0) {
      System.err.printf("matscreen evaluate: %d rows could not be used (see above)%n", rows.failed);
      return ExitCodes.SOME_INPUTS_FAILED;
    }
    return ExitCodes.OK;
  }
}
