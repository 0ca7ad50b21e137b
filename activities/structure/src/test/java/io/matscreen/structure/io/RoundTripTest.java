package io.matscreen.structure.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.SpglibSymmetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CIF → structure → CIF (P1, symmetrised) / POSCAR / JSON → structure keeps every site within 1e-6.
 */
class RoundTripTest {
  private static final double FRACTIONAL_TOLERANCE = 1e-6;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nacl_hm_only.cif",
        "rutile_symops.cif",
        "si_hall_only.cif",
        "zno_p1.cif",
        "partial_occupancy.cif",
        "corundum_rhombohedral_hm.cif",
        "two_structures.cif"
      })
  void everyWriterRoundTrips(String name) throws Exception {
    for (CifStructure c : CifReader.read(CifReaderTest.resource(name))) {
      Structure s = c.structure();
      assertSameSites(
          CifReader.read(CifWriter.writeP1(s, c.blockName()), "p1").get(0).structure(), s, true);
      assertSameSites(PymatgenJson.read(PymatgenJson.write(s), "json"), s, true);
      String symmetrised =
          CifWriter.writeSymmetrized(s, SpglibSymmetry.analyze(s, 1e-4, 1), c.blockName());
      assertSameSites(CifReader.read(symmetrised, "sym").get(0).structure(), s, false);
      if (s.isOrdered()) {
        assertSameSites(PoscarReader.read(PoscarWriter.write(s, null), "poscar"), s, false);
      }
    }
  }

  /** Same lattice and same sites (in order, or as a set matched by position and species). */
  static void assertSameSites(Structure actual, Structure expected, boolean sameOrder) {
    double[][] a = actual.lattice().matrix();
    double[][] e = expected.lattice().matrix();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(Math.abs(a[i][j] - e[i][j])).as("lattice[%d][%d]", i, j).isLessThan(1e-8);
      }
    }
    assertThat(actual.numSites()).isEqualTo(expected.numSites());
    List<Site> unmatched = new ArrayList<>(actual.sites());
    for (int i = 0; i < expected.numSites(); i++) {
      Site want = expected.site(i);
      Site got = null;
      if (sameOrder) {
        got = actual.site(i);
        assertThat(maxFracDifference(got, want)).as("site %d", i).isLessThan(FRACTIONAL_TOLERANCE);
      } else {
        for (Site candidate : unmatched) {
          if (maxFracDifference(candidate, want) < FRACTIONAL_TOLERANCE) {
            got = candidate;
            break;
          }
        }
        assertThat(got).as("a site at %s", want).isNotNull();
        unmatched.remove(got);
      }
      assertThat(got.species().keySet()).isEqualTo(want.species().keySet());
      for (String el : want.species().keySet()) {
        assertThat(Math.abs(got.species().get(el) - want.species().get(el))).isLessThan(1e-8);
      }
    }
  }

  private static double maxFracDifference(Site a, Site b) {
    double max = 0;
    for (int k = 0; k < 3; k++) {
      double d = a.frac(k) - b.frac(k);
      d -= Math.rint(d);
      max = Math.max(max, Math.abs(d));
    }
    return max;
  }
}
