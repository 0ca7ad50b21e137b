package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code matscreen hull} CLI contract: columns, values, bad rows, exit codes. */
class HullCommandTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, List.of(lines));
    return p;
  }

  @Test
  void computesEnergyAboveHullAndDecompositionForEachCandidate() throws IOException {
    Path refs = write("refs.csv", "formula,e_form_per_atom", "BN,-1.3", "B2N,-0.5");
    Path cands =
        write(
            "cands.csv",
            "id,formula,e_form_per_atom",
            "c1,B2N,0",
            "c2,B3N,-0.65",
            "c3,BN,-1.4",
            "c4,N,0.2");
    CliRun r =
        CliRun.run("hull", "--references", refs.toString(), "--candidates", cands.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    // B2N at x_N = 1/3: hull 2/3 * -1.3 = -0.866667 (B2N reference at -0.5 lies above it).
    assertThat(r.out().lines().toList())
        .containsExactly(
            "formula,e_form_per_atom,e_above_hull,decomposition",
            "B2N,0,0.866666667,BN:0.666667;B:0.333333",
            "B3N,-0.65,0,BN:0.5;B:0.5",
            "BN,-1.4,-0.1,BN:1",
            "N,0.2,0.2,N2:1");
  }

  @Test
  void reportsBadRowsWithFileAndLineAndKeepsTheOthers() throws IOException {
    Path refs = write("refs.csv", "formula,e_form_per_atom", "BN,-1.3", "Qq,-1");
    Path cands =
        write(
            "cands.csv",
            "formula,e_form_per_atom",
            "B2N,0",
            "B2Zz,0",
            "BN,abc",
            "BN,-1.3,extra",
            "BN,-1.2");
    CliRun r =
        CliRun.run("hull", "--references", refs.toString(), "--candidates", cands.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    assertThat(r.err())
        .contains(refs + ":3: field formula")
        .contains(cands + ":3: field formula")
        .contains("'Zz' is not an element symbol")
        .contains(cands + ":4: field e_form_per_atom: 'abc' is not a finite number")
        .contains(cands + ":5: expected 2 fields");
    assertThat(r.out().lines().toList())
        .containsExactly(
            "formula,e_form_per_atom,e_above_hull,decomposition",
            "B2N,0,0.866666667,BN:0.666667;B:0.333333",
            "BN,-1.2,0.1,BN:1");
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    Path refs = write("refs.csv", "formula,e_form_per_atom", "BN,-1.3");
    Path noEnergy = write("bad.csv", "formula,energy", "BN,-1.3");
    assertThat(CliRun.run("hull", "--candidates", refs.toString()).exitCode())
        .isEqualTo(ExitCodes.USAGE);
    CliRun missing =
        CliRun.run(
            "hull",
            "--references",
            dir.resolve("nope.csv").toString(),
            "--candidates",
            refs.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("nope.csv");
    CliRun header =
        CliRun.run("hull", "--references", refs.toString(), "--candidates", noEnergy.toString());
    assertThat(header.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(header.err()).contains("bad.csv:1").contains("lacks column e_form_per_atom");
    assertThat(
            CliRun.run(
                    "hull",
                    "--references",
                    refs.toString(),
                    "--candidates",
                    refs.toString(),
                    "--format",
                    "xml")
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void writesJson() throws IOException {
    Path refs = write("refs.csv", "formula,e_form_per_atom", "BN,-1.3");
    Path cands = write("cands.csv", "formula,e_form_per_atom", "B3N,-0.5");
    CliRun r =
        CliRun.run(
            "hull",
            "--references",
            refs.toString(),
            "--candidates",
            cands.toString(),
            "--format",
            "json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode arr = new ObjectMapper().readTree(r.out());
    assertThat(arr).hasSize(1);
    assertThat(arr.get(0).get("formula").asText()).isEqualTo("B3N");
    assertThat(arr.get(0).get("e_above_hull").asDouble()).isCloseTo(0.15, within(1e-9));
    assertThat(arr.get(0).get("decomposition").asText()).isEqualTo("BN:0.5;B:0.5");
    assertThat(arr.get(0).get("phases").get("BN").asDouble()).isCloseTo(0.5, within(1e-12));
  }

  /**
   * End to end on an MP system: references and candidates are the Li-Mn-O rows of the shared table;
   * e_above_hull must match pymatgen's (activities test fixture hull-mp-reference.csv).
   */
  @Test
  void agreesWithPymatgenOnAMaterialsProjectSystem() throws IOException {
    Path shared = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path c = d.resolveSibling("shared").resolve("data").resolve("mp-formation-train.csv");
      if (Files.exists(d.resolve("mvnw")) && Files.isReadable(c)) {
        shared = c;
        break;
      }
    }
    assumeTrue(shared != null, "skipped: ../shared/data/mp-formation-train.csv is not present");
    Set<String> system = Set.of("Li", "Mn", "O");
    List<String> lines = new ArrayList<>(List.of("formula,e_form_per_atom"));
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(shared).subList(1, Files.readAllLines(shared).size())) {
      String[] f = line.split(",");
      if (system.containsAll(io.matscreen.structure.Composition.parse(f[1]).elements())) {
        lines.add(f[1] + "," + f[2]);
        ids.add(f[0]);
      }
    }
    Path refs = dir.resolve("refs.csv");
    Files.write(refs, lines);
    CliRun r = CliRun.run("hull", "--references", refs.toString(), "--candidates", refs.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
    Map<String, Double> expected = new HashMap<>();
    try (BufferedReader br =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/io/matscreen/hull/hull-mp-reference.csv"),
                StandardCharsets.UTF_8))) {
      br.lines()
          .map(l -> l.split(",", -1))
          .filter(f -> f[0].equals("Li-Mn-O"))
          .forEach(f -> expected.put(f[1], Double.parseDouble(f[2])));
    }
    List<String> out = r.out().lines().toList();
    assertThat(out).hasSize(ids.size() + 1);
    for (int i = 0; i < ids.size(); i++) {
      double eHull = Double.parseDouble(out.get(i + 1).split(",")[2]);
      assertThat(eHull).as(ids.get(i)).isCloseTo(expected.get(ids.get(i)), within(1e-6));
    }
  }
}
