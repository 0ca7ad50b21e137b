package io.matscreen.hull;

import io.matscreen.structure.Composition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hull construction time (ms) and e_above_hull queries per second after construction, on Materials
 * Project chemical systems of 2 to 5 elements from ../shared/data/mp-formation-train.csv (elements
 * at 0 eV/atom), side by side with pymatgen 2022.11 measured on the same machine in the same run by
 * activities/hull/src/test/python/pymatgen_hull_benchmark.py (run with /usr/bin/python3).
 *
 * <p>Run: {@code ./run-benchmarks HullBenchmark} (no arguments; skipped, saying so, without
 * ../shared).
 */
public final class HullBenchmark {
  /** Two systems per element count; Co-Li-Mn-Ni-O has ~400 references (411 with elements). */
  static final List<String> SYSTEMS =
      List.of(
          "Fe-O",
          "O-Ti",
          "Li-Mn-O",
          "Fe-O-P",
          "Fe-Li-Mn-O",
          "Li-Mn-O-P",
          "Co-Li-Mn-Ni-O",
          "Fe-Li-Mn-O-P");

  private static final double MIN_SECONDS = 1.0;
  private static final int WINDOWS = 7;

  private HullBenchmark() {}

  record Figures(
      double buildWithFacetsMs,
      int facets,
      String system,
      int entries,
      int stable,
      double buildMs,
      double queriesPerSecond,
      double compositionQueriesPerSecond) {}

  public static void main(String[] args) throws Exception {
    java.util.Optional<Path> located = MpFormationData.locate();
    if (located.isEmpty()) {
      System.out.println(
          "HullBenchmark: skipped (../shared/data/mp-formation-train.csv not found)");
      return;
    }
    Path csv = located.get();
    List<MpFormationData.Row> rows = MpFormationData.rows(csv);
    System.out.printf(
        Locale.ROOT,
        "HullBenchmark: %s (%d rows), %d processors, Java %s%n",
        csv,
        rows.size(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    List<Figures> java = new ArrayList<>();
    for (String system : SYSTEMS) {
      java.add(measure(system, rows));
    }
    Map<String, double[]> pymatgen = runPymatgen(csv);

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-15s %7s %6s %6s | %10s %10s %12s %12s | %10s %10s | %8s %8s%n",
        "system",
        "entries",
        "stable",
        "facets",
        "build ms",
        "+facets",
        "entry q/s",
        "comp q/s",
        "pmg ms",
        "pmg q/s",
        "q ratio",
        "build x");
    long totalQueries = 0;
    double javaSeconds = 0;
    double pmgQueries = 0;
    double pmgSeconds = 0;
    for (Figures f : java) {
      double[] p = pymatgen.get(f.system());
      double pmgMs = p == null ? Double.NaN : p[0];
      double pmgQps = p == null ? Double.NaN : p[1] / p[2];
      System.out.printf(
          Locale.ROOT,
          "%-15s %7d %6d %6d | %10.3f %10.3f %12.0f %12.0f | %10.1f %10.0f | %7.0fx %7.0fx%n",
          f.system(),
          f.entries(),
          f.stable(),
          f.facets(),
          f.buildMs(),
          f.buildWithFacetsMs(),
          f.queriesPerSecond(),
          f.compositionQueriesPerSecond(),
          pmgMs,
          pmgQps,
          f.queriesPerSecond() / pmgQps,
          pmgMs / f.buildMs());
      totalQueries += f.entries();
      javaSeconds += f.entries() / f.queriesPerSecond();
      if (p != null) {
        pmgQueries += p[1];
        pmgSeconds += p[2];
      }
    }
    double javaMean = 0;
    double pmgMean = 0;
    for (Figures f : java) {
      javaMean += f.queriesPerSecond() / java.size();
      double[] p = pymatgen.get(f.system());
      pmgMean += p == null ? Double.NaN : p[1] / p[2] / java.size();
    }
    double javaRate = totalQueries / javaSeconds;
    double pmgRate = pmgQueries / pmgSeconds;
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "all 2-5 element systems, one query per entry: matscreen %.0f queries/s, pymatgen %.0f"
            + " queries/s, ratio %.0fx (target >= 170,000 queries/s)%n",
        javaRate,
        pmgRate,
        javaRate / pmgRate);
    System.out.printf(
        Locale.ROOT,
        "mean of the per-system rates: matscreen %.0f queries/s, pymatgen %.0f queries/s, ratio %.0fx%n",
        javaMean,
        pmgMean,
        javaMean / pmgMean);
    Figures big =
        java.stream().filter(f -> f.system().equals("Co-Li-Mn-Ni-O")).findFirst().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "construction with ~400 references (Co-Li-Mn-Ni-O, %d entries): %.2f ms, %.2f ms with the"
            + " facets for fast queries (target < 50 ms)%n",
        big.entries(),
        big.buildMs(),
        big.buildWithFacetsMs());
  }

  private static Figures measure(String system, List<MpFormationData.Row> rows) {
    List<HullEntry> entries = MpFormationData.system(rows, Set.of(system.split("-")));
    for (String el : system.split("-")) {
      entries.add(
          HullEntry.ofFormationEnergy(
              "element:" + el, Composition.parse(el), 0.0, EnergyFingerprint.MP_GGA_MP2020));
    }
    // Warm up the JIT, then take the median of repeated builds.
    long deadline = System.nanoTime() + 500_000_000L;
    while (System.nanoTime() < deadline) {
      PhaseDiagram.build(entries);
    }
    double[] builds = new double[21];
    PhaseDiagram pd = null;
    for (int i = 0; i < builds.length; i++) {
      long t0 = cpuNanos();
      pd = PhaseDiagram.build(entries);
      builds[i] = (cpuNanos() - t0) / 1e6;
    }
    java.util.Arrays.sort(builds);
    double best = builds[builds.length / 2];
    // With the facets for fast queries enumerated too (done lazily after the first queries).
    double[] full = new double[21];
    for (int i = 0; i < full.length; i++) {
      long t0 = cpuNanos();
      PhaseDiagram.build(entries).facetCount();
      full[i] = (cpuNanos() - t0) / 1e6;
    }
    java.util.Arrays.sort(full);
    double withFacets = full[full.length / 2];
    double entryRate = rate(pd, entries, true);
    double compositionRate = rate(pd, entries, false);
    return new Figures(
        withFacets,
        pd.facetCount(),
        system,
        entries.size(),
        pd.stableEntries().size(),
        best,
        entryRate,
        compositionRate);
  }

  /** Queries per second over all entries (median of windows over MIN_SECONDS), after warm-up. */
  private static double rate(PhaseDiagram pd, List<HullEntry> entries, boolean asEntries) {
    double sink = 0;
    for (int warm = 0; warm < 200; warm++) {
      for (HullEntry e : entries) {
        sink += query(pd, e, asEntries);
      }
    }
    // Median of several windows: the build machine is shared, and a median is robust to the
    // windows in which this process did not get a core.
    double[] rates = new double[WINDOWS];
    for (int w = 0; w < WINDOWS; w++) {
      long queries = 0;
      long t0 = cpuNanos();
      long elapsed;
      do {
        for (HullEntry e : entries) {
          sink += query(pd, e, asEntries);
        }
        queries += entries.size();
        elapsed = cpuNanos() - t0;
      } while (elapsed < MIN_SECONDS / WINDOWS * 1e9);
      rates[w] = queries / (elapsed / 1e9);
    }
    java.util.Arrays.sort(rates);
    if (Double.isNaN(sink)) {
      System.out.println("(impossible)");
    }
    return rates[WINDOWS / 2];
  }

  /**
   * CPU time of this thread, ns: the build machine is shared by several jobs, and wall time would
   * measure the others' load (pymatgen's side uses process CPU time likewise).
   */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static double query(PhaseDiagram pd, HullEntry e, boolean asEntry) {
    HullPoint p = asEntry ? pd.eAboveHull(e) : pd.eAboveHull(e.composition(), e.energyPerAtom());
    return p.eAboveHullEv() + p.decomposition().size();
  }

  /** system -> {build ms, queries, seconds}, from the pymatgen script; empty if unavailable. */
  private static Map<String, double[]> runPymatgen(Path csv) {
    Map<String, double[]> out = new HashMap<>();
    Path script = Path.of("src/test/python/pymatgen_hull_benchmark.py");
    if (!Files.exists(script)) {
      script = Path.of("activities/hull/src/test/python/pymatgen_hull_benchmark.py");
    }
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/python3", script.toString(), csv.toString()));
    command.addAll(SYSTEMS);
    System.out.println("pymatgen: " + String.join(" ", command));
    try {
      Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          System.out.println("  " + line);
          if (line.startsWith("{")) {
            com.fasterxml.jackson.databind.JsonNode n =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            out.put(
                n.get("system").asText(),
                new double[] {
                  n.get("build_ms").asDouble(),
                  n.get("queries").asDouble(),
                  n.get("query_s").asDouble()
                });
          }
        }
      }
      proc.waitFor();
    } catch (Exception e) {
      System.out.println("pymatgen could not be run (" + e.getMessage() + "); ratios are NaN");
    }
    return out;
  }
}
