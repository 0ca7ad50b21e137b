package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matscreen.structure.Composition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Energy above hull, decompositions, stable sets and phase-separation energies against pymatgen
 * 2022.11 (PhaseDiagram.get_decomp_and_e_above_hull(allow_negative=True) and
 * get_decomp_and_phase_separation_energy), computed by
 * activities/hull/src/test/python/make_hull_fixtures.py. Tolerance 1e-6 eV/atom for energies, 1e-6
 * for decomposition fractions.
 */
class PhaseDiagramPymatgenTest {
  private static final double ENERGY_TOLERANCE = 1e-6;
  private static final double FRACTION_TOLERANCE = 1e-6;

  private static InputStream resource(String name) {
    InputStream in = PhaseDiagramPymatgenTest.class.getResourceAsStream(name);
    assertThat(in).as("test resource %s", name).isNotNull();
    return in;
  }

  /**
   * Decomposition keyed by one spelling of the reduced formula: pymatgen writes polyanions in
   * brackets ("Fe(PO3)2"), we do not ("FeP2O6"); both sides are parsed and rewritten alike.
   */
  static Map<String, Double> normalise(Map<String, Double> decomposition) {
    Map<String, Double> out = new TreeMap<>();
    decomposition.forEach(
        (k, v) -> out.merge(Composition.parse(k).reducedFormula(), v, Double::sum));
    return out;
  }

  static void assertSameDecomposition(
      String what, Map<String, Double> actual, Map<String, Double> expected) {
    Map<String, Double> a = normalise(actual);
    Map<String, Double> e = normalise(expected);
    assertThat(a.keySet()).as("%s decomposition phases", what).isEqualTo(e.keySet());
    e.forEach(
        (k, v) ->
            assertThat(a.get(k))
                .as("%s fraction of %s", what, k)
                .isCloseTo(v, within(FRACTION_TOLERANCE)));
  }

  @TestFactory
  List<DynamicTest> handMadeSystemsMatchPymatgen() throws IOException {
    JsonNode root = new ObjectMapper().readTree(resource("hull-handmade.json"));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode system : root.get("systems")) {
      tests.add(DynamicTest.dynamicTest(system.get("name").asText(), () -> checkHandMade(system)));
    }
    assertThat(tests).hasSize(7);
    return tests;
  }

  private static void checkHandMade(JsonNode system) {
    boolean total = system.get("kind").asText().equals("total");
    boolean degenerate = system.get("degenerate").asBoolean();
    Map<String, HullEntry> byId = new LinkedHashMap<>();
    for (JsonNode e : system.get("entries")) {
      Composition c = Composition.parse(e.get("formula").asText());
      double energy = e.get("energy_per_atom").asDouble();
      String id = e.get("id").asText();
      byId.put(
          id,
          total
              ? HullEntry.ofTotalEnergy(id, c, energy, EnergyFingerprint.UNSPECIFIED)
              : HullEntry.ofFormationEnergy(id, c, energy, EnergyFingerprint.UNSPECIFIED));
    }
    PhaseDiagram pd = PhaseDiagram.build(byId.values());
    Set<String> stableIds =
        pd.stableEntries().stream().map(HullEntry::id).collect(Collectors.toSet());
    for (JsonNode r : system.get("results")) {
      String id = r.get("id").asText();
      HullEntry entry = byId.get(id);
      HullPoint p = pd.eAboveHull(entry);
      assertThat(p.eAboveHullEv())
          .as("e_above_hull of %s %s", id, entry.composition())
          .isCloseTo(r.get("e_above_hull").asDouble(), within(ENERGY_TOLERANCE));
      if (!degenerate) {
        assertSameDecomposition(id, p.decomposition(), decomposition(r.get("decomposition")));
      }
      assertThat(stableIds.contains(id)).as("%s stable", id).isEqualTo(r.get("stable").asBoolean());
      if (r.get("stable").asBoolean()) {
        assertThat(pd.decompositionEnergy(entry))
            .as("phase separation energy of %s %s", id, entry.composition())
            .isCloseTo(r.get("phase_separation_exact").asDouble(), within(ENERGY_TOLERANCE))
            .isCloseTo(r.get("phase_separation_energy").asDouble(), within(ENERGY_TOLERANCE));
      }
    }
    for (JsonNode q : system.get("queries")) {
      Composition c = Composition.parse(q.get("formula").asText());
      HullPoint p = pd.eAboveHull(c, q.get("energy_per_atom").asDouble());
      assertThat(p.eAboveHullEv())
          .as("e_above_hull of query %s", c)
          .isCloseTo(q.get("e_above_hull").asDouble(), within(ENERGY_TOLERANCE));
      if (!degenerate) {
        assertSameDecomposition(
            "query " + c, p.decomposition(), decomposition(q.get("decomposition")));
      }
    }
  }

  private static Map<String, Double> decomposition(JsonNode node) {
    Map<String, Double> out = new HashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    return out;
  }

  /** One row of hull-mp-reference.csv (pymatgen results only, keyed by MP task id). */
  record MpReference(
      String system,
      String taskId,
      double eAboveHull,
      Map<String, Double> decomposition,
      boolean stable,
      double phaseSeparationSlsqp,
      double phaseSeparationExact) {}

  static Map<String, List<MpReference>> mpReferences() throws IOException {
    Map<String, List<MpReference>> out = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(resource("hull-mp-reference.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", -1);
        Map<String, Double> d = new HashMap<>();
        for (String part : f[3].split(";")) {
          String[] kv = part.split(":");
          d.put(kv[0], Double.parseDouble(kv[1]));
        }
        out.computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(
                new MpReference(
                    f[0],
                    f[1],
                    Double.parseDouble(f[2]),
                    d,
                    Boolean.parseBoolean(f[4]),
                    f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]),
                    f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6])));
      }
    }
    return out;
  }

  @TestFactory
  List<DynamicTest> materialsProjectSystemsMatchPymatgen() throws IOException {
    Map<String, List<MpReference>> refs = mpReferences();
    assertThat(refs.keySet())
        .containsExactly(
            "Fe-O", "B-N", "Li-Mn-O", "Fe-O-P", "Fe-Li-Mn-O", "Li-Mn-O-P", "Fe-Li-Mn-O-P");
    List<DynamicTest> tests = new ArrayList<>();
    refs.forEach(
        (system, rows) -> tests.add(DynamicTest.dynamicTest(system, () -> checkMp(system, rows))));
    return tests;
  }

  private static void checkMp(String system, List<MpReference> expected) {
    List<MpFormationData.Row> rows = MpFormationData.rowsOrSkip();
    List<HullEntry> entries = MpFormationData.system(rows, Set.of(system.split("-")));
    PhaseDiagram pd = PhaseDiagram.build(entries);
    Map<String, HullEntry> byId = new HashMap<>();
    entries.forEach(e -> byId.put(e.id(), e));
    for (String el : pd.elements()) {
      byId.put(
          "element:" + el,
          HullEntry.ofFormationEnergy(
              "element:" + el, Composition.parse(el), 0.0, EnergyFingerprint.MP_GGA_MP2020));
    }
    assertThat(byId).as("entries of %s", system).hasSize(expected.size());
    Set<String> stableIds =
        pd.stableEntries().stream().map(HullEntry::id).collect(Collectors.toSet());
    int stableCount = 0;
    for (MpReference ref : expected) {
      HullEntry entry = byId.get(ref.taskId());
      assertThat(entry).as("%s in the shared CSV", ref.taskId()).isNotNull();
      HullPoint p = pd.eAboveHull(entry);
      assertThat(p.eAboveHullEv())
          .as("e_above_hull of %s %s", ref.taskId(), entry.composition())
          .isCloseTo(ref.eAboveHull(), within(ENERGY_TOLERANCE));
      assertSameDecomposition(ref.taskId(), p.decomposition(), ref.decomposition());
      assertThat(stableIds.contains(ref.taskId()))
          .as("%s stable", ref.taskId())
          .isEqualTo(ref.stable());
      if (ref.stable()) {
        stableCount++;
      }
      if (!Double.isNaN(ref.phaseSeparationExact())) {
        assertThat(pd.decompositionEnergy(entry))
            .as("phase separation energy of %s %s", ref.taskId(), entry.composition())
            .isCloseTo(ref.phaseSeparationExact(), within(ENERGY_TOLERANCE))
            .isCloseTo(ref.phaseSeparationSlsqp(), within(ENERGY_TOLERANCE));
      }
    }
    assertThat(pd.stableEntries()).hasSize(stableCount);
  }
}
