package io.matscreen.dft.vasp;

import static io.matscreen.dft.XmlElements.child;
import static io.matscreen.dft.XmlElements.children;

import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.DftOutputException;
import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a VASP job directory: vasprun.xml(.gz) for energies, forces, stress, structures and
 * convergence; OUTCAR(.gz) for the wall time; the standard output (job.out, vasp.out) for VASP's
 * error messages; OSZICAR + INCAR + CONTCAR when there is no vasprun.xml. The final energy is the
 * last ionic step's energy(sigma->0) (e_0_energy) in eV.
 */
public final class VaspOutputParser implements DftOutputParser {
  /**
   * Prefix of the error detail listing detected VASP errors (for people; handlers read {@link
   * DftResult#codeErrors()}).
   */
  public static final String ERROR_DETAIL_PREFIX = "VASP errors: ";

  /**
   * Largest residual force (eV/Angstrom) accepted at the end of a relaxation, as custodian's
   * MaxForce check.
   */
  public static final double DEFAULT_MAX_FORCE_EV_PER_A = 0.25;

  private final double maxForceEvPerA;

  /** With the default final-force limit of 0.25 eV/Angstrom. */
  public VaspOutputParser() {
    this(DEFAULT_MAX_FORCE_EV_PER_A);
  }

  /**
   * @param maxForceEvPerA largest force (eV/Angstrom) a finished relaxation may leave
   */
  public VaspOutputParser(double maxForceEvPerA) {
    this.maxForceEvPerA = maxForceEvPerA;
  }

  private static final Pattern ELAPSED = Pattern.compile("Elapsed time \\(sec\\):\\s*([0-9.]+)");
  private static final Pattern OSZ_IONIC =
      Pattern.compile("^\\s*(\\d+)\\s+F=\\s*(\\S+)\\s+E0=\\s*(\\S+)");

  @Override
  public DftResult parse(Path jobDir) {
    if (!Files.isDirectory(jobDir)) {
      throw new DftOutputException("job directory " + jobDir + " does not exist");
    }
    String stdout =
        read(jobDir, DftJobSpec.STDOUT_FILE)
            + read(jobDir, "vasp.out")
            + read(jobDir, DftJobSpec.STDERR_FILE);
    List<VaspError> errors = VaspError.detect(stdout);
    DftStructure contcar = readPoscar(jobDir.resolve("CONTCAR"));
    Path vasprun = existing(jobDir, "vasprun.xml");
    Vasprun v = null;
    String corrupt = null;
    if (vasprun != null) {
      try {
        v = readVasprun(vasprun);
      } catch (RuntimeException e) {
        corrupt = "unreadable " + vasprun.getFileName() + " (truncated?): " + e.getMessage();
      }
    }
    double wall = wallTime(jobDir);
    DftStructure last = v != null && v.lastStructure != null ? v.lastStructure : contcar;
    if (!errors.isEmpty()) {
      StringBuilder ids = new StringBuilder();
      for (VaspError e : errors) {
        ids.append(ids.length() > 0 ? "," : "").append(e.id());
      }
      DftErrorKind kind = errors.get(0).kind();
      return failed(
          kind,
          ERROR_DETAIL_PREFIX
              + ids
              + "; "
              + (v != null ? v.calculations + " ionic steps" : "no vasprun.xml"),
          last,
          v,
          wall,
          errors);
    }
    if (corrupt != null) {
      return failed(DftErrorKind.CORRUPT_OUTPUT, corrupt, last, null, wall);
    }
    if (v == null) {
      return fromOszicar(jobDir, contcar, wall);
    }
    if (v.calculations == 0 || Double.isNaN(v.energyEv)) {
      return failed(
          DftErrorKind.CORRUPT_OUTPUT, "vasprun.xml has no completed ionic step", last, v, wall);
    }
    boolean electronic = v.lastScSteps < v.nelm;
    boolean ionic = v.nsw <= 0 || v.ibrion < 0 || v.calculations < v.nsw;
    double maxForce = maxForce(v.forces);
    boolean relaxation = v.nsw > 0 && v.ibrion >= 0;
    // VASP may stop on its energy criterion with large forces left; such a geometry is not relaxed.
    boolean forcesOk = !relaxation || Double.isNaN(maxForce) || maxForce <= maxForceEvPerA;
    DftErrorKind kind =
        !electronic
            ? DftErrorKind.SCF_NOT_CONVERGED
            : !ionic || !forcesOk ? DftErrorKind.IONIC_NOT_CONVERGED : DftErrorKind.NONE;
    String detail =
        !electronic
            ? "last ionic step used all NELM=" + v.nelm + " electronic steps"
            : !ionic
                ? "NSW=" + v.nsw + " ionic steps used without convergence"
                : !forcesOk
                    ? String.format(
                        java.util.Locale.ROOT,
                        "max force %.3f eV/A exceeds %.3f eV/A",
                        maxForce,
                        maxForceEvPerA)
                    : "";
    ionic = ionic && forcesOk;
    double energy = kind == DftErrorKind.SCF_NOT_CONVERGED ? Double.NaN : v.energyEv;
    return new DftResult(
        "vasp",
        kind,
        detail,
        energy,
        last.nAtoms(),
        last,
        v.forces,
        v.stressKbar,
        electronic,
        ionic,
        v.calculations,
        wall,
        List.of());
  }

  private static double maxForce(double[][] forces) {
    if (forces == null) {
      return Double.NaN;
    }
    double max = 0;
    for (double[] f : forces) {
      max = Math.max(max, Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]));
    }
    return max;
  }

  private static DftResult failed(
      DftErrorKind kind, String detail, DftStructure last, Vasprun v, double wall) {
    return failed(kind, detail, last, v, wall, List.of());
  }

  private static DftResult failed(
      DftErrorKind kind,
      String detail,
      DftStructure last,
      Vasprun v,
      double wall,
      List<VaspError> errors) {
    return new DftResult(
        "vasp",
        kind,
        detail,
        Double.NaN,
        last == null ? 0 : last.nAtoms(),
        last,
        v == null ? null : v.forces,
        v == null ? null : v.stressKbar,
        kind != DftErrorKind.SCF_NOT_CONVERGED,
        false,
        v == null ? 0 : v.calculations,
        wall,
        List.copyOf(errors));
  }

  /** No vasprun.xml: decide from OSZICAR and INCAR's NELM (VASP's default 60). */
  private static DftResult fromOszicar(Path jobDir, DftStructure contcar, double wall) {
    String osz = read(jobDir, "OSZICAR");
    if (osz.isEmpty()) {
      return failed(
          DftErrorKind.CORRUPT_OUTPUT,
          "no vasprun.xml and no OSZICAR in " + jobDir,
          contcar,
          null,
          wall);
    }
    int nelm = (int) incarNumber(read(jobDir, "INCAR"), "NELM", 60);
    int nsw = (int) incarNumber(read(jobDir, "INCAR"), "NSW", 0);
    int ionicSteps = 0;
    int scInStep = 0;
    int lastSc = 0;
    double lastE0 = Double.NaN;
    for (String line : osz.split("\n")) {
      Matcher m = OSZ_IONIC.matcher(line);
      if (m.find()) {
        ionicSteps++;
        lastSc = scInStep;
        scInStep = 0;
        lastE0 = Double.parseDouble(m.group(3));
      } else if (line.matches("^\\s*(DAV|RMM|CG|DIA|SDA|EDD)\\w*:\\s+\\d+.*")) {
        scInStep++;
      }
    }
    boolean electronic = ionicSteps > 0 && lastSc < nelm;
    boolean ionic = nsw <= 0 || ionicSteps < nsw;
    if (!electronic) {
      return new DftResult(
          "vasp",
          DftErrorKind.SCF_NOT_CONVERGED,
          "OSZICAR: last ionic step used all NELM=" + nelm + " electronic steps (no vasprun.xml)",
          Double.NaN,
          contcar == null ? 0 : contcar.nAtoms(),
          contcar,
          null,
          null,
          false,
          false,
          ionicSteps,
          wall,
          List.of());
    }
    DftErrorKind kind = ionic ? DftErrorKind.NONE : DftErrorKind.IONIC_NOT_CONVERGED;
    // Without vasprun.xml forces and stress are unknown; the energy is OSZICAR's E0.
    return new DftResult(
        "vasp",
        kind,
        ionic ? "" : "NSW reached",
        lastE0,
        contcar == null ? 0 : contcar.nAtoms(),
        contcar,
        null,
        null,
        true,
        ionic,
        ionicSteps,
        wall,
        List.of());
  }

  /** What vasprun.xml says. */
  static final class Vasprun {
    int nelm = 60;
    int nsw;
    int ibrion = -1;
    int calculations;
    int lastScSteps;
    double energyEv = Double.NaN;
    double efermiEv = Double.NaN;
    DftStructure lastStructure;
    double[][] forces;
    double[][] stressKbar;
    List<String> species = new ArrayList<>();
  }

  static Vasprun readVasprun(Path file) {
    Document doc;
    try (InputStream in = open(file)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = f.newDocumentBuilder().parse(in);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    Vasprun v = new Vasprun();
    Element root = doc.getDocumentElement();
    Element params = child(root, "parameters");
    if (params != null) {
      v.nelm = (int) paramNumber(params, "NELM", 60);
      v.nsw = (int) paramNumber(params, "NSW", 0);
      v.ibrion = (int) paramNumber(params, "IBRION", v.nsw > 0 ? 0 : -1);
    }
    Element atominfo = child(root, "atominfo");
    if (atominfo != null) {
      for (Element arr : children(atominfo, "array")) {
        if ("atoms".equals(arr.getAttribute("name"))) {
          for (Element rc : children(child(arr, "set"), "rc")) {
            v.species.add(children(rc, "c").get(0).getTextContent().trim());
          }
        }
      }
    }
    Element last = null;
    for (Element c : children(root, "calculation")) {
      last = c;
      v.calculations++;
    }
    if (last != null) {
      List<Element> sc = children(last, "scstep");
      v.lastScSteps = sc.size();
      Element energy = child(last, "energy");
      double e0 = energyValue(energy, "e_0_energy");
      double efr = energyValue(energy, "e_fr_energy");
      if (e0 == 0.0 && efr != 0.0 && !sc.isEmpty()) {
        // Some VASP 6 builds write e_0_energy = 0 at the ionic level with ISMEAR = -1; the last
        // electronic step carries the right value.
        e0 = energyValue(child(sc.get(sc.size() - 1), "energy"), "e_0_energy");
      }
      v.energyEv = e0;
      Element st = child(last, "structure");
      if (st != null) {
        v.lastStructure = structure(st, v.species);
      }
      v.forces = varray(last, "forces");
      v.stressKbar = varray(last, "stress");
    }
    for (Element s : children(root, "structure")) {
      if ("finalpos".equals(s.getAttribute("name"))) {
        v.lastStructure = structure(s, v.species);
      }
    }
    Element dos = last == null ? null : child(last, "dos");
    if (dos != null) {
      for (Element i : children(dos, "i")) {
        if ("efermi".equals(i.getAttribute("name"))) {
          v.efermiEv = Double.parseDouble(i.getTextContent().trim());
        }
      }
    }
    return v;
  }

  /** Fermi energy in eV from vasprun.xml, NaN if absent. */
  public static double fermiEnergyEv(Path jobDir) {
    Path f = existing(jobDir, "vasprun.xml");
    return f == null ? Double.NaN : readVasprun(f).efermiEv;
  }

  private static DftStructure structure(Element st, List<String> species) {
    Element crystal = child(st, "crystal");
    double[][] basis = null;
    for (Element va : children(crystal, "varray")) {
      if ("basis".equals(va.getAttribute("name"))) {
        basis = rows(va);
      }
    }
    double[][] pos = null;
    for (Element va : children(st, "varray")) {
      if ("positions".equals(va.getAttribute("name"))) {
        pos = rows(va);
      }
    }
    if (basis == null || pos == null || pos.length != species.size()) {
      throw new IllegalStateException(
          "structure block without basis/positions for " + species.size() + " atoms");
    }
    return new DftStructure(basis, species, java.util.Arrays.asList(pos));
  }

  private static double[][] varray(Element parent, String name) {
    for (Element va : children(parent, "varray")) {
      if (name.equals(va.getAttribute("name"))) {
        return rows(va);
      }
    }
    return null;
  }

  private static double[][] rows(Element varray) {
    List<Element> vs = children(varray, "v");
    double[][] out = new double[vs.size()][];
    for (int i = 0; i < vs.size(); i++) {
      String[] p = vs.get(i).getTextContent().trim().split("\\s+");
      out[i] = new double[p.length];
      for (int k = 0; k < p.length; k++) {
        out[i][k] = Double.parseDouble(p[k]);
      }
    }
    return out;
  }

  private static double energyValue(Element energy, String name) {
    if (energy == null) {
      return Double.NaN;
    }
    for (Element i : children(energy, "i")) {
      if (name.equals(i.getAttribute("name"))) {
        return Double.parseDouble(i.getTextContent().trim());
      }
    }
    return Double.NaN;
  }

  private static double paramNumber(Element params, String name, double def) {
    // Parameters are nested in <separator> blocks; search the whole subtree.
    org.w3c.dom.NodeList list = params.getElementsByTagName("i");
    for (int k = 0; k < list.getLength(); k++) {
      Element i = (Element) list.item(k);
      if (name.equals(i.getAttribute("name"))) {
        try {
          return Double.parseDouble(i.getTextContent().trim());
        } catch (NumberFormatException e) {
          return def;
        }
      }
    }
    return def;
  }

  private static double incarNumber(String incar, String tag, double def) {
    Matcher m = Pattern.compile("(?im)^\\s*" + tag + "\\s*=\\s*([-0-9.eE+]+)").matcher(incar);
    return m.find() ? Double.parseDouble(m.group(1)) : def;
  }

  private static double wallTime(Path jobDir) {
    Matcher m = ELAPSED.matcher(read(jobDir, "OUTCAR"));
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /** A POSCAR/CONTCAR in VASP 5 format (species line present), or null. */
  static DftStructure readPoscar(Path f) {
    try {
      if (!Files.exists(f)) {
        return null;
      }
      List<String> lines = Files.readAllLines(f);
      double scale = Double.parseDouble(lines.get(1).trim().split("\\s+")[0]);
      double[][] lat = new double[3][3];
      for (int i = 0; i < 3; i++) {
        String[] p = lines.get(2 + i).trim().split("\\s+");
        for (int k = 0; k < 3; k++) {
          lat[i][k] = Double.parseDouble(p[k]) * scale;
        }
      }
      String[] names = lines.get(5).trim().split("\\s+");
      String[] counts = lines.get(6).trim().split("\\s+");
      int line = 7;
      if (lines.get(line).trim().toLowerCase(java.util.Locale.ROOT).startsWith("s")) {
        line++;
      }
      boolean cartesian =
          lines.get(line).trim().toLowerCase(java.util.Locale.ROOT).matches("^[ck].*");
      line++;
      List<String> species = new ArrayList<>();
      List<double[]> frac = new ArrayList<>();
      for (int s = 0; s < names.length; s++) {
        for (int c = 0; c < Integer.parseInt(counts[s]); c++) {
          String[] p = lines.get(line++).trim().split("\\s+");
          double[] x = {
            Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])
          };
          species.add(names[s]);
          frac.add(
              cartesian
                  ? DftStructure.toFractional(
                      lat, new double[] {x[0] * scale, x[1] * scale, x[2] * scale})
                  : x);
        }
      }
      return new DftStructure(lat, species, frac);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Path existing(Path dir, String name) {
    Path p = dir.resolve(name);
    if (Files.exists(p)) {
      return p;
    }
    Path gz = dir.resolve(name + ".gz");
    return Files.exists(gz) ? gz : null;
  }

  private static String read(Path dir, String name) {
    Path p = existing(dir, name);
    if (p == null) {
      return "";
    }
    try (InputStream in = open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new DftOutputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    return p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }
}
