package io.matscreen.symmetry;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Structures analysed per second (spglib dataset + Wyckoff representation + protostructure label)
 * on the 68 TAATA structures (when ../shared is present) and on rock-salt supercells of 8, 16, 32
 * and 64 sites; single-threaded and on all available cores. Run with:
 *
 * <pre>
 * ./mvnw -B -q -o -pl activities exec:java -Dexec.mainClass=io.matscreen.symmetry.StructureAnalysisBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * (needs matscreen-proto in the local repository; otherwise build the class path with {@code ./mvnw
 * -o -pl activities -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test} and run {@code java -cp
 * activities/target/test-classes:activities/target/classes:$(cat cp.txt) …}). Almost all of the
 * time is spent inside spglib's symmetry search, which is slowest for cubic cells.
 */
public final class StructureAnalysisBenchmark {
  private StructureAnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Structure> structures = new ArrayList<>();
    if (TaataFixtures.sharedDirectory() != null) {
      for (TaataFixtures.Row row : TaataFixtures.rows()) {
        structures.add(PymatgenJson.fromTree(row.structure(), row.materialId()));
      }
      System.out.println("structures: 68 TAATA + rock-salt supercells");
    } else {
      System.out.println("structures: rock-salt supercells only (no ../shared)");
    }
    for (int[] n : new int[][] {{1, 1, 1}, {2, 1, 1}, {2, 2, 1}, {2, 2, 2}}) {
      structures.add(rockSaltSupercell(n[0], n[1], n[2]));
    }
    int maxSites = structures.stream().mapToInt(Structure::numSites).max().orElse(0);
    double meanSites = structures.stream().mapToInt(Structure::numSites).average().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%d distinct cells, %.1f sites on average, at most %d%n",
        structures.size(),
        meanSites,
        maxSites);

    // warm-up: JIT and JNA
    run(structures, 1, 3_000);
    for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
      int count = threads * 5_000;
      long start = System.nanoTime();
      run(structures, threads, count);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "threads=%d  analysed=%d  time=%.2f s  rate=%.0f structures/s  (%.2f ms each per thread)%n",
          threads,
          count,
          seconds,
          count / seconds,
          1000 * seconds * threads / count);
    }
    // the 64-site cell alone, the upper end of the aim
    Structure big = rockSaltSupercell(2, 2, 2);
    long start = System.nanoTime();
    for (int i = 0; i < 2_000; i++) {
      WyckoffRepresentation.of(big);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT, "64-site rock salt, 1 thread: %.0f structures/s%n", 2_000 / seconds);
  }

  private static void run(List<Structure> structures, int threads, int count) throws Exception {
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
