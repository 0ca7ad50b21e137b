package io.matscreen.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.SpglibSymmetry;
import io.matscreen.symmetry.SymmetryDataset;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CIF files under test resources were written by hand for these tests (see their comments). */
class CifReaderTest {

  static Path resource(String name) {
    try {
      return Path.of(
          CifReaderTest.class.getResource("/io/matscreen/structure/cif/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  static CifStructure single(String name) throws Exception {
    List<CifStructure> read = CifReader.read(resource(name));
    assertThat(read).hasSize(1);
    return read.get(0);
  }

  @Test
  void rockSaltFromTheHermannMauguinSymbolAlone() throws Exception {
    CifStructure c = single("nacl_hm_only.cif");
    Structure s = c.structure();
    assertThat(c.blockName()).isEqualTo("NaCl");
    assertThat(c.symmetrySource()).contains("Hall 523");
    assertThat(c.warnings()).isEmpty();
    // 4 Na on 4a and 4 Cl on 4b; su "(3)" dropped from the cell length
    assertThat(s.numSites()).isEqualTo(8);
    assertThat(s.composition().amount("Na")).isEqualTo(4.0);
    assertThat(s.composition().amount("Cl")).isEqualTo(4.0);
    assertThat(s.lattice().abc()[0]).isEqualTo(5.6402);
    assertThat(s.isOrdered()).isTrue();
    assertThat(SpglibSymmetry.analyze(s).spacegroupNumber()).isEqualTo(225);
    assertThat(WyckoffRepresentation.of(s).protostructureLabel()).isEqualTo("AB_cF8_225_a_b:Cl-Na");
  }

  @Test
  void rutileFromListedOperationsWithChargedTypeSymbols() throws Exception {
    CifStructure c = single("rutile_symops.cif");
    Structure s = c.structure();
    assertThat(c.symmetrySource()).isEqualTo("16 listed operations");
    // Ti 2a + O 4f
    assertThat(s.numSites()).isEqualTo(6);
    assertThat(s.composition().reducedFormula()).isEqualTo("TiO2");
    assertThat(s.sites().stream().map(Site::element)).containsOnly("Ti", "O");
    SymmetryDataset d = SpglibSymmetry.analyze(s, 0.01, 5);
    assertThat(d.spacegroupNumber()).isEqualTo(136);
    assertThat(WyckoffRepresentation.of(s).protostructureLabel()).isEqualTo("A2B_tP6_136_f_a:O-Ti");
    // O at (x,x,0) and its images, e.g. (1/2-x, 1/2+x, 1/2)
    assertThat(
            s.sites().stream()
                .anyMatch(
                    site ->
                        Math.abs(site.frac(0) - (0.5 - 0.3048)) < 1e-12
                            && Math.abs(site.frac(1) - (0.5 + 0.3048)) < 1e-12
                            && Math.abs(site.frac(2) - 0.5) < 1e-12))
        .isTrue();
  }

  @Test
  void siliconFromTheHallSymbolAlone() throws Exception {
    CifStructure c = single("si_hall_only.cif");
    assertThat(c.structure().numSites()).isEqualTo(8);
    assertThat(c.symmetrySource()).contains("Hall 526");
    assertThat(SpglibSymmetry.analyze(c.structure()).spacegroupNumber()).isEqualTo(227);
  }

  @Test
  void p1ListingKeepsEveryAtomAsWritten() throws Exception {
    CifStructure c = single("zno_p1.cif");
    Structure s = c.structure();
    assertThat(s.numSites()).isEqualTo(4);
    assertThat(s.site(2).frac())
        .containsExactly(new double[] {0.33333333, 0.66666667, 0.3819}, within(0.0));
    assertThat(s.lattice().anglesDegrees()[2]).isCloseTo(120, within(1e-9));
    // wurtzite: P6_3mc (186)
    assertThat(SpglibSymmetry.analyze(s).spacegroupNumber()).isEqualTo(186);
  }

  @Test
  void partialOccupanciesAreKeptAndFlagged() throws Exception {
    CifStructure c = single("partial_occupancy.cif");
    Structure s = c.structure();
    assertThat(c.warnings()).isEmpty();
    assertThat(s.numSites()).isEqualTo(8);
    assertThat(s.isOrdered()).isFalse();
    assertThat(s.site(0).species()).containsEntry("Fe", 0.5).containsEntry("Ni", 0.5);
    assertThat(s.composition().amount("O")).isCloseTo(3.6, within(1e-12));
    assertThat(s.sites().stream().filter(Site::isOrdered)).isEmpty();
  }

  @Test
  void rhombohedralSymbolMeansHexagonalAxesForAHexagonalCell() throws Exception {
    Structure s = single("corundum_rhombohedral_hm.cif").structure();
    // Al 12c + O 18e in the hexagonal cell
    assertThat(s.numSites()).isEqualTo(30);
    assertThat(SpglibSymmetry.analyze(s).spacegroupNumber()).isEqualTo(167);
  }

  @Test
  void severalBlocksComeBackWithTheirNames() throws Exception {
    List<CifStructure> read = CifReader.read(resource("two_structures.cif"));
    assertThat(read).extracting(CifStructure::blockName).containsExactly("NaCl", "CsCl");
    assertThat(read.get(0).structure().numSites()).isEqualTo(8);
    assertThat(read.get(1).structure().numSites()).isEqualTo(2);
    assertThat(read.get(1).symmetrySource()).contains("221");
  }

  @Test
  void formulaDisagreementIsAWarning() {
    String cif =
        "data_x\n_chemical_formula_sum 'Na2 Cl'\n_cell_length_a 5.64\n_cell_length_b 5.64\n"
            + "_cell_length_c 5.64\n_symmetry_space_group_name_H-M 'F m -3 m'\nloop_\n"
            + "_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n";
    CifStructure c = CifReader.read(cif, "x.cif").get(0);
    assertThat(c.warnings()).singleElement().asString().contains("line 2").contains("Na2 Cl");
  }

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of("truncated.cif", 16, "the last row is incomplete"),
        Arguments.of("truncated_text_field.cif", 10, "text field opened with ';' is never closed"),
        Arguments.of("bad_number.cif", 3, "_cell_length_a is not a number: '5.64x'"),
        Arguments.of("bad_coordinate.cif", 16, "_atom_site_fract_x is not a number: '0,5'"),
        Arguments.of("missing_cell.cif", 2, "missing _cell_length_b"),
        Arguments.of("unknown_cell.cif", 3, "_cell_length_a is '?'"),
        Arguments.of("impossible_angles.cif", 5, "do not form a cell"),
        Arguments.of("unknown_symmetry.cif", 9, "unknown Hermann-Mauguin symbol 'X 9 9'"),
        Arguments.of("unknown_hall.cif", 9, "unknown Hall symbol '-Q 9'"),
        Arguments.of("no_symmetry.cif", 2, "no symmetry"),
        Arguments.of("ambiguous_origin.cif", 6, "two origin choices"),
        Arguments.of("bad_symop.cif", 12, "must have 3 comma-separated parts"),
        Arguments.of("singular_symop.cif", 12, "not a crystallographic operation"),
        Arguments.of("no_identity.cif", 11, "do not include the identity"),
        Arguments.of("overlapping_atoms.cif", 16, "coincides with atom Na1"),
        Arguments.of("unknown_element.cif", 16, "'Qq' does not start with an element symbol"),
        Arguments.of("occupancy_too_large.cif", 16, "must lie in (0, 1]: 1.5"),
        Arguments.of("no_atoms.cif", 2, "no atom sites"),
        Arguments.of("duplicate_tag.cif", 9, "_cell_length_a appears twice"),
        Arguments.of("value_without_tag.cif", 9, "value '5.64' has no data name"),
        Arguments.of("tag_without_value.cif", 9, "has no value"),
        Arguments.of("unterminated_quote.cif", 9, "is not closed"),
        Arguments.of("before_data.cif", 2, "before the first data_ block"),
        Arguments.of("save_frame.cif", 3, "save frames"),
        Arguments.of("duplicate_block.cif", 8, "used twice"),
        Arguments.of("empty.cif", 0, "no data_ block"),
        Arguments.of("not_a_cif.cif", 1, "before the first data_ block"),
        Arguments.of("binary_junk.cif", 3, "control character 0x1f"),
        Arguments.of("not_utf8.cif", 1, "not ASCII/UTF-8 text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void brokenFilesFailWithFileLineAndReason(String name, int line, String fragment) {
    Path file = resource("broken/" + name);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> CifReader.read(file))
                .isInstanceOf(StructureFormatException.class)
                .hasMessageContaining(fragment)
                .satisfies(
                    e -> {
                      StructureFormatException s = (StructureFormatException) e;
                      assertThat(s.line()).as("line").isEqualTo(line);
                      assertThat(s.source()).startsWith(file.toString());
                    }));
  }

  @Test
  void everyBrokenFileIsCoveredByATestCase() throws Exception {
    try (Stream<Path> files = Files.list(resource("broken"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      List<String> tested = brokenFiles().map(a -> (String) a.get()[0]).sorted().toList();
      assertThat(names).isEqualTo(tested);
    }
  }
}
