package io.matscreen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.hull.FormationEnergyCsv;
import io.matscreen.hull.HullEntry;
import io.matscreen.hull.HullException;
import io.matscreen.hull.HullInputException;
import io.matscreen.hull.HullPoint;
import io.matscreen.hull.ReferenceHulls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code matscreen hull} command: energy above the hull of the references' chemical systems,
 * and the decomposition into hull phases, for each candidate formation energy.
 */
@Command(
    name = "hull",
    mixinStandardHelpOptions = true,
    description = {
      "Energy above the convex hull of known references for each candidate.",
      "Both CSV files need the columns formula,e_form_per_atom (formation energy, eV/atom);"
          + " elements missing from the references are taken at 0 eV/atom.",
      "Output columns: formula,e_form_per_atom,e_above_hull (eV/atom),decomposition"
          + " (hull phases with atom fractions, e.g. BN:0.5;B:0.5).",
      "Bad rows are reported on stderr with file and line; exit 1 if any row failed."
    })
public final class HullCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--references",
      required = true,
      paramLabel = "REFS.csv",
      description = "Known phases: formula,e_form_per_atom (eV/atom).")
  Path references;

  @Option(
      names = "--candidates",
      required = true,
      paramLabel = "CANDS.csv",
      description = "Candidates: formula,e_form_per_atom (eV/atom).")
  Path candidates;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "csv|json",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FormationEnergyCsv.Table refs;
    FormationEnergyCsv.Table cands;
    try {
      refs = FormationEnergyCsv.read(references);
      cands = FormationEnergyCsv.read(candidates);
    } catch (HullInputException e) {
      err.println("matscreen hull: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    boolean failed = false;
    for (FormationEnergyCsv.Problem p : refs.problems()) {
      err.println(p + " (reference row skipped)");
      failed = true;
    }
    for (FormationEnergyCsv.Problem p : cands.problems()) {
      err.println(p);
      failed = true;
    }
    List<HullEntry> refEntries = new ArrayList<>();
    for (FormationEnergyCsv.Row r : refs.rows()) {
      refEntries.add(
          HullEntry.ofFormationEnergy(
              references.getFileName() + ":" + r.line(),
              r.composition(),
              r.eFormPerAtom(),
              EnergyFingerprint.UNSPECIFIED));
    }
    ReferenceHulls hulls =
        ReferenceHulls.ofFormationEnergies(refEntries, EnergyFingerprint.UNSPECIFIED);

    List<Object[]> results = new ArrayList<>();
    for (FormationEnergyCsv.Row r : cands.rows()) {
      try {
        HullPoint p = hulls.eAboveHull(r.composition(), r.eFormPerAtom());
        results.add(new Object[] {r, p});
      } catch (HullException e) {
        err.println(candidates + ":" + r.line() + ": " + e.getMessage());
        failed = true;
      }
    }
    if (format == Format.json) {
      writeJson(out, results);
    } else {
      writeCsv(out, results);
    }
    out.flush();
    err.flush();
    return failed ? ExitCodes.SOME_INPUTS_FAILED : ExitCodes.OK;
  }

  private static void writeCsv(PrintWriter out, List<Object[]> results) {
    out.println("formula,e_form_per_atom,e_above_hull,decomposition");
    for (Object[] res : results) {
      FormationEnergyCsv.Row r = (FormationEnergyCsv.Row) res[0];
      HullPoint p = (HullPoint) res[1];
      out.println(
          csvField(r.formula())
              + ","
              + exact(r.eFormPerAtom())
              + ","
              + number(p.eAboveHullEv())
              + ","
              + p.decompositionString());
    }
  }

  private static void writeJson(PrintWriter out, List<Object[]> results) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (Object[] res : results) {
      FormationEnergyCsv.Row r = (FormationEnergyCsv.Row) res[0];
      HullPoint p = (HullPoint) res[1];
      ObjectNode o = array.addObject();
      o.put("formula", r.formula());
      o.put("e_form_per_atom", r.eFormPerAtom());
      o.put("e_above_hull", Double.parseDouble(number(p.eAboveHullEv())));
      o.put("decomposition", p.decompositionString());
      ObjectNode phases = o.putObject("phases");
      for (Map.Entry<String, Double> d : p.decomposition().entrySet()) {
        phases.put(d.getKey(), d.getValue());
      }
    }
    try {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** eV/atom to 9 decimals (well below the 1e-6 accuracy of the hull), trailing zeros dropped. */
  static String number(double v) {
    String s = String.format(Locale.ROOT, "%.9f", v);
    s = s.replaceAll("0+$", "");
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals("-0") ? "0" : s;
  }

  /** The input energy as read, without rounding (shortest round-trip decimal, no exponent). */
  static String exact(double v) {
    String s = java.math.BigDecimal.valueOf(v).toPlainString();
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "");
      if (s.endsWith(".")) {
        s = s.substring(0, s.length() - 1);
      }
    }
    return s.equals("-0") ? "0" : s;
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
