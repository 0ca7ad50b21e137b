package io.matscreen.cli;

import io.matscreen.model.BundleException;
import io.matscreen.model.CsvTable;
import io.matscreen.model.DatasetException;
import io.matscreen.model.EnergyPrediction;
import io.matscreen.model.ModelBundle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code matscreen predict} command: formation energies with uncertainty from a bundle. */
@Command(
    mixinStandardHelpOptions = true,
    name = "predict",
    description =
        "Predict formation energies (eV/atom) with ensemble uncertainty for the rows of a CSV.")
public final class PredictCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      description = "bundle directory or zip, or 'default' for the shipped composition model")
  String model;

  @Option(
      names = "--input",
      required = true,
      description =
          "CSV with a 'composition' (or 'protostructure') column, or a 'structure' column of"
              + " structure file paths (CIF, POSCAR, pymatgen JSON; relative to the CSV)")
  Path input;

  @Option(names = "--output", description = "output CSV (default: standard output)")
  Path output;

  @Option(names = "--batch-size", defaultValue = "4096", description = "inputs per batch")
  int batchSize;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "CPU threads, each running whole batches (ND4J ops stay single-threaded)")
  int threads;

  @Override
  public Integer call() throws IOException {
    CliLogging.quietNd4j();
    ModelBundle bundle;
    CsvTable table;
    String column;
    try {
      bundle = ModelArgument.loadForInference(model, threads);
      table = CsvTable.read(input);
      column = ModelInputs.keyColumn(table, bundle.inputKind());
    } catch (BundleException | DatasetException | IllegalArgumentException e) {
      System.err.println("matscreen predict: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("matscreen predict: cannot read " + input + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ModelInputs rows = ModelInputs.check(table, column, bundle.inputKind(), System.err);
    EnergyPrediction[] p = rows.predict(bundle, batchSize);
    Writer w =
        output == null
            ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    try (BufferedWriter out = new BufferedWriter(w)) {
      out.write(column + ",e_form_mean,e_form_std,epistemic_std,aleatoric_std\n");
      for (int i = 0; i < p.length; i++) {
        out.write(CsvTable.quote(rows.usable.get(i).rawKey()));
        out.write(
            String.format(
                Locale.ROOT,
                ",%.6f,%.6f,%.6f,%.6f%n",
                p[i].eFormMean(),
                p[i].eFormStd(),
                p[i].epistemicStd(),
                p[i].aleatoricStd()));
      }
    }
    if (rows.failed > 0) {
      System.err.printf(
          "matscreen predict: %d of %d rows could not be predicted (see above)%n",
          rows.failed, table.rows().size());
      return ExitCodes.SOME_INPUTS_FAILED;
    }
    return ExitCodes.OK;
  }
}
