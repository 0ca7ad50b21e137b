package io.matscreen.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.sources.SubstitutionEnumerator.GeneratedStructure;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The textbook prototypes have the space groups of the structures they are named after (checked
 * with spglib at the Materials Project tolerances) and sensible bond lengths.
 */
class PrototypeLibraryTest {
  @ParameterizedTest(name = "{0} with {1} -> space group {2}")
  @CsvSource({
    "diamond, A=Si, 227",
    "lonsdaleite, A=C, 194",
    "zincblende, A=Si;B=C, 216",
    "wurtzite, A=Zn;B=O, 186",
    "moissanite-4h, A=Si;B=C, 186",
    "rocksalt, A=Na;B=Cl, 225",
    "cesium-chloride, A=Cs;B=Cl, 221",
    "nickel-arsenide, A=Ni;B=As, 194",
    "fluorite, A=Ca;B=F, 225",
    "rutile, A=Ti;B=O, 136",
    "l12, A=Au;B=Cu, 221",
    "half-heusler, A=Mg;B=Si;C=Ni, 216",
    "heusler, A=Cu;B=Mn;C=Al, 225",
    "layered-zincblende, A=Si;B=Ge;C=C, 115",
    "perovskite, A=Sr;B=Ti;C=O, 221",
  })
  void prototypesHaveTheirSpaceGroups(String name, String roles, int spacegroup) {
    Map<String, String> elementOfRole = new java.util.LinkedHashMap<>();
    for (String pair : roles.split(";")) {
      String[] kv = pair.split("=");
      elementOfRole.put(kv[0], kv[1]);
    }
    Structure s = PrototypeLibrary.get(name).build(elementOfRole);
    WyckoffRepresentation w = WyckoffRepresentation.of(s, 0.1, 5.0);
    assertThat(w.spacegroupNumber()).isEqualTo(spacegroup);
  }

  @Test
  void zincblendeSiCHasTheCovalentBondLength() {
    Structure s = PrototypeLibrary.get("zincblende").build(Map.of("A", "Si", "B", "C"));
    double bond = s.lattice().periodicDistance(s.site(0).frac(), s.site(1).frac());
    // CDK covalent radii: Si 1.11 + C 0.77 Angstrom; experiment gives 1.89 Angstrom.
    assertThat(bond).isCloseTo(1.88, within(0.02));
    assertThat(s.composition().reducedFormula()).isEqualTo("SiC");
  }

  @Test
  void substitutionCoversEveryOrderedAssignmentOfDistinctElements() {
    List<GeneratedStructure> all =
        SubstitutionEnumerator.enumerate(
            List.of("C", "Ge", "Si"), List.of("diamond", "zincblende", "perovskite"));
    // 3 unary + 3*2 binary + 3*2*1 ternary assignments.
    assertThat(all).hasSize(3 + 6 + 6);
    assertThat(all)
        .extracting(GeneratedStructure::id)
        .contains("zincblende:Si-C", "zincblende:C-Si");
    assertThat(all).extracting(GeneratedStructure::id).doesNotHaveDuplicates();
  }

  @Test
  void substitutedRepresentationsAreThoseSpglibFindsForEveryCandidate() {
    List<GeneratedStructure> all =
        SubstitutionEnumerator.enumerate(List.of("Ca", "O", "Ti"), PrototypeLibrary.names());
    assertThat(all).hasSizeGreaterThan(PrototypeLibrary.names().size());
    for (GeneratedStructure g : all) {
      WyckoffRepresentation analysed = WyckoffRepresentation.of(g.structure(), 0.1, 5.0);
      assertThat(g.representation().protostructureLabel())
          .as(g.id())
          .isEqualTo(analysed.protostructureLabel());
      assertThat(g.representation().spacegroupNumber()).isEqualTo(analysed.spacegroupNumber());
    }
    GeneratedStructure perovskite =
        all.stream().filter(g -> g.id().equals("perovskite:Ca-Ti-O")).findFirst().orElseThrow();
    assertThat(perovskite.representation().protostructureLabel())
        .isEqualTo("AB3C_cP5_221_a_c_b:Ca-O-Ti");
  }

  @Test
  void knownPhasesMatchRolesByCounts() {
    GeneratedStructure fluorite = SubstitutionEnumerator.knownPhase("fluorite:CaF2");
    assertThat(fluorite.structure().composition().reducedFormula()).isEqualTo("CaF2");
    assertThatThrownBy(() -> SubstitutionEnumerator.knownPhase("fluorite:NaCl"))
        .hasMessageContaining("does not fit prototype fluorite");
    assertThatThrownBy(() -> SubstitutionEnumerator.knownPhase("spinel:MgAl2O4"))
        .hasMessageContaining("unknown prototype 'spinel'");
  }
}
