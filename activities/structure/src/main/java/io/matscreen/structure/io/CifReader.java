package io.matscreen.structure.io;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import io.matscreen.structure.FormulaException;
import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.SpaceGroupSymbols;
import io.matscreen.symmetry.SpglibSymmetry;
import io.matscreen.symmetry.SymmetryOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads crystal structures from CIF 1.1 files, strictly: every structure block must give the cell,
 * the symmetry (listed operations, or a Hall or Hermann–Mauguin symbol or space-group number that
 * names one setting) and the atom sites; the asymmetric unit is expanded and coincident sites
 * merged (disordered sites are kept with their occupancies). Any problem raises {@link
 * StructureFormatException} naming the file, line and what is wrong; nothing is half-read.
 */
public final class CifReader {
  /** Images of atoms closer than this (Angstrom) are one site. */
  public static final double DEFAULT_MERGE_TOLERANCE_ANGSTROM = 0.01;

  private static final Pattern NUMBER =
      Pattern.compile(
          "([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(?:\\(([0-9]+)\\))?");
  private static final Pattern TYPE_SYMBOL =
      Pattern.compile("([A-Za-z]{1,2})([0-9]*[+-]|[+-][0-9]*)?.*");

  private static final String[] OPERATION_TAGS = {
    "_space_group_symop_operation_xyz",
    "_symmetry_equiv_pos_as_xyz",
    "_space_group_symop.operation_xyz"
  };
  private static final String[] HALL_TAGS = {
    "_space_group_name_hall", "_symmetry_space_group_name_hall", "_space_group.name_hall"
  };
  private static final String[] HM_TAGS = {
    "_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_space_group.name_h-m_alt"
  };
  private static final String[] NUMBER_TAGS = {
    "_space_group_it_number", "_symmetry_int_tables_number", "_space_group.it_number"
  };

  private final double mergeToleranceAngstrom;

  /** A reader with the given merge tolerance (Angstrom). */
  public CifReader(double mergeToleranceAngstrom) {
    if (!(mergeToleranceAngstrom > 0)) {
      throw new IllegalArgumentException(
          "merge tolerance must be positive: " + mergeToleranceAngstrom);
    }
    this.mergeToleranceAngstrom = mergeToleranceAngstrom;
  }

  /** Reads every structure block of a file with the default merge tolerance. */
  public static List<CifStructure> read(Path file) throws IOException {
    return new CifReader(DEFAULT_MERGE_TOLERANCE_ANGSTROM).readFile(file);
  }

  /** Reads every structure block of CIF text; {@code source} names it in errors. */
  public static List<CifStructure> read(String text, String source) {
    return new CifReader(DEFAULT_MERGE_TOLERANCE_ANGSTROM)
        .readBlocks(CifParser.parse(text, source), source);
  }

  /** The structures of a file's blocks only (block names dropped). */
  public static List<Structure> readStructures(Path file) throws IOException {
    return read(file).stream().map(CifStructure::structure).toList();
  }

  public List<CifStructure> readFile(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String source = file.toString();
    return readBlocks(CifParser.parse(bytes, source), source);
  }

  /** Structures of the blocks that describe one; blocks with neither cell nor atoms are skipped. */
  public List<CifStructure> readBlocks(List<CifBlock> blocks, String source) {
    List<CifStructure> out = new ArrayList<>();
    for (CifBlock block : blocks) {
      boolean structural =
          block.has("_cell_length_a")
              || block.hasTagStartingWith("_atom_site_fract_")
              || block.hasTagStartingWith("_atom_site_cartn_");
      if (structural) {
        out.add(new BlockReader(block, source + "#" + block.name()).read());
      }
    }
    if (out.isEmpty()) {
      throw new StructureFormatException(
          source,
          0,
          "no data block describes a structure (no _cell_length_a or _atom_site_fract_x)");
    }
    return out;
  }

  /** Reads one block; the source in errors is FILE#BLOCK. */
  private final class BlockReader {
    private final CifBlock block;
    private final String source;
    private final List<String> warnings = new ArrayList<>();

    BlockReader(CifBlock block, String source) {
      this.block = block;
      this.source = source;
    }

    private StructureFormatException error(int line, String problem) {
      return new StructureFormatException(source, line, problem);
    }

    CifStructure read() {
      Lattice lattice = lattice();
      List<SymmetryOperation> ops = new ArrayList<>();
      String symmetrySource = symmetry(lattice, ops);
      List<AsymmetricAtom> atoms = atoms(lattice);
      List<Site> sites = expand(lattice, ops, atoms);
      Structure structure = new Structure(lattice, sites);
      checkFormula(structure);
      return new CifStructure(block.name(), structure, symmetrySource, warnings);
    }

    private CifValue required(String tag) {
      return block
          .value(tag)
          .orElseThrow(
              () ->
                  error(
                      block.line(),
                      "missing "
                          + tag
                          + (block.loopWith(tag).isPresent() ? " (found in a loop)" : "")));
    }

    private double number(CifValue v, String tag) {
      if (v.isMissing()) {
        throw error(v.line(), tag + " is '" + v.text() + "' (unknown); a number is needed");
      }
      Matcher m = NUMBER.matcher(v.text());
      if (!m.matches()) {
        throw error(v.line(), tag + " is not a number: '" + v.text() + "'");
      }
      double d = Double.parseDouble(m.group(1));
      if (!Double.isFinite(d)) {
        throw error(v.line(), tag + " is not finite: '" + v.text() + "'");
      }
      return d;
    }

    private Lattice lattice() {
      double[] abc = new double[3];
      double[] angles = {90, 90, 90};
      String[] names = {"a", "b", "c"};
      String[] angleNames = {"alpha", "beta", "gamma"};
      int line = block.line();
      for (int i = 0; i < 3; i++) {
        String tag = "_cell_length_" + names[i];
        CifValue v = required(tag);
        line = v.line();
        abc[i] = number(v, tag);
        if (!(abc[i] > 0)) {
          throw error(v.line(), tag + " must be positive: " + v.text());
        }
      }
      for (int i = 0; i < 3; i++) {
        String tag = "_cell_angle_" + angleNames[i];
        Optional<CifValue> v = block.value(tag);
        if (v.isPresent()) {
          angles[i] = number(v.get(), tag);
          if (!(angles[i] > 0 && angles[i] < 180)) {
            throw error(
                v.get().line(), tag + " must lie between 0 and 180 degrees: " + v.get().text());
          }
        }
      }
      try {
        return Lattice.fromParameters(abc[0], abc[1], abc[2], angles[0], angles[1], angles[2]);
      } catch (IllegalArgumentException e) {
        throw error(line, "cell parameters: " + e.getMessage());
      }
    }

    /** Fills {@code ops} and says where they came from. */
    private String symmetry(Lattice lattice, List<SymmetryOperation> ops) {
      for (String tag : OPERATION_TAGS) {
        List<CifValue> values = column(tag);
        if (!values.isEmpty()) {
          for (CifValue v : values) {
            if (v.isMissing()) {
              throw error(v.line(), tag + " is '" + v.text() + "'");
            }
            try {
              ops.add(SymmetryOperation.parseXyz(v.text()));
            } catch (IllegalArgumentException e) {
              throw error(v.line(), e.getMessage());
            }
          }
          checkIdentity(ops, values.get(0).line());
          return values.size() + " listed operations";
        }
      }
      for (String tag : HALL_TAGS) {
        Optional<CifValue> v = block.value(tag).filter(x -> !x.isMissing());
        if (v.isPresent()) {
          int hall = SpaceGroupSymbols.hallNumberOfHallSymbol(v.get().text());
          if (hall < 0) {
            throw error(v.get().line(), "unknown Hall symbol '" + v.get().text() + "'");
          }
          ops.addAll(SpglibSymmetry.operationsOfHallNumber(hall));
          return "Hall symbol '" + v.get().text() + "' (Hall " + hall + ")";
        }
      }
      boolean rhombohedralAxes = isRhombohedralCell(lattice);
      for (String tag : HM_TAGS) {
        Optional<CifValue> v = block.value(tag).filter(x -> !x.isMissing());
        if (v.isPresent()) {
          int hall;
          try {
            hall = SpaceGroupSymbols.resolveHermannMauguin(v.get().text(), rhombohedralAxes);
          } catch (IllegalArgumentException e) {
            throw error(v.get().line(), e.getMessage());
          }
          ops.addAll(SpglibSymmetry.operationsOfHallNumber(hall));
          return "Hermann-Mauguin symbol '" + v.get().text() + "' (Hall " + hall + ")";
        }
      }
      for (String tag : NUMBER_TAGS) {
        Optional<CifValue> v = block.value(tag).filter(x -> !x.isMissing());
        if (v.isPresent()) {
          double n = number(v.get(), tag);
          if (n != Math.rint(n) || n < 1 || n > 230) {
            throw error(v.get().line(), tag + " must be an integer 1-230: " + v.get().text());
          }
          List<Integer> halls = SpaceGroupSymbols.hallNumbersOfNumber((int) n);
          int hall = halls.get(0);
          if (halls.size() > 1) {
            String symbol =
                io.matscreen.symmetry.SpglibSymmetry.spacegroupType(hall).internationalShort();
            try {
              hall = SpaceGroupSymbols.resolveHermannMauguin(symbol, rhombohedralAxes);
            } catch (IllegalArgumentException e) {
              throw error(v.get().line(), "space group " + (int) n + ": " + e.getMessage());
            }
          }
          ops.addAll(SpglibSymmetry.operationsOfHallNumber(hall));
          return "space-group number " + (int) n + " (Hall " + hall + ")";
        }
      }
      throw error(
          block.line(),
          "no symmetry: give _space_group_symop_operation_xyz (just 'x,y,z' for P1), a Hall or"
              + " Hermann-Mauguin symbol, or _space_group_IT_number");
    }

    private void checkIdentity(List<SymmetryOperation> ops, int line) {
      for (SymmetryOperation op : ops) {
        int[][] r = op.rotation();
        double[] t = op.translation();
        boolean identity = true;
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            identity &= r[i][j] == (i == j ? 1 : 0);
          }
          identity &= Math.abs(t[i] - Math.rint(t[i])) < 1e-9;
        }
        if (identity) {
          return;
        }
      }
      throw error(line, "the listed symmetry operations do not include the identity 'x,y,z'");
    }

    /** Values of a tag, from a loop or a single item; empty when absent. */
    private List<CifValue> column(String tag) {
      Optional<CifLoop> loop = block.loopWith(tag);
      if (loop.isPresent()) {
        int c = loop.get().column(tag);
        return loop.get().rows().stream().map(r -> r.get(c)).toList();
      }
      return block.value(tag).map(List::of).orElse(List.of());
    }

    private boolean isRhombohedralCell(Lattice lattice) {
      double[] abc = lattice.abc();
      double[] ang = lattice.anglesDegrees();
      return Math.abs(abc[0] - abc[1]) < 1e-3
          && Math.abs(abc[1] - abc[2]) < 1e-3
          && Math.abs(ang[0] - ang[1]) < 1e-3
          && Math.abs(ang[1] - ang[2]) < 1e-3
          && Math.abs(ang[0] - 90) > 1e-3;
    }

    private List<AsymmetricAtom> atoms(Lattice lattice) {
      boolean fractional = block.has("_atom_site_fract_x");
      boolean cartesian = block.has("_atom_site_cartn_x");
      if (!fractional && !cartesian) {
        throw error(
            block.line(), "no atom sites: _atom_site_fract_x (or _atom_site_Cartn_x) is missing");
      }
      String prefix = fractional ? "_atom_site_fract_" : "_atom_site_cartn_";
      List<CifValue> xs = column(prefix + "x");
      List<CifValue> ys = column(prefix + "y");
      List<CifValue> zs = column(prefix + "z");
      if (ys.size() != xs.size() || zs.size() != xs.size()) {
        throw error(xs.get(0).line(), prefix + "x, y and z must be given together (in one loop)");
      }
      List<CifValue> labels = sameLoopColumn("_atom_site_label", prefix + "x");
      List<CifValue> types = sameLoopColumn("_atom_site_type_symbol", prefix + "x");
      List<CifValue> occupancies = sameLoopColumn("_atom_site_occupancy", prefix + "x");
      if (labels == null && types == null) {
        throw error(xs.get(0).line(), "atom sites need _atom_site_type_symbol or _atom_site_label");
      }
      List<AsymmetricAtom> atoms = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        double[] pos = {
          number(xs.get(i), prefix + "x"),
          number(ys.get(i), prefix + "y"),
          number(zs.get(i), prefix + "z")
        };
        if (cartesian) {
          pos = lattice.fractional(pos);
        }
        String label = labels == null ? null : labels.get(i).text();
        CifValue typeValue = types == null || types.get(i).isMissing() ? null : types.get(i);
        CifValue symbolSource =
            typeValue != null ? typeValue : labels == null ? null : labels.get(i);
        if (symbolSource == null || symbolSource.isMissing()) {
          throw error(
              xs.get(i).line(), "atom site " + (i + 1) + " has neither a type symbol nor a label");
        }
        String element =
            element(
                symbolSource, typeValue != null ? "_atom_site_type_symbol" : "_atom_site_label");
        double occupancy = 1.0;
        if (occupancies != null && !occupancies.get(i).isMissing()) {
          occupancy = number(occupancies.get(i), "_atom_site_occupancy");
          if (!(occupancy > 0) || occupancy > 1 + Site.OCCUPANCY_TOLERANCE) {
            throw error(
                occupancies.get(i).line(),
                "_atom_site_occupancy of "
                    + (label == null ? element : label)
                    + " must lie in (0, 1]: "
                    + occupancies.get(i).text());
          }
        }
        atoms.add(
            new AsymmetricAtom(
                label == null || label.equals("?") ? element : label,
                element,
                occupancy,
                pos,
                xs.get(i).line()));
      }
      return atoms;
    }

    /** A column that must sit in the same loop as {@code anchor} (null when absent). */
    private List<CifValue> sameLoopColumn(String tag, String anchor) {
      if (!block.has(tag)) {
        return null;
      }
      List<CifValue> values = column(tag);
      if (values.size() != column(anchor).size()) {
        throw error(
            values.get(0).line(),
            tag
                + " has "
                + values.size()
                + " values but there are "
                + column(anchor).size()
                + " atom sites");
      }
      return values;
    }

    private String element(CifValue v, String tag) {
      Matcher m = TYPE_SYMBOL.matcher(v.text());
      if (m.matches()) {
        String letters = m.group(1);
        String two =
            letters.length() == 2
                ? letters.substring(0, 1).toUpperCase(Locale.ROOT)
                    + letters.substring(1).toLowerCase(Locale.ROOT)
                : null;
        if (two != null && Element.isSymbol(two)) {
          return two;
        }
        String one = letters.substring(0, 1).toUpperCase(Locale.ROOT);
        if (Element.isSymbol(one)) {
          return one;
        }
      }
      throw error(v.line(), tag + " '" + v.text() + "' does not start with an element symbol");
    }

    private List<Site> expand(
        Lattice lattice, List<SymmetryOperation> ops, List<AsymmetricAtom> atoms) {
      List<MutableSite> sites = new ArrayList<>();
      for (int i = 0; i < atoms.size(); i++) {
        AsymmetricAtom atom = atoms.get(i);
        int images = 0;
        for (SymmetryOperation op : ops) {
          double[] p = op.apply(atom.frac());
          for (int k = 0; k < 3; k++) {
            p[k] -= Math.floor(p[k]);
            if (p[k] >= 1.0 - 1e-12) {
              p[k] = 0.0;
            }
          }
          MutableSite near = find(lattice, sites, p);
          if (near == null) {
            MutableSite s = new MutableSite(p, atom.label());
            s.species.put(atom.element(), atom.occupancy());
            s.sources.add(i);
            sites.add(s);
            images++;
          } else if (!near.sources.contains(i)) {
            double total = atom.occupancy();
            for (double o : near.species.values()) {
              total += o;
            }
            if (near.species.containsKey(atom.element()) || total > 1 + Site.OCCUPANCY_TOLERANCE) {
              throw error(
                  atom.line(),
                  String.format(
                      Locale.ROOT,
                      "atom %s coincides with atom %s at (%.4f, %.4f, %.4f) and their occupancies add up to"
                          + " %.3f > 1",
                      atom.label(),
                      near.label,
                      p[0],
                      p[1],
                      p[2],
                      total));
            }
            near.species.put(atom.element(), atom.occupancy());
            near.sources.add(i);
          }
        }
        atom.images = images;
      }
      checkMultiplicities(atoms);
      List<Site> out = new ArrayList<>(sites.size());
      for (MutableSite s : sites) {
        out.add(new Site(s.species, s.frac, s.label));
      }
      return out;
    }

    private MutableSite find(Lattice lattice, List<MutableSite> sites, double[] p) {
      for (MutableSite s : sites) {
        boolean close = true;
        for (int k = 0; k < 3 && close; k++) {
          double d = s.frac[k] - p[k];
          d -= Math.rint(d);
          close = Math.abs(d) < 0.25;
        }
        if (close && lattice.periodicDistance(s.frac, p) < mergeToleranceAngstrom) {
          return s;
        }
      }
      return null;
    }

    private void checkMultiplicities(List<AsymmetricAtom> atoms) {
      List<CifValue> given =
          block.has("_atom_site_symmetry_multiplicity")
              ? column("_atom_site_symmetry_multiplicity")
              : List.of();
      if (given.size() != atoms.size()) {
        return;
      }
      for (int i = 0; i < atoms.size(); i++) {
        CifValue v = given.get(i);
        if (v.isMissing()) {
          continue;
        }
        Matcher m = NUMBER.matcher(v.text());
        if (m.matches() && Math.abs(Double.parseDouble(m.group(1)) - atoms.get(i).images) > 1e-9) {
          warnings.add(
              "line "
                  + v.line()
                  + ": "
                  + atoms.get(i).label()
                  + " has multiplicity "
                  + v.text()
                  + " in the file but "
                  + atoms.get(i).images
                  + " images were generated");
        }
      }
    }

    private void checkFormula(Structure structure) {
      Optional<CifValue> v = block.value("_chemical_formula_sum").filter(x -> !x.isMissing());
      if (v.isEmpty()) {
        return;
      }
      Composition stated;
      try {
        stated = Composition.parse(v.get().text().replaceAll("\\s+", ""));
      } catch (FormulaException e) {
        warnings.add(
            "line "
                + v.get().line()
                + ": cannot read _chemical_formula_sum '"
                + v.get().text()
                + "'");
        return;
      }
      Composition found = structure.composition();
      if (!stated.fractional().almostEquals(found.fractional(), 0.01)) {
        warnings.add(
            "line "
                + v.get().line()
                + ": _chemical_formula_sum '"
                + v.get().text()
                + "' differs from the sites read ("
                + found.formula()
                + ")");
      }
    }
  }

  /** One row of the atom-site loop. */
  private static final class AsymmetricAtom {
    private final String label;
    private final String element;
    private final double occupancy;
    private final double[] frac;
    private final int line;
    private int images;

    AsymmetricAtom(String label, String element, double occupancy, double[] frac, int line) {
      this.label = label;
      this.element = element;
      this.occupancy = occupancy;
      this.frac = frac;
      this.line = line;
    }

    String label() {
      return label;
    }

    String element() {
      return element;
    }

    double occupancy() {
      return occupancy;
    }

    double[] frac() {
      return frac;
    }

    int line() {
      return line;
    }
  }

  private static final class MutableSite {
    final double[] frac;
    final String label;
    final Map<String, Double> species = new LinkedHashMap<>();
    final Set<Integer> sources = new HashSet<>();

    MutableSite(double[] frac, String label) {
      this.frac = frac;
      this.label = label;
    }
  }
}
