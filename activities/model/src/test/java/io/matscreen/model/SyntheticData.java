package io.matscreen.model;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic formation-energy-like data for tests: random binary and ternary compositions of given
 * elements, with a smooth target made from CDK element data (electronegativity spread and period),
 * so a network can learn it but no table lookup can.
 */
final class SyntheticData {
  private SyntheticData() {}

  /** The target for a composition, "eV/atom" in spirit. */
  static double target(Composition c) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double period = 0;
    for (String s : c.elements()) {
      Element e = Element.of(s);
      double chi = Double.isNaN(e.paulingElectronegativity()) ? 2.0 : e.paulingElectronegativity();
      min = Math.min(min, chi);
      max = Math.max(max, chi);
      period += c.fraction(s) * e.period();
    }
    return -0.9 * (max - min) + 0.05 * period;
  }

  /** n random compositions of 2–3 distinct elements from the pool, integer amounts 1–4. */
  static List<Composition> compositions(List<String> pool, int n, long seed) {
    Random r = new Random(seed);
    List<Composition> out = new ArrayList<>();
    while (out.size() < n) {
      int k = 2 + r.nextInt(2);
      Map<String, Integer> amounts = new LinkedHashMap<>();
      while (amounts.size() < k) {
        amounts.put(pool.get(r.nextInt(pool.size())), 1 + r.nextInt(4));
      }
      out.add(Composition.of(amounts));
    }
    return out;
  }

  /** Writes a CSV with columns composition, e_form. */
  static Path writeCsv(Path file, List<Composition> comps) throws IOException {
    StringBuilder sb = new StringBuilder("composition,e_form\n");
    for (Composition c : comps) {
      sb.append(c.formula()).append(',').append(target(c)).append('\n');
    }
    return Files.writeString(file, sb.toString());
  }

  static final List<String> LIGHT =
      List.of(
          "Li", "Be", "B", "C", "N", "O", "F", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "K", "Ca",
          "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga");
  static final List<String> FAR =
      List.of("La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "U", "Np", "Pu", "Th");
}
