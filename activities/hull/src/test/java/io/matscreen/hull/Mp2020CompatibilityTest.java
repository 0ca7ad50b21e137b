package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matscreen.structure.Composition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MP2020 corrections against pymatgen 2022.11's MaterialsProject2020Compatibility.get_adjustments
 * (fixture hull-mp2020.json from make_hull_fixtures.py), to 1e-9 eV per formula unit, with the same
 * set of correction terms and the same refusals of the GGA/GGA+U mixing scheme.
 */
class Mp2020CompatibilityTest {
  @Test
  void matchesPymatgenCorrections() throws IOException {
    JsonNode root = new ObjectMapper().readTree(getClass().getResourceAsStream("hull-mp2020.json"));
    int checked = 0;
    int refused = 0;
    for (JsonNode c : root.get("cases")) {
      Composition comp = Composition.parse(c.get("formula").asText());
      boolean u = c.get("hubbard_u").asBoolean();
      Mp2020Compatibility.AnionContext context = Mp2020Compatibility.AnionContext.FROM_COMPOSITION;
      if (!c.get("oxidation_states").isNull()) {
        Map<String, Double> oxi = new HashMap<>();
        c.get("oxidation_states")
            .fields()
            .forEachRemaining(e -> oxi.put(e.getKey(), e.getValue().asDouble()));
        context = new Mp2020Compatibility.AnionContext(oxi, null, true);
      }
      if (c.has("error")) {
        Mp2020Compatibility.AnionContext ctx = context;
        assertThatThrownBy(() -> Mp2020Compatibility.corrections(comp, u, ctx))
            .as("%s GGA%s", comp, u ? "+U" : "")
            .isInstanceOf(HullException.class)
            .hasMessageContaining("must be computed with GGA+U");
        refused++;
        continue;
      }
      Mp2020Compatibility.Correction corr = Mp2020Compatibility.corrections(comp, u, context);
      assertThat(corr.totalEv())
          .as("%s", comp)
          .isCloseTo(c.get("correction_ev").asDouble(), within(1e-9));
      List<String> names = new ArrayList<>();
      c.get("adjustments").forEach(n -> names.add(n.asText()));
      assertThat(corr.adjustments())
          .extracting(Mp2020Compatibility.Adjustment::name)
          .containsExactlyInAnyOrderElementsOf(names);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(35);
    assertThat(refused).isEqualTo(2);
  }

  @Test
  void correctsRawEntriesAndMapsThemOntoMp2020Hulls() {
    // Fe2O3 with U: (3 * -0.687 + 2 * -2.256) / 5 = -1.3146 eV/atom.
    HullEntry raw =
        HullEntry.ofTotalEnergy(
            "fe2o3", Composition.parse("Fe2O3"), -7.0, EnergyFingerprint.MP_GGA_UNCORRECTED);
    HullEntry corrected = Mp2020Compatibility.correct(raw, true);
    assertThat(corrected.energyPerAtom()).isCloseTo(-7.0 - 1.3146, within(1e-12));
    assertThat(corrected.fingerprint()).isEqualTo(EnergyFingerprint.MP_GGA_MP2020);
    assertThatThrownBy(() -> Mp2020Compatibility.correct(corrected, true))
        .isInstanceOf(IncompatibleEnergiesException.class);
    assertThatThrownBy(() -> Mp2020Compatibility.corrections(Composition.parse("FeS"), true))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("plain GGA");
    assertThat(Mp2020Compatibility.requiresHubbardU(Composition.parse("LiFePO4"))).isTrue();
    assertThat(Mp2020Compatibility.requiresHubbardU(Composition.parse("FeS2"))).isFalse();

    // Raw entries on a hull with MP2020 ones: refused until the correction is declared.
    EnergyFingerprint rawFp = EnergyFingerprint.MP_GGA_UNCORRECTED;
    EnergyFingerprint mp = EnergyFingerprint.MP_GGA_MP2020;
    List<HullEntry> entries =
        List.of(
            HullEntry.ofTotalEnergy("fe", Composition.parse("Fe"), -8.3, mp),
            HullEntry.ofTotalEnergy("o2", Composition.parse("O2"), -4.9, mp),
            HullEntry.ofTotalEnergy("feo", Composition.parse("FeO"), -6.8, mp),
            HullEntry.ofTotalEnergy("fe2o3-raw", Composition.parse("Fe2O3"), -6.0, rawFp));
    assertThatThrownBy(() -> PhaseDiagram.build(entries))
        .isInstanceOf(IncompatibleEnergiesException.class);
    PhaseDiagram pd =
        PhaseDiagram.build(
            entries,
            List.of(Mp2020Compatibility.asEnergyCorrection(Mp2020Compatibility.mpRunType())));
    // Fe2O3 corrected: -6.0 - 1.3146 = -7.3146; formation = -7.3146 - (0.4 * -8.3 + 0.6 * -4.9).
    HullEntry fe2o3 = pd.entries().get(3);
    assertThat(fe2o3.fingerprint()).isEqualTo(mp);
    assertThat(pd.formationEnergyPerAtom(fe2o3)).isCloseTo(-7.3146 + 3.32 + 2.94, within(1e-12));
  }
}
