package io.matscreen.dft.job;

import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.local.LocalExecutor;
import io.matscreen.dft.qe.QePbeRelaxInputSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times qe-pbe-relax with its default settings on the demo's 2-atom diamond/zincblende cells, one
 * pw.x at a time on one core. Starting lattice constants are 1-2% off the PBE minimum, as a
 * substituted prototype would be. Prints wall and CPU seconds, ionic steps and the relaxed a.
 * Arguments: cell names to run (default all: SiC Si C Ge GeC SiGe) and KEY=VALUE settings of the
 * input set (e.g. kpoint_density=2.0). Run: {@code ./run-benchmarks DftRelaxationBenchmark
 * [CELL...] [KEY=VALUE...]} (needs pw.x; seconds to minutes per cell).
 */
public final class DftRelaxationBenchmark {
  private DftRelaxationBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, DftStructure> cells = new LinkedHashMap<>();
    cells.put("SiC", QeTestSupport.zincblende("Si", "C", 4.30));
    cells.put("Si", QeTestSupport.zincblende("Si", "Si", 5.40));
    cells.put("C", QeTestSupport.zincblende("C", "C", 3.60));
    cells.put("Ge", QeTestSupport.zincblende("Ge", "Ge", 5.70));
    cells.put("GeC", QeTestSupport.zincblende("Ge", "C", 4.60));
    cells.put("SiGe", QeTestSupport.zincblende("Si", "Ge", 5.55));
    // Arguments: cell names to run (default all) and KEY=VALUE settings (e.g. kpoint_density=2.0).
    Map<String, String> settings = new LinkedHashMap<>();
    java.util.List<String> only = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.contains("=")) {
        settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        only.add(a);
      }
    }
    System.out.println("settings: " + settings);
    Path root = Files.createTempDirectory("dft-bench");
    QePbeRelaxInputSet qe = new QePbeRelaxInputSet();
    System.out.printf(
        "load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    try (LocalExecutor ex = new LocalExecutor(root.resolve("state"), 1)) {
      for (var e : cells.entrySet()) {
        if (!only.isEmpty() && !only.contains(e.getKey())) {
          continue;
        }
        long t0 = System.nanoTime();
        DftResult r =
            DftRelaxation.run(
                qe, e.getValue(), root.resolve(e.getKey()), settings, ex, Duration.ofMillis(100));
        double wall = (System.nanoTime() - t0) / 1e9;
        String out = Files.readString(root.resolve(e.getKey()).resolve("a1/job.out"));
        Matcher m = Pattern.compile("PWSCF\\s+:\\s+(\\S+)s CPU").matcher(out);
        String cpu = m.find() ? m.group(1) : "?";
        Matcher k = Pattern.compile("number of k points=\\s+(\\d+)").matcher(out);
        Matcher ec = Pattern.compile("kinetic-energy cutoff\\s+=\\s+(\\S+)").matcher(out);
        System.out.printf(
            "%-5s %-5s wall %6.1f s  pw.x CPU %6s s  steps %2d  k-points %s  ecutwfc %s Ry  a = %.4f A  E = %.5f eV/atom%n",
            e.getKey(),
            r.errorKind(),
            wall,
            cpu,
            r.ionicSteps(),
            k.find() ? k.group(1) : "?",
            ec.find() ? ec.group(1) : "?",
            QeTestSupport.fccCubicConstant(r.structure()),
            r.energyPerAtomEv());
      }
    }
    System.out.printf(
        "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
  }
}
