package io.matscreen.structure.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.TaataFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PymatgenJsonTest {

  @Test
  void readsTheTaataHafniumStructure() throws Exception {
    TaataFixtures.Row hf =
        TaataFixtures.rows().stream()
            .filter(r -> r.materialId().equals("c07b988125b3a0adc329b2449eeaac24c9e7def8"))
            .findFirst()
            .orElseThrow();
    Structure s = PymatgenJson.fromTree(hf.structure(), "hf");
    // values as written in examples.json by pymatgen
    assertThat(s.numSites()).isEqualTo(2);
    assertThat(s.lattice().volume()).isCloseTo(44.8362093331, within(1e-6));
    assertThat(s.lattice().anglesDegrees()[2]).isCloseTo(120.0000020984, within(1e-6));
    assertThat(s.site(0).frac())
        .containsExactly(new double[] {0.33333333, 0.66666667, 0.75}, within(1e-12));
    assertThat(s.composition().reducedFormula()).isEqualTo("Hf");
  }

  @Test
  void everyTaataStructureRoundTripsExactly() throws Exception {
    for (TaataFixtures.Row row : TaataFixtures.rows()) {
      Structure s = PymatgenJson.fromTree(row.structure(), row.materialId());
      assertThat(s.composition().reducedFormula())
          .isEqualTo(io.matscreen.structure.Composition.parse(row.composition()).reducedFormula());
      Structure back = PymatgenJson.read(PymatgenJson.write(s), "round trip");
      assertThat(back.numSites()).isEqualTo(s.numSites());
      for (int i = 0; i < s.numSites(); i++) {
        assertThat(back.site(i).frac()).containsExactly(s.site(i).frac(), within(1e-12));
        assertThat(back.site(i).species()).isEqualTo(s.site(i).species());
      }
    }
  }

  @Test
  void disorderedSitesSurviveARoundTrip() {
    Structure s =
        new Structure(
            Lattice.fromParameters(3.6, 3.6, 3.6, 90, 90, 90),
            List.of(new Site(Map.of("Fe", 0.5, "Ni", 0.25), new double[] {0, 0, 0}, "M1")));
    Structure back = PymatgenJson.read(PymatgenJson.write(s), "x");
    assertThat(back.site(0).species()).containsEntry("Fe", 0.5).containsEntry("Ni", 0.25);
    assertThat(back.site(0).label()).isEqualTo("M1");
  }

  @Test
  void cartesianOnlySitesAreConverted() {
    String json =
        "{\"lattice\":{\"matrix\":[[2,0,0],[0,2,0],[0,0,2]]},"
            + "\"sites\":[{\"species\":[{\"element\":\"Cu\",\"occu\":1}],\"xyz\":[1,1,1]}]}";
    assertThat(PymatgenJson.read(json, "x").site(0).frac())
        .containsExactly(new double[] {0.5, 0.5, 0.5}, within(1e-12));
  }

  @Test
  void malformedDocumentsNameTheProblem() {
    assertThatThrownBy(() -> PymatgenJson.read("{\"lattice\": ", "f.json"))
        .isInstanceOf(StructureFormatException.class)
        .hasMessageStartingWith("f.json")
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> PymatgenJson.read("{\"sites\": []}", "f.json"))
        .hasMessageContaining("'lattice'");
    assertThatThrownBy(
            () ->
                PymatgenJson.read(
                    "{\"lattice\":{\"matrix\":[[2,0,0],[0,2,0],[0,0,2]]},\"sites\":[{\"species\":"
                        + "[{\"element\":\"Xq\",\"occu\":1}],\"abc\":[0,0,0]}]}",
                    "f.json"))
        .hasMessageContaining("sites[0].species[0].element 'Xq'");
    assertThatThrownBy(
            () ->
                PymatgenJson.read(
                    "{\"lattice\":{\"matrix\":[[2,0,0],[0,2,0],[0,0,2]]},\"sites\":[{\"species\":"
                        + "[{\"element\":\"Cu\",\"occu\":1}],\"abc\":[0,\"a\",0]}]}",
                    "f.json"))
        .hasMessageContaining("sites[0].abc[1]");
    assertThatThrownBy(
            () -> PymatgenJson.read("{\"@class\":\"Molecule\",\"lattice\":{}}", "f.json"))
        .hasMessageContaining("Molecule");
  }
}
