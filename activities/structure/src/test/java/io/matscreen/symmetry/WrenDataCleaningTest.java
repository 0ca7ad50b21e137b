package io.matscreen.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrenDataCleaningTest {

  @Test
  void rockSaltPassesAndLimitsAreEnforced() {
    Structure nacl = WyckoffRepresentationTest.rockSalt();
    WyckoffRepresentation w = WyckoffRepresentation.of(nacl);
    assertThat(WrenDataCleaning.rejectionReason(nacl, w, WrenDataCleaning.Criteria.wren()))
        .isEmpty();
    assertThat(WrenDataCleaning.rejectionReason(nacl, w, new WrenDataCleaning.Criteria(1, 64, 500)))
        .hasValue("2 Wyckoff positions > limit 1");
    assertThat(WrenDataCleaning.rejectionReason(nacl, w, new WrenDataCleaning.Criteria(16, 4, 500)))
        .hasValue("8 sites > limit 4");
    // 5.64^3 / 8 = 22.4 Å^3 per site
    assertThat(WrenDataCleaning.rejectionReason(nacl, w, new WrenDataCleaning.Criteria(16, 64, 20)))
        .hasValue("22.4 Å^3 per site > limit 20.0");
  }

  @Test
  void expandedCellIsRejectedForVolume() {
    Structure sparse =
        new Structure(
            Lattice.fromParameters(9, 9, 9, 90, 90, 90), List.of(Site.ordered("Cu", 0, 0, 0)));
    WyckoffRepresentation w = WyckoffRepresentation.of(sparse);
    assertThat(WrenDataCleaning.rejectionReason(sparse, w, WrenDataCleaning.Criteria.wren()))
        .hasValueSatisfying(r -> r.startsWith("729.0 Å^3 per site"));
  }

  @Test
  void taataStructuresAllPassTheWrenFilter() throws Exception {
    int passed = 0;
    for (TaataFixtures.Row row : TaataFixtures.rows()) {
      Structure s =
          io.matscreen.structure.io.PymatgenJson.fromTree(row.structure(), row.materialId());
      WyckoffRepresentation w = WyckoffRepresentation.of(s);
      if (WrenDataCleaning.rejectionReason(s, w, WrenDataCleaning.Criteria.wren()).isEmpty()) {
        passed++;
      }
    }
    // the TAATA cells are small (the most Wyckoff positions is 14, A7B19C5_oP31_47), so all pass
    assertThat(passed).isEqualTo(68);
  }

  @Test
  void deduplicationKeepsTheLowestEnergyPerLabel() {
    record Entry(String label, double energy, String id) {}
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry("A_cF4_225_a:Cu", -3.7, "cu1"));
    entries.add(new Entry("AB_cF8_225_a_b:Cl-Na", -3.2, "nacl1"));
    entries.add(new Entry("A_cF4_225_a:Cu", -3.9, "cu2"));
    entries.add(new Entry("A_cF4_225_a:Cu", -3.9, "cu3"));
    List<Entry> kept =
        WrenDataCleaning.keepLowestEnergyPerLabel(entries, Entry::label, Entry::energy);
    assertThat(kept).extracting(Entry::id).containsExactly("cu2", "nacl1");
  }
}
