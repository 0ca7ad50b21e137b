package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
  @TempDir Path dir;

  @Test
  void printsMetricsAndReportsUnusableRows() throws Exception {
    // Materials Project formation energies (eV/atom) from mp-formation-train.csv.
    Path data =
        Files.writeString(
            dir.resolve("labelled.csv"),
            "composition,formation_energy_per_atom\n"
                + "Al2O3,-3.4421135\n"
                + "SiO2,-3.2847129\n"
                + "Cu,0.0\n"
                + "Al2O3,not-a-number\n");
    CliRun r =
        CliRun.run(
            "evaluate",
            "--model",
            "default",
            "--data",
            data.toString(),
            "--target",
            "formation_energy_per_atom");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(r.err()).contains("labelled.csv:5: formation_energy_per_atom 'not-a-number'");
    assertThat(r.out()).contains(": 3 rows").contains("MAE").contains("R²").contains("100%");
    double mae =
        Double.parseDouble(
            r.out()
                .lines()
                .filter(l -> l.startsWith("MAE"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[1]);
    // Sanity bound for the shipped model on three well-known compounds.
    assertThat(mae).isLessThan(0.4);
  }
}
