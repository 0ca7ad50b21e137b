package io.matscreen.model;

import io.matscreen.structure.Composition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference throughput of the shipped composition ensemble, in compositions per second, including
 * featurisation. Uses the formulas of ../shared/data/mp-formation-train.csv when present, else
 * synthetic ones. Arguments: [threads (default: all cores)] [count (default 20000)] [bundle
 * directory (default: the shipped model)]. Each ND4J op runs on one thread; with more than one
 * thread the batches of a call run in parallel ({@link ModelBundle#setInferenceThreads}), as in the
 * gpu worker pool on a CPU node. Run: {@code ./run-benchmarks InferenceBenchmark [THREADS] [COUNT]
 * [BUNDLE]}.
 */
public final class InferenceBenchmark {
  private InferenceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads =
        args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    ComputeThreads.limit(1);
    List<Composition> comps = new ArrayList<>();
    Path data = findShared("data/mp-formation-train.csv");
    if (data != null) {
      for (String line : Files.readAllLines(data).subList(1, count + 1)) {
        comps.add(Composition.parse(line.split(",")[1]));
      }
    } else {
      comps.addAll(SyntheticData.compositions(SyntheticData.LIGHT, count, 1));
    }
    long t0 = System.nanoTime();
    ModelBundle model =
        args.length > 2 ? ModelBundle.load(Path.of(args[2])) : ModelBundle.loadDefault();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    model.setInferenceThreads(threads);
    // Warm-up until the JIT compilers are done: their threads would otherwise take a core from
    // the measured rounds (a third of all CPU time in a short run).
    for (int w = 0; w < 3; w++) {
      model.predictCompositions(comps);
    }
    int rounds = 5;
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      model.predictCompositions(comps);
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    System.out.printf(
        "model %s: %d members, network %s%n",
        model.name(), model.ensembleSize(), model.metadata().network());
    System.out.printf(
        "load %.2f s; %d compositions from %s%n",
        loadSeconds, comps.size(), data != null ? data : "synthetic");
    System.out.printf(
        "threads %d: best of %d rounds %.3f s -> %.0f compositions/s%n",
        threads, rounds, best, comps.size() / best);
  }

  private static Path findShared(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path c = p.resolve("shared").resolve(relative);
      if (Files.exists(c)) {
        return c;
      }
      p = p.getParent();
    }
    return null;
  }
}
