package io.matscreen.structure.io;

import io.matscreen.structure.Element;
import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads VASP 5 POSCAR/CONTCAR files (with the species line): scale (or negative volume, or three
 * per-axis factors), lattice in Angstrom, species and counts, optional selective dynamics, and
 * Direct or Cartesian positions; anything after the positions (velocities) is ignored. Errors name
 * the file and line.
 */
public final class PoscarReader {
  private PoscarReader() {}

  public static Structure read(Path file) throws IOException {
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads POSCAR text; {@code source} names it in errors. */
  public static Structure read(String text, String source) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    Cursor c = new Cursor(lines, source);
    c.next("comment line");
    String[] scaleFields = c.fields(c.next("scale factor"));
    double[] scale;
    if (scaleFields.length == 1 || (scaleFields.length > 1 && !isNumber(scaleFields[1]))) {
      double f = c.number(scaleFields[0], "scale factor");
      if (f == 0) {
        throw c.error("scale factor must not be 0");
      }
      scale = new double[] {f};
    } else if (scaleFields.length >= 3) {
      scale =
          new double[] {
            c.number(scaleFields[0], "scale factor"),
            c.number(scaleFields[1], "scale factor"),
            c.number(scaleFields[2], "scale factor")
          };
      for (double f : scale) {
        if (!(f > 0)) {
          throw c.error("per-axis scale factors must be positive");
        }
      }
    } else {
      throw c.error("expected one scale factor or three per-axis factors");
    }
    double[][] m = new double[3][];
    for (int i = 0; i < 3; i++) {
      String[] f = c.fields(c.next("lattice vector " + (i + 1)));
      if (f.length < 3) {
        throw c.error("lattice vector " + (i + 1) + " needs 3 numbers");
      }
      m[i] =
          new double[] {
            c.number(f[0], "lattice"), c.number(f[1], "lattice"), c.number(f[2], "lattice")
          };
    }
    Lattice unscaled;
    try {
      unscaled = new Lattice(m);
    } catch (IllegalArgumentException e) {
      throw new StructureFormatException(source, c.line - 2, "lattice: " + e.getMessage());
    }
    Lattice lattice;
    if (scale.length == 1 && scale[0] > 0) {
      lattice = unscaled.scaled(scale[0]);
    } else if (scale.length == 1) {
      lattice = unscaled.scaled(Math.cbrt(-scale[0] / unscaled.volume()));
    } else {
      double[][] s = unscaled.matrix();
      for (double[] row : s) {
        for (int k = 0; k < 3; k++) {
          row[k] *= scale[k];
        }
      }
      lattice = new Lattice(s);
    }
    double cartesianScale =
        scale.length == 1 && scale[0] < 0 ? Math.cbrt(-scale[0] / unscaled.volume()) : scale[0];
    String[] species = c.fields(c.next("species line"));
    if (species.length == 0 || isNumber(species[0])) {
      throw c.error(
          "expected the species line of VASP 5 (element names above the counts); VASP 4 files"
              + " without it are not read because the elements would be guessed");
    }
    List<String> elements = new ArrayList<>();
    for (String sp : species) {
      String el = sp.split("[_/.]")[0];
      if (!Element.isSymbol(el)) {
        throw c.error("'" + sp + "' in the species line is not an element");
      }
      elements.add(el);
    }
    String[] countFields = c.fields(c.next("atom counts"));
    if (countFields.length != elements.size()) {
      throw c.error(countFields.length + " counts for " + elements.size() + " species");
    }
    List<String> siteElements = new ArrayList<>();
    for (int i = 0; i < countFields.length; i++) {
      int n;
      try {
        n = Integer.parseInt(countFields[i]);
      } catch (NumberFormatException e) {
        throw c.error("atom count '" + countFields[i] + "' is not a whole number");
      }
      if (n <= 0) {
        throw c.error("atom count of " + elements.get(i) + " must be positive: " + n);
      }
      for (int k = 0; k < n; k++) {
        siteElements.add(elements.get(i));
      }
    }
    String mode = c.next("coordinate mode").trim();
    boolean selective = false;
    if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
      selective = true;
      mode = c.next("coordinate mode").trim();
    }
    boolean cartesian;
    char first = mode.isEmpty() ? ' ' : Character.toUpperCase(mode.charAt(0));
    if (first == 'D') {
      cartesian = false;
    } else if (first == 'C' || first == 'K') {
      cartesian = true;
    } else {
      throw c.error("expected 'Direct' or 'Cartesian', found '" + mode + "'");
    }
    List<Site> sites = new ArrayList<>(siteElements.size());
    for (int i = 0; i < siteElements.size(); i++) {
      String[] f = c.fields(c.next("position of atom " + (i + 1) + " of " + siteElements.size()));
      if (f.length < 3) {
        throw c.error("position of atom " + (i + 1) + " needs 3 numbers");
      }
      double[] p = {
        c.number(f[0], "coordinate"), c.number(f[1], "coordinate"), c.number(f[2], "coordinate")
      };
      if (selective) {
        if (f.length < 6) {
          throw c.error("selective dynamics needs three T/F flags after the coordinates");
        }
        for (int k = 3; k < 6; k++) {
          if (!f[k].equalsIgnoreCase("T") && !f[k].equalsIgnoreCase("F")) {
            throw c.error("selective-dynamics flag '" + f[k] + "' is not T or F");
          }
        }
      }
      if (cartesian) {
        // VASP scales Cartesian positions like the lattice: one factor, or one per axis
        for (int k = 0; k < 3; k++) {
          p[k] *= scale.length == 3 ? scale[k] : cartesianScale;
        }
        p = lattice.fractional(p);
      }
      sites.add(Site.ordered(siteElements.get(i), p[0], p[1], p[2]));
    }
    return new Structure(lattice, sites);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Walks the lines, keeping the 1-based number of the last line read. */
  private static final class Cursor {
    private final String[] lines;
    private final String source;
    private int line;

    Cursor(String[] lines, String source) {
      this.lines = lines;
      this.source = source;
    }

    String next(String what) {
      if (line >= lines.length || (line == lines.length - 1 && lines[line].isEmpty())) {
        throw new StructureFormatException(source, line, "file ends before the " + what);
      }
      return lines[line++];
    }

    String[] fields(String s) {
      String t = s.trim();
      int hash = t.indexOf('#');
      int bang = t.indexOf('!');
      int cut = hash < 0 ? bang : bang < 0 ? hash : Math.min(hash, bang);
      if (cut >= 0) {
        t = t.substring(0, cut).trim();
      }
      return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    double number(String s, String what) {
      try {
        double d = Double.parseDouble(s.toLowerCase(Locale.ROOT).replace('d', 'e'));
        if (!Double.isFinite(d)) {
          throw error(what + " is not finite: '" + s + "'");
        }
        return d;
      } catch (NumberFormatException e) {
        throw error(what + " is not a number: '" + s + "'");
      }
    }

    StructureFormatException error(String problem) {
      return new StructureFormatException(source, line, problem);
    }
  }
}
