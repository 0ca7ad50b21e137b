package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StructureCommandTest {
  private static final String CELL =
      "_cell_length_a 5.64\n_cell_length_b 5.64\n_cell_length_c 5.64\n"
          + "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n";
  private static final String ROCK_SALT_ATOMS =
      "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
          + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path nacl;
  private Path twoBlocks;
  private Path poscar;
  private Path json;
  private Path broken;

  @BeforeEach
  void files() throws Exception {
    nacl =
        Files.writeString(
            dir.resolve("nacl.cif"),
            "data_NaCl\n" + CELL + "_symmetry_space_group_name_H-M 'F m -3 m'\n" + ROCK_SALT_ATOMS);
    twoBlocks =
        Files.writeString(
            dir.resolve("two.cif"),
            "data_first\n"
                + CELL
                + "_symmetry_space_group_name_H-M 'F m -3 m'\n"
                + ROCK_SALT_ATOMS
                + "data_second\n"
                + CELL
                + "_space_group_IT_number 221\n"
                + ROCK_SALT_ATOMS);
    poscar =
        Files.writeString(
            dir.resolve("POSCAR"),
            "CsCl\n1.0\n4.12 0 0\n0 4.12 0\n0 0 4.12\nCs Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n");
    json =
        Files.writeString(
            dir.resolve("cu.json"),
            "{\"@class\":\"Structure\",\"lattice\":{\"matrix\":[[0,1.8,1.8],[1.8,0,1.8],[1.8,1.8,0]]},"
                + "\"sites\":[{\"species\":[{\"element\":\"Cu\",\"occu\":1}],\"abc\":[0,0,0]}]}");
    broken = Files.writeString(dir.resolve("broken.cif"), "data_b\n_cell_length_a 5.64x\n");
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        nodes.add(new ObjectMapper().readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void analysesEveryFormat() throws Exception {
    int code = run("structure", "analyze", nacl.toString(), poscar.toString(), json.toString());
    assertThat(code).isEqualTo(ExitCodes.OK);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(3);
    JsonNode rockSalt = lines.get(0);
    assertThat(rockSalt.get("source").asText()).isEqualTo(nacl.toString());
    assertThat(rockSalt.get("formula").asText()).isEqualTo("Na4Cl4");
    assertThat(rockSalt.get("reduced_formula").asText()).isEqualTo("NaCl");
    assertThat(rockSalt.get("nsites").asInt()).isEqualTo(8);
    assertThat(rockSalt.get("spacegroup_number").asInt()).isEqualTo(225);
    assertThat(rockSalt.get("spacegroup_symbol").asText()).isEqualTo("Fm-3m");
    assertThat(rockSalt.get("protostructure").asText()).isEqualTo("AB_cF8_225_a_b:Cl-Na");
    assertThat(rockSalt.get("wyckoff")).hasSize(2);
    assertThat(rockSalt.get("wyckoff").get(0).get("element").asText()).isEqualTo("Cl");
    assertThat(rockSalt.get("wyckoff").get(0).get("multiplicity").asInt()).isEqualTo(4);
    assertThat(rockSalt.has("error")).isFalse();
    assertThat(lines.get(1).get("protostructure").asText()).isEqualTo("AB_cP2_221_a_b:Cl-Cs");
    assertThat(lines.get(2).get("protostructure").asText()).isEqualTo("A_cF4_225_a:Cu");
  }

  @Test
  void manyFilesOnSeveralThreadsComeOutInTheOrderGiven() throws Exception {
    List<String> args = new ArrayList<>(List.of("structure", "analyze", "--threads", "3"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Path p = i % 3 == 0 ? nacl : i % 3 == 1 ? poscar : json;
      args.add(p.toString());
      expected.add(
          i % 3 == 0
              ? "AB_cF8_225_a_b:Cl-Na"
              : i % 3 == 1 ? "AB_cP2_221_a_b:Cl-Cs" : "A_cF4_225_a:Cu");
    }
    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCodes.OK);
    assertThat(jsonLines())
        .extracting(n -> n.get("protostructure").asText())
        .containsExactlyElementsOf(expected);
    assertThat(run("structure", "analyze", "--threads", "0", nacl.toString()))
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void severalBlocksAreNamedFileHashBlock() throws Exception {
    assertThat(run("structure", "analyze", twoBlocks.toString())).isEqualTo(ExitCodes.OK);
    List<JsonNode> lines = jsonLines();
    assertThat(lines)
        .extracting(n -> n.get("source").asText())
        .containsExactly(twoBlocks + "#first", twoBlocks + "#second");
    // the same atoms in Pm-3m give a simple-cubic two-atom cell
    assertThat(lines.get(1).get("nsites").asInt()).isEqualTo(2);
  }

  @Test
  void failuresGetTheirOwnLineAndExitCodeOne() throws Exception {
    int code =
        run(
            "structure",
            "analyze",
            broken.toString(),
            dir.resolve("missing.cif").toString(),
            nacl.toString());
    assertThat(code).isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    List<JsonNode> lines = jsonLines();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).get("error").asText()).contains("broken.cif#b:2:").contains("'5.64x'");
    assertThat(lines.get(1).get("error").asText()).isEqualTo("no such file");
    assertThat(lines.get(2).get("spacegroup_number").asInt()).isEqualTo(225);
    assertThat(err.toString()).contains("2 input(s) failed");
  }

  @Test
  void csvFlattensWyckoffPositions() {
    assertThat(run("structure", "analyze", "--format", "csv", nacl.toString(), broken.toString()))
        .isEqualTo(ExitCodes.SOME_INPUTS_FAILED);
    String[] rows = out.toString().split("\n");
    assertThat(rows[0])
        .isEqualTo(
            "source,formula,reduced_formula,nsites,spacegroup_number,spacegroup_symbol,wyckoff,protostructure,error");
    assertThat(rows[1])
        .isEqualTo(nacl + ",Na4Cl4,NaCl,8,225,Fm-3m,Cl:b:4;Na:a:4,AB_cF8_225_a_b:Cl-Na,");
    assertThat(rows[2]).startsWith(broken + ",,,,,,,,").contains("not a number");
  }

  @Test
  void tolerancesAreApplied() throws Exception {
    Path shifted =
        Files.writeString(
            dir.resolve("shifted.cif"),
            "data_s\n"
                + CELL
                + "_symmetry_equiv_pos_as_xyz 'x,y,z'\nloop_\n_atom_site_label\n"
                + "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0.005 0 0\nNa2 0 0.5 0.5\nNa3 0.5 0 0.5\nNa4 0.5 0.5 0\n"
                + "Cl1 0.5 0 0\nCl2 0 0.5 0\nCl3 0 0 0.5\nCl4 0.5 0.5 0.5\n");
    run("structure", "analyze", shifted.toString());
    run("structure", "analyze", "--symprec", "0.001", shifted.toString());
    List<JsonNode> lines = jsonLines();
    assertThat(lines.get(0).get("spacegroup_number").asInt()).isEqualTo(225);
    assertThat(lines.get(1).get("spacegroup_number").asInt()).isLessThan(225);
  }

  @Test
  void badUsageIsExitCodeTwo() {
    assertThat(run("structure", "analyze")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("structure", "analyze", "--format", "xml", nacl.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("structure", "analyze", "--symprec", "-1", nacl.toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("structure")).isEqualTo(ExitCodes.USAGE);
  }
}
