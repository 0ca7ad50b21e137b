package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  @TempDir Path dir;

  @Test
  void predictsGoodRowsReportsBadOnesByLineAndExitsOne() throws Exception {
    Path in =
        Files.writeString(
            dir.resolve("in.csv"), "id,composition\n1,Al2O3\n2,Xx2O\n3,SiO2\n4,\n5,Fe2O3\n");
    Path out = dir.resolve("out.csv");
    CliRun r =
        CliRun.run(
            "predict", "--model", "default", "--input", in.toString(), "--output", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(r.err()).contains("in.csv:3: composition 'Xx2O'").contains("in.csv:5: composition");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo("composition,e_form_mean,e_form_std,epistemic_std,aleatoric_std");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("Al2O3,");
    assertThat(lines.get(2)).startsWith("SiO2,");
    assertThat(lines.get(3)).startsWith("Fe2O3,");
    String[] al2o3 = lines.get(1).split(",");
    // MP formation energy of Al2O3 (mp-1143) is −3.442 eV/atom; 0.4 is a sanity bound.
    assertThat(Double.parseDouble(al2o3[1])).isCloseTo(-3.442, within(0.4));
    double total = Double.parseDouble(al2o3[2]);
    double epi = Double.parseDouble(al2o3[3]);
    double ale = Double.parseDouble(al2o3[4]);
    assertThat(total).isCloseTo(Math.hypot(epi, ale), within(2e-6));
  }

  @Test
  void echoesTheKeyExactlyAndWritesToStdout() throws Exception {
    Path in = Files.writeString(dir.resolve("in.csv"), "composition\nO3Fe2\n\"Li2O\"\n");
    CliRun r = CliRun.run("predict", "--model", "default", "--input", in.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("O3Fe2,");
    assertThat(lines.get(2)).startsWith("Li2O,");
  }

  @Test
  void missingColumnOrModelIsAUsageError() throws Exception {
    Path in = Files.writeString(dir.resolve("in.csv"), "formula\nAl2O3\n");
    CliRun r = CliRun.run("predict", "--model", "default", "--input", in.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no column 'composition'");
    CliRun noModel =
        CliRun.run("predict", "--model", dir.resolve("nope").toString(), "--input", in.toString());
    assertThat(noModel.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noModel.err()).contains("does not exist");
    Path good = Files.writeString(dir.resolve("good.csv"), "composition\nAl2O3\n");
    CliRun noThreads =
        CliRun.run("predict", "--model", "default", "--input", good.toString(), "--threads", "0");
    assertThat(noThreads.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noThreads.err()).contains("--threads must be at least 1, not 0");
  }
}
