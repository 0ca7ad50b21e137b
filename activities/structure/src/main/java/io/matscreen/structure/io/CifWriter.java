package io.matscreen.structure.io;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.SymmetryDataset;
import io.matscreen.symmetry.SymmetryOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes CIF 1.1 files: in P1 (every site listed) or symmetrised (the space-group operations of a
 * {@link SymmetryDataset} in the structure's own cell and one site per orbit). Coordinates are
 * written with 10 decimals; a disordered site becomes one row per species at the same position.
 */
public final class CifWriter {
  private CifWriter() {}

  /** The structure in P1. */
  public static String writeP1(Structure s, String blockName) {
    StringBuilder sb = header(s, blockName);
    sb.append("_symmetry_space_group_name_H-M   'P 1'\n");
    sb.append("_symmetry_Int_Tables_number      1\n");
    sb.append("loop_\n_symmetry_equiv_pos_site_id\n_symmetry_equiv_pos_as_xyz\n1  'x, y, z'\n");
    atomLoop(sb, s, allIndices(s), null, null);
    return sb.toString();
  }

  /**
   * The structure with its symmetry: the dataset's operations (in this cell) and the first site of
   * each orbit; reading it back regenerates every site. The dataset must be of this structure.
   */
  public static String writeSymmetrized(Structure s, SymmetryDataset dataset, String blockName) {
    int[] equivalent = dataset.equivalentAtoms();
    if (equivalent.length != s.numSites()) {
      throw new IllegalArgumentException(
          "dataset has " + equivalent.length + " sites but the structure has " + s.numSites());
    }
    StringBuilder sb = header(s, blockName);
    sb.append("_symmetry_space_group_name_H-M   '")
        .append(dataset.internationalSymbol().replace("_", ""))
        .append("'\n");
    sb.append("_symmetry_Int_Tables_number      ").append(dataset.spacegroupNumber()).append('\n');
    sb.append("# operations in the cell below (not necessarily the standard setting)\n");
    sb.append("loop_\n_symmetry_equiv_pos_site_id\n_symmetry_equiv_pos_as_xyz\n");
    List<SymmetryOperation> ops = dataset.operations();
    for (int i = 0; i < ops.size(); i++) {
      sb.append(i + 1).append("  '").append(ops.get(i).toXyz().replace(",", ", ")).append("'\n");
    }
    Map<Integer, Integer> orbitSize = new HashMap<>();
    for (int e : equivalent) {
      orbitSize.merge(e, 1, Integer::sum);
    }
    int[] representatives =
        java.util.stream.IntStream.range(0, s.numSites()).filter(i -> equivalent[i] == i).toArray();
    atomLoop(sb, s, representatives, orbitSize, dataset.wyckoffLetters());
    return sb.toString();
  }

  public static void writeP1(Structure s, String blockName, Path file) throws IOException {
    Files.writeString(file, writeP1(s, blockName), StandardCharsets.UTF_8);
  }

  public static void writeSymmetrized(Structure s, SymmetryDataset d, String blockName, Path file)
      throws IOException {
    Files.writeString(file, writeSymmetrized(s, d, blockName), StandardCharsets.UTF_8);
  }

  private static int[] allIndices(Structure s) {
    return java.util.stream.IntStream.range(0, s.numSites()).toArray();
  }

  private static StringBuilder header(Structure s, String blockName) {
    String name =
        blockName == null || blockName.isBlank() ? "structure" : blockName.replaceAll("\\s+", "_");
    Lattice l = s.lattice();
    double[] abc = l.abc();
    double[] angles = l.anglesDegrees();
    StringBuilder sb = new StringBuilder();
    sb.append("# written by matscreen\n");
    sb.append("data_").append(name).append('\n');
    sb.append("_chemical_formula_sum   '")
        .append(s.composition().alphabeticalFormula())
        .append("'\n");
    sb.append(String.format(Locale.ROOT, "_cell_length_a    %.10f%n", abc[0]));
    sb.append(String.format(Locale.ROOT, "_cell_length_b    %.10f%n", abc[1]));
    sb.append(String.format(Locale.ROOT, "_cell_length_c    %.10f%n", abc[2]));
    sb.append(String.format(Locale.ROOT, "_cell_angle_alpha %.10f%n", angles[0]));
    sb.append(String.format(Locale.ROOT, "_cell_angle_beta  %.10f%n", angles[1]));
    sb.append(String.format(Locale.ROOT, "_cell_angle_gamma %.10f%n", angles[2]));
    sb.append(String.format(Locale.ROOT, "_cell_volume      %.10f%n", l.volume()));
    return sb;
  }

  private static void atomLoop(
      StringBuilder sb,
      Structure s,
      int[] indices,
      Map<Integer, Integer> orbitSize,
      List<String> wyckoff) {
    sb.append("loop_\n_atom_site_label\n_atom_site_type_symbol\n");
    if (orbitSize != null) {
      sb.append("_atom_site_symmetry_multiplicity\n_atom_site_Wyckoff_symbol\n");
    }
    sb.append("_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n");
    Map<String, Integer> counters = new LinkedHashMap<>();
    for (int i : indices) {
      Site site = s.site(i);
      for (Map.Entry<String, Double> e : site.species().entrySet()) {
        String el = e.getKey();
        int n = counters.merge(el, 1, Integer::sum);
        sb.append(el).append(n).append("  ").append(el);
        if (orbitSize != null) {
          sb.append("  ").append(orbitSize.get(i)).append("  ").append(wyckoff.get(i));
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "  %.10f  %.10f  %.10f  %s%n",
                site.frac(0),
                site.frac(1),
                site.frac(2),
                occupancy(e.getValue())));
      }
    }
  }

  private static String occupancy(double o) {
    String s = String.format(Locale.ROOT, "%.8f", o).replaceAll("0+$", "");
    return s.endsWith(".") ? s + "0" : s;
  }
}
