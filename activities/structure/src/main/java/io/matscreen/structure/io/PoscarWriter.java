package io.matscreen.structure.io;

import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes VASP 5 POSCAR files: scale 1, lattice in Angstrom, species line, counts and Direct
 * coordinates with 16 decimals. Sites are grouped by element in order of first appearance; a
 * disordered structure cannot be written.
 */
public final class PoscarWriter {
  private PoscarWriter() {}

  /** POSCAR text; {@code comment} is the first line (the formula when null). */
  public static String write(Structure s, String comment) {
    Map<String, List<Site>> groups = new LinkedHashMap<>();
    for (Site site : s.sites()) {
      if (!site.isOrdered()) {
        throw new IllegalArgumentException(
            "POSCAR cannot hold the disordered site "
                + site.label()
                + " ("
                + site.speciesString()
                + ")");
      }
      groups.computeIfAbsent(site.element(), k -> new ArrayList<>()).add(site);
    }
    StringBuilder sb = new StringBuilder();
    String first = comment == null ? s.composition().formula() : comment.replaceAll("[\r\n]+", " ");
    sb.append(first).append('\n').append("1.0\n");
    for (double[] row : s.lattice().matrix()) {
      sb.append(String.format(Locale.ROOT, "  %22.16f %22.16f %22.16f%n", row[0], row[1], row[2]));
    }
    sb.append(' ').append(String.join(" ", groups.keySet())).append('\n');
    for (List<Site> g : groups.values()) {
      sb.append(' ').append(g.size());
    }
    sb.append("\nDirect\n");
    for (List<Site> g : groups.values()) {
      for (Site site : g) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %.16f %.16f %.16f %s%n",
                site.frac(0),
                site.frac(1),
                site.frac(2),
                site.element()));
      }
    }
    return sb.toString();
  }

  public static void write(Structure s, String comment, Path file) throws IOException {
    Files.writeString(file, write(s, comment), StandardCharsets.UTF_8);
  }
}
