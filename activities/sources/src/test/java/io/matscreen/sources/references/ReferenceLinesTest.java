package io.matscreen.sources.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matscreen.hull.EnergyFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLinesTest {
  static final Path MP_STRUCTURES = Path.of("../../../shared/data/mp-structures.jsonl.gz");

  @Test
  void readsTheSharedMaterialsProjectStructures() throws Exception {
    assumeTrue(
        Files.isRegularFile(MP_STRUCTURES),
        "../shared/data/mp-structures.jsonl.gz is absent: skipping the shared-data test");
    List<Reference> refs = new ArrayList<>();
    List<SkippedEntry> skipped = new ArrayList<>();
    long n =
        ReferenceLines.read(
            MP_STRUCTURES, EnergyFingerprint.MP_GGA_MP2020, refs::add, skipped::add);
    // data/README.md: 1,168 structures, 952 with an energy.
    assertThat(n).isEqualTo(1168);
    assertThat(skipped).isEmpty();
    assertThat(refs.stream().filter(Reference::hasEnergy).count()).isEqualTo(952);
    assertThat(refs).allMatch(Reference::hasStructure);
    Reference first = refs.get(0);
    assertThat(first.id()).isEqualTo("mp-phonons-0");
    assertThat(first.reducedFormula()).isEqualTo("BaTe");
    assertThat(first.source()).isEqualTo("file:mp-structures.jsonl.gz");
    assertThat(first.structure().numSites()).isEqualTo(2);
  }

  @Test
  void roundTripsAndReportsBadLinesByLineAndId(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("refs.jsonl");
    Reference nacl =
        new Reference(
            "x-1",
            "test",
            io.matscreen.structure.Composition.parse("NaCl"),
            null,
            -2.1,
            EnergyFingerprint.UNSPECIFIED);
    try (ReferenceLines.Writer w = new ReferenceLines.Writer(file)) {
      w.write(nacl);
    }
    Files.writeString(
        file,
        Files.readString(file)
            + "{\"id\": \"x-2\", \"reduced_formula\": \"Qq2\"}\n"
            + "not json\n"
            + "{\"id\": \"x-3\", \"reduced_formula\": \"MgO\", \"formation_energy_per_atom\":"
            + " \"low\"}\n"
            + "{\"reduced_formula\": \"MgO\"}\n"
            + "{\"id\": \"x-5\", \"reduced_formula\": \"MgO\", \"formation_energy_per_atom\":"
            + " -3.0}\n");
    List<Reference> refs = new ArrayList<>();
    List<SkippedEntry> skipped = new ArrayList<>();
    ReferenceLines.read(file, EnergyFingerprint.MP_GGA_MP2020, refs::add, skipped::add);
    assertThat(refs).extracting(Reference::id).containsExactly("x-1", "x-5");
    assertThat(refs.get(0).formationEnergyPerAtom()).isEqualTo(-2.1);
    assertThat(refs.get(0).fingerprint()).isEqualTo(EnergyFingerprint.UNSPECIFIED);
    assertThat(refs.get(1).fingerprint()).isEqualTo(EnergyFingerprint.MP_GGA_MP2020);
    assertThat(skipped)
        .extracting(SkippedEntry::toString)
        .satisfiesExactly(
            s -> assertThat(s).contains("refs.jsonl:2 (x-2)").contains("bad formula"),
            s -> assertThat(s).contains("refs.jsonl:3").contains("not valid JSON"),
            s -> assertThat(s).contains("refs.jsonl:4 (x-3)").contains("finite number"),
            s -> assertThat(s).contains("refs.jsonl:5").contains("no \"id\""));
  }
}
