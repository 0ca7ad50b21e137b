package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.model.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train → predict → evaluate end to end with tiny networks. */
class TrainCommandTest {
  @TempDir Path dir;

  private static final String[] TINY = {
    "--ensemble", "2", "--epochs", "4", "--batch-size", "16", "--embed-dim", "16",
    "--pair-hidden", "16", "--heads", "2", "--layers", "2", "--output-hidden", "32",
    "--learning-rate", "0.003", "--seed", "3"
  };

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(b, 0, out, 0, b.length);
    System.arraycopy(a, 0, out, b.length, a.length);
    return out;
  }

  @Test
  void roostTrainsPredictsAndEvaluatesOnSyntheticData() throws Exception {
    // Binary oxides, nitrides and fluorides of light metals; target from Pauling
    // electronegativities (−0.8·Δχ), a smooth function the network can learn.
    String[] metals = {"Li", "Na", "K", "Mg", "Ca", "Al", "Ti", "V", "Cr", "Mn", "Fe", "Zn"};
    String[] anions = {"O", "N", "F", "S", "Cl"};
    double[] chiM = {0.98, 0.93, 0.82, 1.31, 1.00, 1.61, 1.54, 1.63, 1.66, 1.55, 1.83, 1.65};
    double[] chiA = {3.44, 3.04, 3.98, 2.58, 3.16};
    StringBuilder csv = new StringBuilder("composition,e_form\n");
    for (int m = 0; m < metals.length; m++) {
      for (int a = 0; a < anions.length; a++) {
        for (int x = 1; x <= 3; x++) {
          csv.append(metals[m]).append(x).append(anions[a]).append(',');
          csv.append(-0.8 * (chiA[a] - chiM[m]) * x / (x + 1.0)).append('\n');
        }
      }
    }
    Path data = Files.writeString(dir.resolve("train.csv"), csv.toString());
    Path out = dir.resolve("roost-bundle");
    CliRun train =
        CliRun.run(
            concat(
                TINY,
                "train",
                "--data",
                data.toString(),
                "--input",
                "composition",
                "--target",
                "e_form",
                "--model",
                "roost",
                "--out",
                out.toString()));
    assertThat(train.exitCode()).as(train.err()).isEqualTo(ExitCodes.OK);
    assertThat(train.err()).contains("member 2/2 epoch 4/4");
    assertThat(train.out())
        .containsPattern("validation   n=\\d+  MAE \\d\\.\\d{4}  RMSE")
        .containsPattern(
            "validationMaeByEnsembleMean: equal 0\\.\\d{4}, inverse-sigma 0\\.\\d{4},"
                + " mixture-median 0\\.\\d{4}")
        .doesNotContain("null");
    assertThat(out.resolve("metrics.json")).exists();
    ModelBundle bundle = ModelBundle.load(out);
    assertThat(bundle.ensembleSize()).isEqualTo(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> training = (Map<String, Object>) bundle.metadata().training();
    assertThat((String) training.get("command"))
        .startsWith("matscreen train --data " + data)
        .contains("--out " + out)
        .contains("--ensemble 2");
    assertThat(training.get("dataRows")).isEqualTo(180);

    CliRun again =
        CliRun.run(
            concat(
                TINY,
                "train",
                "--data",
                data.toString(),
                "--input",
                "composition",
                "--target",
                "e_form",
                "--model",
                "roost",
                "--out",
                out.toString()));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("already holds a bundle");

    CliRun eval =
        CliRun.run(
            "evaluate", "--model", out.toString(), "--data", data.toString(), "--target", "e_form");
    assertThat(eval.exitCode()).as(eval.err()).isEqualTo(ExitCodes.OK);
    assertThat(eval.out()).contains("MAE").contains("RMSE").contains("R²").contains("10%");
    double mae =
        Double.parseDouble(
            eval.out()
                .lines()
                .filter(l -> l.startsWith("MAE"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1]);
    // Target spread is ~0.6 eV/atom (std); predicting the mean gives MAE ≈ 0.5. Four tiny epochs
    // must already do clearly better.
    assertThat(mae).isLessThan(0.35);
  }

  @Test
  void wrenTrainsAndPredictsOnTheTaataFixture() throws Exception {
    Path fixture = SharedData.find("fixtures/taata/examples.csv");
    Assumptions.assumeTrue(
        fixture != null, "../shared/fixtures/taata/examples.csv is absent: skipping");
    Path out = dir.resolve("wren-bundle");
    CliRun train =
        CliRun.run(
            concat(
                TINY,
                "train",
                "--data",
                fixture.toString(),
                "--input",
                "protostructure",
                "--target",
                "E_f",
                "--model",
                "wren",
                "--out",
                out.toString()));
    assertThat(train.exitCode()).as(train.err()).isEqualTo(ExitCodes.OK);
    ModelBundle bundle = ModelBundle.load(out);
    assertThat(bundle.inputKind()).isEqualTo("protostructure");
    assertThat(bundle.metadata().network().featureDim()).isGreaterThan(300);

    Path predicted = dir.resolve("wren-pred.csv");
    CliRun predict =
        CliRun.run(
            "predict",
            "--model",
            out.toString(),
            "--input",
            fixture.toString(),
            "--output",
            predicted.toString());
    assertThat(predicted).exists();
    List<String> lines = Files.readAllLines(predicted);
    assertThat(lines.get(0)).startsWith("protostructure,e_form_mean");
    // 68 data rows in the fixture, all valid labels.
    assertThat(predict.exitCode()).as(predict.err()).isEqualTo(ExitCodes.OK);
    assertThat(lines).hasSize(69);
    assertThat(lines.get(1)).startsWith("A_hP2_194_c:Hf,");
  }

  @Test
  void mismatchedModelAndInputIsAUsageError() throws Exception {
    CliRun r = trainOnOneComposition("--model", "wren");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("use roost with composition, wren with protostructure, or either with structure");
  }

  @Test
  void unknownElementFeaturesAreAUsageErrorNamingTheChoices() throws Exception {
    CliRun r = trainOnOneComposition("--model", "roost", "--element-features", "magpie");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("element features 'magpie' are not basic or valence");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aRefitWithoutAnEnsembleMeanIsAUsageError() throws Exception {
    CliRun r = trainOnOneComposition("--model", "roost", "--refit");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("--refit trains on the validation rows, so they cannot choose the ensemble mean");
    CliRun unknown = trainOnOneComposition("--model", "roost", "--ensemble-mean", "median");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err())
        .contains("ensemble mean 'median': use equal, inverse-sigma or mixture-median");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  /** Runs train on a one-row composition CSV into dir/x with the given further options. */
  private CliRun trainOnOneComposition(String... options) throws Exception {
    Path data = Files.writeString(dir.resolve("d.csv"), "composition,e\nNaCl,-2\n");
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--input",
                "composition",
                "--target",
                "e",
                "--out",
                dir.resolve("x").toString()));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  /**
   * Writes each TAATA structure to its own pymatgen JSON file under dir/structures and returns the
   * CSV rows "structures/ID.json,E_f" in fixture order (the labels in examples.csv, in the same
   * order, are what spglib gives these structures; StructureAnalysis tests check all 68).
   */
  private List<String> writeTaataStructures(Path examplesJson) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode root = json.readTree(examplesJson.toFile());
    Path folder = Files.createDirectories(dir.resolve("structures"));
    List<String> rows = new java.util.ArrayList<>();
    // pandas' column-wise JSON: every column maps the same row keys, in examples.csv's order.
    for (java.util.Iterator<String> keys = root.get("material_id").fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      String id = root.get("material_id").get(key).asText();
      json.writeValue(folder.resolve(id + ".json").toFile(), root.get("structure").get(key));
      rows.add("structures/" + id + ".json," + root.get("E_f").get(key).asText());
    }
    return rows;
  }

  @Test
  void wrenTrainsAndPredictsFromStructureFiles() throws Exception {
    Path fixture = SharedData.find("fixtures/taata/examples.json");
    Assumptions.assumeTrue(
        fixture != null, "../shared/fixtures/taata/examples.json is absent: skipping");
    List<String> rows = writeTaataStructures(fixture);
    assertThat(rows).hasSize(68);
    Path data =
        Files.writeString(
            dir.resolve("structures.csv"), "structure,E_f\n" + String.join("\n", rows) + "\n");
    Path out = dir.resolve("wren-from-structures");
    CliRun train =
        CliRun.run(
            concat(
                TINY,
                "train",
                "--data",
                data.toString(),
                "--input",
                "structure",
                "--target",
                "E_f",
                "--model",
                "wren",
                "--out",
                out.toString()));
    assertThat(train.exitCode()).as(train.err()).isEqualTo(ExitCodes.OK);
    ModelBundle bundle = ModelBundle.load(out);
    assertThat(bundle.inputKind()).isEqualTo("protostructure");
    assertThat(bundle.metadata().training().get("inputSource").toString())
        .contains("protostructure labels");

    // Predict from structure files, two of them bad, and from the labels of the same structures.
    String first = rows.get(0).split(",")[0];
    String second = rows.get(1).split(",")[0];
    Files.writeString(dir.resolve("structures/broken.cif"), "data_x\n_cell_length_a 5.4(\n");
    Path in =
        Files.writeString(
            dir.resolve("to-predict.csv"),
            "structure\n"
                + first
                + "\nstructures/missing.json\nstructures/broken.cif\n"
                + second
                + "\n");
    Path predicted = dir.resolve("from-structures.csv");
    CliRun predict =
        CliRun.run(
            "predict",
            "--model",
            out.toString(),
            "--input",
            in.toString(),
            "--output",
            predicted.toString());
    assertThat(predict.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(predict.err())
        .contains("to-predict.csv:3: structure 'structures/missing.json'")
        .contains("to-predict.csv:4: structure 'structures/broken.cif'");
    List<String> lines = Files.readAllLines(predicted);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("structure,e_form_mean");
    assertThat(lines.get(1)).startsWith(first + ",");
    assertThat(lines.get(2)).startsWith(second + ",");

    List<String> labels = Files.readAllLines(SharedData.find("fixtures/taata/examples.csv"));
    Path labelCsv =
        Files.writeString(
            dir.resolve("labels.csv"),
            "protostructure\n"
                + labels.get(1).split(",")[3]
                + "\n"
                + labels.get(2).split(",")[3]
                + "\n");
    CliRun byLabel =
        CliRun.run("predict", "--model", out.toString(), "--input", labelCsv.toString());
    assertThat(byLabel.exitCode()).as(byLabel.err()).isEqualTo(ExitCodes.OK);
    List<String> labelLines = byLabel.out().lines().toList();
    assertThat(lines.get(1).substring(lines.get(1).indexOf(',')))
        .isEqualTo(labelLines.get(1).substring(labelLines.get(1).indexOf(',')));
    assertThat(lines.get(2).substring(lines.get(2).indexOf(',')))
        .isEqualTo(labelLines.get(2).substring(labelLines.get(2).indexOf(',')));
  }

  @Test
  void aBadStructureFileStopsTrainingWithItsLine() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("s"));
    Files.writeString(
        folder.resolve("NaCl.vasp"),
        "NaCl\n1.0\n5.64 0 0\n0 5.64 0\n0 0 5.64\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n");
    Path data =
        Files.writeString(dir.resolve("d.csv"), "structure,e\ns/NaCl.vasp,-2\ns/nope.cif,-1\n");
    CliRun r =
        CliRun.run(
            "train",
            "--data",
            data.toString(),
            "--input",
            "structure",
            "--target",
            "e",
            "--model",
            "roost",
            "--out",
            dir.resolve("x").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("d.csv:3: structure 's/nope.cif'");
    assertThat(dir.resolve("x/model.json")).doesNotExist();
  }
}
