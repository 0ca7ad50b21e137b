package io.matscreen.hull;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matscreen.structure.Composition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the shared Materials Project formation-energy table (../shared/data/mp-formation-train.csv
 * next to the repository root) for tests and benchmarks; never copied into the project.
 */
final class MpFormationData {
  /** One row: MP task id, composition, formation energy per atom (eV/atom). */
  record Row(String taskId, Composition composition, double eFormPerAtom) {}

  private static List<Row> cache;

  private MpFormationData() {}

  /** The shared CSV, found by walking up from the working directory; empty when absent. */
  static java.util.Optional<Path> locate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate =
          dir.resolveSibling("shared").resolve("data").resolve("mp-formation-train.csv");
      if (dir.resolve("mvnw").toFile().exists() && Files.isReadable(candidate)) {
        return java.util.Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return java.util.Optional.empty();
  }

  /** All rows; the calling test is skipped (JUnit assumption) when ../shared is absent. */
  static synchronized List<Row> rowsOrSkip() {
    java.util.Optional<Path> path = locate();
    assumeTrue(
        path.isPresent(),
        "skipped: ../shared/data/mp-formation-train.csv (shared MP data) is not present");
    return rows(path.get());
  }

  static synchronized List<Row> rows(Path path) {
    if (cache == null) {
      try {
        List<String> lines = Files.readAllLines(path);
        List<Row> out = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split(",");
          out.add(new Row(f[0], Composition.parse(f[1]), Double.parseDouble(f[2])));
        }
        cache = out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cache;
  }

  /** Formation-energy entries of every row whose elements lie in the chemical system. */
  static List<HullEntry> system(List<Row> rows, Set<String> elements) {
    List<HullEntry> out = new ArrayList<>();
    for (Row r : rows) {
      if (elements.containsAll(r.composition().elements())) {
        out.add(
            HullEntry.ofFormationEnergy(
                r.taskId(), r.composition(), r.eFormPerAtom(), EnergyFingerprint.MP_GGA_MP2020));
      }
    }
    return out;
  }
}
