package io.matscreen.hull;

import io.matscreen.structure.Composition;
import io.matscreen.structure.FormulaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV tables of formation energies with a header naming at least the columns {@code formula}
 * and {@code e_form_per_atom} (eV/atom); other columns are ignored. A bad row is reported as a
 * {@link Problem} with its file and line number and left out; the good rows are all kept.
 */
public final class FormationEnergyCsv {
  public static final String FORMULA = "formula";
  public static final String E_FORM_PER_ATOM = "e_form_per_atom";

  /** One good row: its line number (1-based, header is line 1), formula and energy (eV/atom). */
  public record Row(int line, String formula, Composition composition, double eFormPerAtom) {}

  /** One bad row: where it is and what is wrong with it. */
  public record Problem(Path file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** The good rows in file order and the problems found. */
  public record Table(Path file, List<Row> rows, List<Problem> problems) {}

  private FormationEnergyCsv() {}

  /**
   * Reads a table.
   *
   * @throws HullInputException when the file cannot be read, is empty or lacks a needed column
   */
  public static Table read(Path file) {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new HullInputException("cannot read " + file + ": " + e.getMessage());
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new HullInputException(
          file + ": empty file; expected a header with columns " + FORMULA + "," + E_FORM_PER_ATOM);
    }
    List<String> header = split(stripBom(lines.get(0)));
    int formulaCol = indexOf(header, FORMULA);
    int energyCol = indexOf(header, E_FORM_PER_ATOM);
    if (formulaCol < 0 || energyCol < 0) {
      throw new HullInputException(
          file
              + ":1: header "
              + header
              + " lacks column "
              + (formulaCol < 0 ? FORMULA : E_FORM_PER_ATOM)
              + " (needs "
              + FORMULA
              + ","
              + E_FORM_PER_ATOM
              + ")");
    }
    List<Row> rows = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() != header.size()) {
        problems.add(
            new Problem(
                file,
                lineNo,
                "expected " + header.size() + " fields as in the header, found " + fields.size()));
        continue;
      }
      String formula = fields.get(formulaCol).trim();
      String energyText = fields.get(energyCol).trim();
      Composition composition;
      try {
        composition = Composition.parse(formula);
      } catch (FormulaException e) {
        problems.add(new Problem(file, lineNo, "field " + FORMULA + ": " + e.getMessage()));
        continue;
      }
      double energy;
      try {
        energy = Double.parseDouble(energyText);
      } catch (NumberFormatException e) {
        energy = Double.NaN;
      }
      if (!Double.isFinite(energy)) {
        problems.add(
            new Problem(
                file,
                lineNo,
                "field "
                    + E_FORM_PER_ATOM
                    + ": '"
                    + energyText
                    + "' is not a finite number (eV/atom)"));
        continue;
      }
      rows.add(new Row(lineNo, formula, composition, energy));
    }
    return new Table(file, rows, problems);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Splits one CSV line; fields may be double-quoted with "" for a quote. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }
}
