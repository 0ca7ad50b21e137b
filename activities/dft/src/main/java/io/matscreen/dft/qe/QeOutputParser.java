package io.matscreen.dft.qe;

import static io.matscreen.dft.XmlElements.child;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftOutputException;
import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a pw.x job directory: the standard output ({@value DftJobSpec#STDOUT_FILE}, or pw.out) and
 * out/*.save/data-file-schema.xml. The XML is authoritative for the final state of a finished run
 * and is cross-checked against the standard output; the standard output gives the error
 * classification and the last geometry of an interrupted run (for restarts).
 */
public final class QeOutputParser implements DftOutputParser {
  /** eV per Rydberg (CODATA 2018). */
  public static final double EV_PER_RY = 13.605693122994;

  /** eV per Hartree (CODATA 2018). */
  public static final double EV_PER_HA = 27.211386245988;

  /** Angstrom per bohr (CODATA 2018). */
  public static final double ANGSTROM_PER_BOHR = 0.529177210903;

  /** kbar per Ha/bohr^3. */
  public static final double KBAR_PER_HA_BOHR3 =
      EV_PER_HA / Math.pow(ANGSTROM_PER_BOHR, 3) * 1602.176634;

  private static final Pattern TOTAL_ENERGY =
      Pattern.compile("^!\\s+total energy\\s+=\\s+(\\S+)\\s+Ry", Pattern.MULTILINE);
  private static final Pattern WALL = Pattern.compile("PWSCF\\s+:.*CPU\\s+(.+?)\\s+WALL");
  private static final Pattern ALAT_HEADER =
      Pattern.compile("CELL_PARAMETERS\\s*\\(?\\s*alat\\s*=\\s*([0-9.Ee+-]+)");
  private static final Pattern CELLDM1 = Pattern.compile("celldm\\(1\\)=\\s*([0-9.Ee+-]+)");
  private static final double ENERGY_AGREEMENT_RY = 1e-5;

  @Override
  public DftResult parse(Path jobDir) {
    if (!Files.isDirectory(jobDir)) {
      throw new DftOutputException("job directory " + jobDir + " does not exist");
    }
    Stdout out = readStdout(jobDir);
    String stderr = readQuietly(jobDir.resolve(DftJobSpec.STDERR_FILE)) + schedulerMessages(jobDir);
    DftStructure inputStructure = readInputStructure(jobDir.resolve(QePbeRelaxInputSet.INPUT_FILE));
    DftStructure lastGeometry = out.lastGeometry != null ? out.lastGeometry : inputStructure;
    int nAtoms = lastGeometry != null ? lastGeometry.nAtoms() : 0;

    // Scheduler and memory failures leave traces in stderr or stdout regardless of how far pw.x
    // got.
    String both = out.text + "\n" + stderr;
    if (both.contains("DUE TO TIME LIMIT") || out.text.contains("Maximum CPU time exceeded")) {
      return failed(DftErrorKind.WALLTIME, "walltime reached", out, lastGeometry, nAtoms);
    }
    if (both.contains("DUE TO NODE FAILURE") || both.contains("DUE TO PREEMPTION")) {
      return failed(
          DftErrorKind.NODE_FAILURE, "node failure or preemption", out, lastGeometry, nAtoms);
    }
    if (containsAny(
        both,
        "oom-kill",
        "Out Of Memory",
        "out-of-memory",
        "Cannot allocate memory",
        "cannot allocate")) {
      return failed(DftErrorKind.OUT_OF_MEMORY, "out of memory", out, lastGeometry, nAtoms);
    }
    if (out.text.contains("convergence NOT achieved")) {
      return failed(
          DftErrorKind.SCF_NOT_CONVERGED,
          firstLineWith(out.text, "convergence NOT achieved"),
          out,
          lastGeometry,
          nAtoms);
    }
    String errorBlock = qeErrorBlock(out.text);
    if (errorBlock != null) {
      return failed(DftErrorKind.UNKNOWN, "pw.x stopped: " + errorBlock, out, lastGeometry, nAtoms);
    }
    if (out.text.isEmpty()) {
      return failed(
          DftErrorKind.CORRUPT_OUTPUT,
          "no pw.x standard output: "
              + jobDir.resolve(DftJobSpec.STDOUT_FILE)
              + " (or pw.out) is empty or missing",
          out,
          lastGeometry,
          nAtoms);
    }
    if (!out.text.contains("JOB DONE.")) {
      return failed(
          DftErrorKind.CORRUPT_OUTPUT,
          "pw.x output ends without JOB DONE (truncated)",
          out,
          lastGeometry,
          nAtoms);
    }
    if (out.energiesRy.isEmpty()) {
      return failed(
          DftErrorKind.CORRUPT_OUTPUT,
          "pw.x output has no total energy",
          out,
          lastGeometry,
          nAtoms);
    }

    Path xml = findXml(jobDir);
    XmlState x = null;
    if (xml != null) {
      try {
        x = readXml(xml);
      } catch (RuntimeException e) {
        return failed(
            DftErrorKind.CORRUPT_OUTPUT,
            "unreadable " + xml + ": " + e.getMessage(),
            out,
            lastGeometry,
            nAtoms);
      }
      if (!x.complete) {
        return failed(
            DftErrorKind.CORRUPT_OUTPUT,
            xml + " has no <output>/<closed> (truncated)",
            out,
            lastGeometry,
            nAtoms);
      }
      double lastRy = out.energiesRy.get(out.energiesRy.size() - 1);
      if (Math.abs(x.energyHa * 2 - lastRy) > ENERGY_AGREEMENT_RY) {
        return failed(
            DftErrorKind.CORRUPT_OUTPUT,
            String.format(
                Locale.ROOT,
                "%s energy %.8f Ry disagrees with stdout %.8f Ry (outputs of different runs?)",
                xml,
                x.energyHa * 2,
                lastRy),
            out,
            lastGeometry,
            nAtoms);
      }
    }
    boolean relax =
        out.text.contains("BFGS Geometry Optimization")
            || out.text.contains("bfgs converged")
            || out.text.contains("The maximum number of steps has been reached");
    boolean ionicConverged =
        !relax || out.text.contains("bfgs converged") || out.text.contains("End final coordinates");
    if (out.text.contains("The maximum number of steps has been reached")) {
      ionicConverged = false;
    }
    if (x != null && x.optConverged != null) {
      ionicConverged = ionicConverged && x.optConverged;
    }
    boolean electronic = x == null || x.scfConverged;
    double energyEv =
        x != null
            ? x.energyHa * EV_PER_HA
            : out.energiesRy.get(out.energiesRy.size() - 1) * EV_PER_RY;
    DftStructure finalStructure = x != null && x.structure != null ? x.structure : lastGeometry;
    double[][] forces = x != null && x.forcesEvPerA != null ? x.forcesEvPerA : out.forcesEvPerA;
    double[][] stress = x != null && x.stressKbar != null ? x.stressKbar : out.stressKbar;
    double wall = x != null && !Double.isNaN(x.wallSeconds) ? x.wallSeconds : out.wallSeconds;
    int n = finalStructure != null ? finalStructure.nAtoms() : nAtoms;
    DftErrorKind kind = DftErrorKind.NONE;
    String detail = "";
    if (!electronic) {
      kind = DftErrorKind.SCF_NOT_CONVERGED;
      detail = "last SCF not converged";
      energyEv = Double.NaN;
    } else if (!ionicConverged) {
      kind = DftErrorKind.IONIC_NOT_CONVERGED;
      detail = "geometry optimisation stopped before converging (nstep reached)";
    }
    return new DftResult(
        "qe",
        kind,
        detail,
        energyEv,
        n,
        finalStructure,
        forces,
        stress,
        electronic,
        ionicConverged,
        out.energiesRy.size(),
        wall,
        List.of());
  }

  private static DftResult failed(
      DftErrorKind kind, String detail, Stdout out, DftStructure geometry, int nAtoms) {
    return new DftResult(
        "qe",
        kind,
        detail,
        Double.NaN,
        nAtoms,
        geometry,
        out.forcesEvPerA,
        out.stressKbar,
        kind != DftErrorKind.SCF_NOT_CONVERGED && !out.energiesRy.isEmpty(),
        false,
        out.energiesRy.size(),
        out.wallSeconds,
        List.of());
  }

  // ---------------------------------------------------------------- stdout

  /** What the standard output says. */
  static final class Stdout {
    String text = "";
    final List<Double> energiesRy = new ArrayList<>();
    DftStructure lastGeometry;
    double[][] forcesEvPerA;
    double[][] stressKbar;
    double wallSeconds = Double.NaN;
  }

  static Stdout readStdout(Path jobDir) {
    Stdout s = new Stdout();
    Path f = jobDir.resolve(DftJobSpec.STDOUT_FILE);
    if (!Files.exists(f)) {
      f = jobDir.resolve("pw.out");
    }
    s.text = readQuietly(f);
    Matcher m = TOTAL_ENERGY.matcher(s.text);
    while (m.find()) {
      Double d = parseDouble(m.group(1));
      if (d != null) {
        s.energiesRy.add(d);
      }
    }
    Matcher w = WALL.matcher(s.text);
    while (w.find()) {
      s.wallSeconds = parseDuration(w.group(1));
    }
    String[] lines = s.text.split("\n", -1);
    double alatBohr = Double.NaN;
    Matcher cd = CELLDM1.matcher(s.text);
    if (cd.find()) {
      Double a = parseDouble(cd.group(1));
      alatBohr = a == null ? Double.NaN : a;
    }
    double[][] cell = null;
    int nat = -1;
    Matcher natM = Pattern.compile("number of atoms/cell\\s*=\\s*(\\d+)").matcher(s.text);
    if (natM.find()) {
      nat = Integer.parseInt(natM.group(1));
    }
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.startsWith("CELL_PARAMETERS")) {
        double scale;
        Matcher am = ALAT_HEADER.matcher(line);
        if (am.find()) {
          Double a = parseDouble(am.group(1));
          scale = a == null ? Double.NaN : a * ANGSTROM_PER_BOHR;
        } else if (line.toLowerCase(Locale.ROOT).contains("angstrom")) {
          scale = 1;
        } else if (line.toLowerCase(Locale.ROOT).contains("bohr")) {
          scale = ANGSTROM_PER_BOHR;
        } else {
          scale = alatBohr * ANGSTROM_PER_BOHR;
        }
        double[][] c = readRows(lines, i + 1, 3, 0);
        if (c != null && !Double.isNaN(scale)) {
          for (double[] row : c) {
            for (int k = 0; k < 3; k++) {
              row[k] *= scale;
            }
          }
          cell = c;
        }
      } else if (line.startsWith("ATOMIC_POSITIONS") && nat > 0 && cell != null) {
        String units = line.toLowerCase(Locale.ROOT);
        List<String> species = new ArrayList<>();
        List<double[]> coords = new ArrayList<>();
        boolean ok = true;
        for (int k = 0; k < nat; k++) {
          if (i + 1 + k >= lines.length) {
            ok = false;
            break;
          }
          String[] p = lines[i + 1 + k].trim().split("\\s+");
          if (p.length < 4) {
            ok = false;
            break;
          }
          Double x = parseDouble(p[1]);
          Double y = parseDouble(p[2]);
          Double z = parseDouble(p[3]);
          if (x == null || y == null || z == null) {
            ok = false;
            break;
          }
          double[] v = {x, y, z};
          if (!units.contains("crystal")) {
            double sc =
                units.contains("angstrom")
                    ? 1
                    : units.contains("bohr") ? ANGSTROM_PER_BOHR : alatBohr * ANGSTROM_PER_BOHR;
            v = DftStructure.toFractional(cell, new double[] {x * sc, y * sc, z * sc});
          }
          species.add(p[0].replaceAll("[0-9_-]+$", ""));
          coords.add(v);
        }
        if (ok) {
          try {
            s.lastGeometry = new DftStructure(cell, species, coords);
          } catch (IllegalArgumentException e) {
            // A half-written block at the end of a killed run is ignored; the previous one stands.
          }
        }
      } else if (line.startsWith("Forces acting on atoms") && nat > 0) {
        double[][] forces = new double[nat][];
        int found = 0;
        for (int k = i + 1; k < lines.length && found < nat; k++) {
          String t = lines[k].trim();
          if (t.startsWith("atom") && t.contains("force =")) {
            String[] p = t.substring(t.indexOf('=') + 1).trim().split("\\s+");
            Double x = p.length > 2 ? parseDouble(p[0]) : null;
            Double y = p.length > 2 ? parseDouble(p[1]) : null;
            Double z = p.length > 2 ? parseDouble(p[2]) : null;
            if (x == null || y == null || z == null) {
              break;
            }
            double c = EV_PER_RY / ANGSTROM_PER_BOHR;
            forces[found++] = new double[] {x * c, y * c, z * c};
          } else if (!t.isEmpty()) {
            break;
          }
        }
        if (found == nat) {
          s.forcesEvPerA = forces;
        }
      } else if (line.startsWith("total   stress")) {
        double[][] st = readRows(lines, i + 1, 3, 3);
        if (st != null) {
          s.stressKbar = st;
        }
      }
    }
    return s;
  }

  /** Reads {@code n} rows of three numbers starting at column {@code skip} (in numbers). */
  private static double[][] readRows(String[] lines, int from, int n, int skip) {
    if (from + n > lines.length) {
      return null;
    }
    double[][] rows = new double[n][3];
    for (int r = 0; r < n; r++) {
      String[] p = lines[from + r].trim().split("\\s+");
      if (p.length < skip + 3) {
        return null;
      }
      for (int k = 0; k < 3; k++) {
        Double d = parseDouble(p[skip + k]);
        if (d == null) {
          return null;
        }
        rows[r][k] = d;
      }
    }
    return rows;
  }

  /** The message of a pw.x "%%%%" error block, or null. */
  static String qeErrorBlock(String text) {
    int i = text.indexOf("Error in routine");
    if (i < 0) {
      return null;
    }
    String[] rest = text.substring(i).split("\n");
    StringBuilder b = new StringBuilder(rest[0].trim());
    if (rest.length > 1) {
      b.append(": ").append(rest[1].trim());
    }
    return b.toString();
  }

  /** Seconds from pw.x's wall-time format, e.g. "20.97s", "1m 2.30s", "1h 2m". */
  static double parseDuration(String s) {
    double total = 0;
    boolean any = false;
    Matcher m = Pattern.compile("([0-9.]+)\\s*([hms])").matcher(s);
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      total +=
          switch (m.group(2)) {
            case "h" -> v * 3600;
            case "m" -> v * 60;
            default -> v;
          };
      any = true;
    }
    return any ? total : Double.NaN;
  }

  // ---------------------------------------------------------------- input

  /**
   * The structure in pw.in (CELL_PARAMETERS angstrom, ATOMIC_POSITIONS crystal as we write them).
   */
  static DftStructure readInputStructure(Path pwIn) {
    String text = readQuietly(pwIn);
    if (text.isEmpty()) {
      return null;
    }
    Matcher nat = Pattern.compile("nat\\s*=\\s*(\\d+)").matcher(text);
    if (!nat.find()) {
      return null;
    }
    int n = Integer.parseInt(nat.group(1));
    String[] lines = text.split("\n");
    double[][] cell = null;
    List<String> species = new ArrayList<>();
    List<double[]> coords = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].trim();
      if (t.startsWith("CELL_PARAMETERS") && t.contains("angstrom")) {
        cell = readRows(lines, i + 1, 3, 0);
      } else if (t.startsWith("ATOMIC_POSITIONS") && t.contains("crystal")) {
        for (int k = 0; k < n && i + 1 + k < lines.length; k++) {
          String[] p = lines[i + 1 + k].trim().split("\\s+");
          if (p.length < 4) {
            return null;
          }
          species.add(p[0]);
          coords.add(
              new double[] {
                Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])
              });
        }
      }
    }
    if (cell == null || species.size() != n) {
      return null;
    }
    try {
      return new DftStructure(cell, species, coords);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- XML

  /** What data-file-schema.xml says about the final state. */
  static final class XmlState {
    boolean complete;
    double energyHa = Double.NaN;
    boolean scfConverged;
    Boolean optConverged;
    DftStructure structure;
    double[][] forcesEvPerA;
    double[][] stressKbar;
    double wallSeconds = Double.NaN;
  }

  static Path findXml(Path jobDir) {
    Path preferred =
        jobDir
            .resolve(QePbeRelaxInputSet.OUTDIR)
            .resolve(QePbeRelaxInputSet.PREFIX + ".save")
            .resolve("data-file-schema.xml");
    if (Files.exists(preferred)) {
      return preferred;
    }
    Path out = jobDir.resolve(QePbeRelaxInputSet.OUTDIR);
    if (!Files.isDirectory(out)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(out)) {
      return dirs.filter(p -> p.getFileName().toString().endsWith(".save"))
          .map(p -> p.resolve("data-file-schema.xml"))
          .filter(Files::exists)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  static XmlState readXml(Path xml) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = f.newDocumentBuilder().parse(xml.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("XML parse error: " + e.getMessage(), e);
    }
    XmlState x = new XmlState();
    Element root = doc.getDocumentElement();
    Element output = child(root, "output");
    x.complete = output != null && child(root, "closed") != null;
    if (output == null) {
      return x;
    }
    Element conv = child(output, "convergence_info");
    if (conv != null) {
      Element scf = child(conv, "scf_conv");
      x.scfConverged = scf != null && "true".equals(text(child(scf, "convergence_achieved")));
      Element opt = child(conv, "opt_conv");
      if (opt != null) {
        x.optConverged = "true".equals(text(child(opt, "convergence_achieved")));
      }
    }
    Element te = child(output, "total_energy");
    if (te != null) {
      x.energyHa = Double.parseDouble(text(child(te, "etot")));
    }
    Element as = child(output, "atomic_structure");
    if (as != null) {
      Element cellEl = child(as, "cell");
      double[][] cell = new double[3][];
      for (int i = 0; i < 3; i++) {
        cell[i] = scale(numbers(text(child(cellEl, "a" + (i + 1)))), ANGSTROM_PER_BOHR);
      }
      List<String> species = new ArrayList<>();
      List<double[]> frac = new ArrayList<>();
      NodeList atoms = child(as, "atomic_positions").getElementsByTagName("atom");
      for (int i = 0; i < atoms.getLength(); i++) {
        Element a = (Element) atoms.item(i);
        species.add(a.getAttribute("name").replaceAll("[0-9_-]+$", ""));
        frac.add(
            DftStructure.toFractional(cell, scale(numbers(a.getTextContent()), ANGSTROM_PER_BOHR)));
      }
      x.structure = new DftStructure(cell, species, frac);
    }
    Element forces = child(output, "forces");
    if (forces != null) {
      double[] v = numbers(forces.getTextContent());
      double[][] f = new double[v.length / 3][];
      for (int i = 0; i < f.length; i++) {
        f[i] =
            scale(
                new double[] {v[3 * i], v[3 * i + 1], v[3 * i + 2]}, EV_PER_HA / ANGSTROM_PER_BOHR);
      }
      x.forcesEvPerA = f;
    }
    Element stress = child(output, "stress");
    if (stress != null) {
      double[] v = numbers(stress.getTextContent());
      if (v.length == 9) {
        x.stressKbar = new double[3][3];
        for (int i = 0; i < 9; i++) {
          // QE's XML stress is in Ha/bohr^3 with the sign of pw.x's printed "total stress".
          x.stressKbar[i / 3][i % 3] = v[i] * KBAR_PER_HA_BOHR3;
        }
      }
    }
    Element timing = child(root, "timing_info");
    if (timing != null && child(timing, "total") != null) {
      String w = text(child(child(timing, "total"), "wall"));
      if (w != null) {
        x.wallSeconds = Double.parseDouble(w);
      }
    }
    return x;
  }

  private static String text(Element e) {
    return e == null ? null : e.getTextContent().trim();
  }

  private static double[] numbers(String s) {
    String[] p = s.trim().split("\\s+");
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Double.parseDouble(p[i]);
    }
    return v;
  }

  private static double[] scale(double[] v, double c) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= c;
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static Double parseDouble(String s) {
    try {
      double d = Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean containsAny(String text, String... needles) {
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLineWith(String text, String needle) {
    for (String l : text.split("\n")) {
      if (l.contains(needle)) {
        return l.trim();
      }
    }
    return needle;
  }

  /** Slurm writes its own messages (time limit, node failure, OOM kill) to slurm-*.out. */
  private static String schedulerMessages(Path jobDir) {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(jobDir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().matches("slurm-[0-9_]+\\.out"))
              .sorted()
              .toList()) {
        b.append('\n').append(readQuietly(f));
      }
    } catch (IOException e) {
      return "";
    }
    return b.toString();
  }

  static String readQuietly(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new DftOutputException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }
}
