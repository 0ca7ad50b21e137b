package io.matscreen.sources;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import io.matscreen.symmetry.TaataFixtures;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Structures analysed per second (spglib dataset + Wyckoff representation + protostructure label):
 * the 68 TAATA structures (real materials of many space groups, when ../shared is present) on one
 * thread and on all cores; supercells of up to 64 sites of a tetragonal (rutile) and of the worst
 * case, a face-centred cubic (rock salt) cell; and the campaign path, where substituted candidates
 * take their prototype's representation. Arguments: [TAATA structures analysed per thread (default
 * 3000)]. Run: {@code ./run-benchmarks StructureAnalysisBenchmark [COUNT]}.
 *
 * <p>Almost all of the time is inside spglib. Its cost depends on the space group far more than on
 * the number of sites: spglib 2.0.2 assigns Wyckoff letters by testing, for each Wyckoff position
 * of the group, every pair of the conventional cell's operations (site_symmetry.c,
 * get_Wyckoff_notation), so a cell of an F-centred cubic group (192 operations) costs about 35 ms
 * however small it is, and every public spglib function goes through that dataset.
 */
public final class StructureAnalysisBenchmark {
  private StructureAnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    List<Structure> taata = new ArrayList<>();
    if (TaataFixtures.sharedDirectory() != null) {
      for (TaataFixtures.Row row : TaataFixtures.rows()) {
        taata.add(PymatgenJson.fromTree(row.structure(), row.materialId()));
      }
      double meanSites = taata.stream().mapToInt(Structure::numSites).average().orElse(0);
      int maxSites = taata.stream().mapToInt(Structure::numSites).max().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "TAATA corpus: %d structures, %.1f sites on average, at most %d%n",
          taata.size(),
          meanSites,
          maxSites);
      run(taata, 1, Math.min(2_000, perThread)); // warm-up: JIT and JNA
      for (int threads : new int[] {1, cores}) {
        int count = threads * perThread;
        double seconds = run(taata, threads, count);
        System.out.printf(
            Locale.ROOT,
            "  threads=%d  analysed=%d  time=%.2f s  rate=%.0f structures/s%n",
            threads,
            count,
            seconds,
            count / seconds);
      }
    } else {
      System.out.println("TAATA corpus: skipped (../shared/fixtures/taata not found)");
    }

    System.out.println("supercells, 1 thread (structures/s):");
    int[][] repeats = {{1, 1, 1}, {2, 1, 1}, {2, 2, 1}, {2, 2, 2}};
    StringBuilder rutile = new StringBuilder("  rutile TiO2 (P4_2/mnm, 16 operations):");
    StringBuilder rockSalt = new StringBuilder("  rock salt NaCl (Fm-3m, 192 operations):");
    for (int[] n : repeats) {
      Structure r = rutileSupercell(n[0], n[1], n[2]);
      rutile.append(String.format(Locale.ROOT, "  %d sites %.0f", r.numSites(), rate(r, 300)));
      Structure f = rockSaltSupercell(n[0], n[1], n[2]);
      rockSalt.append(String.format(Locale.ROOT, "  %d sites %.0f", f.numSites(), rate(f, 60)));
    }
    System.out.println(rutile);
    System.out.println(rockSalt);

    // The campaign path: every substitution of 6 elements into the 15 prototypes.
    List<String> elements = List.of("Ca", "Ti", "O", "Si", "C", "N");
    SubstitutionEnumerator.enumerate(elements, PrototypeLibrary.names());
    long start = System.nanoTime();
    int labelled = 0;
    int rounds = 5;
    for (int i = 0; i < rounds; i++) {
      labelled += SubstitutionEnumerator.enumerate(elements, PrototypeLibrary.names()).size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "campaign candidates (substitution into %d prototypes, structures built and labelled),"
            + " 1 thread: %d in %.2f s, %.0f structures/s%n",
        PrototypeLibrary.names().size(),
        labelled,
        seconds,
        labelled / seconds);
  }

  private static double rate(Structure s, int count) {
    WyckoffRepresentation.of(s);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      WyckoffRepresentation.of(s);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double run(List<Structure> structures, int threads, int count) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                int checksum = 0;
                int i;
                while ((i = next.getAndIncrement()) < count) {
                  WyckoffRepresentation w =
                      WyckoffRepresentation.of(structures.get(i % structures.size()));
                  checksum += w.spacegroupNumber();
                }
                return checksum;
              }));
    }
    for (Future<Integer> f : futures) {
      f.get();
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }

  /** Rutile TiO2 (a 4.594, c 2.959 Angstrom, x(O) 0.3048) repeated na x nb x nc times. */
  static Structure rutileSupercell(int na, int nb, int nc) {
    double x = 0.3048;
    double[][] ti = {{0, 0, 0}, {0.5, 0.5, 0.5}};
    double[][] o = {{x, x, 0}, {1 - x, 1 - x, 0}, {0.5 + x, 0.5 - x, 0.5}, {0.5 - x, 0.5 + x, 0.5}};
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < na; i++) {
      for (int j = 0; j < nb; j++) {
        for (int k = 0; k < nc; k++) {
          for (double[] t : ti) {
            sites.add(Site.ordered("Ti", (t[0] + i) / na, (t[1] + j) / nb, (t[2] + k) / nc));
          }
          for (double[] t : o) {
            sites.add(Site.ordered("O", (t[0] + i) / na, (t[1] + j) / nb, (t[2] + k) / nc));
          }
        }
      }
    }
    return new Structure(
        Lattice.fromParameters(4.594 * na, 4.594 * nb, 2.959 * nc, 90, 90, 90), sites);
  }

  static Structure rockSaltSupercell(int na, int nb, int nc) {
    List<Site> sites = new ArrayList<>();
    double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
    for (int i = 0; i < na; i++) {
      for (int j = 0; j < nb; j++) {
        for (int k = 0; k < nc; k++) {
          for (double[] t : fcc) {
            sites.add(Site.ordered("Na", (t[0] + i) / na, (t[1] + j) / nb, (t[2] + k) / nc));
            sites.add(Site.ordered("Cl", (t[0] + 0.5 + i) / na, (t[1] + j) / nb, (t[2] + k) / nc));
          }
        }
      }
    }
    return new Structure(
        Lattice.fromParameters(5.64 * na, 5.64 * nb, 5.64 * nc, 90, 90, 90), sites);
  }
}
