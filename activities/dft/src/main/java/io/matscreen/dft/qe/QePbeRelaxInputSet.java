package io.matscreen.dft.qe;

import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftSettings;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.EnergyFingerprintInfo;
import io.matscreen.dft.InputSet;
import io.matscreen.dft.KpointGrid;
import io.matscreen.structure.Element;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "qe-pbe-relax": a Quantum ESPRESSO pw.x variable-cell relaxation with PBE. Symmetry is kept
 * (pw.x's default), so substituted prototypes relax within their space group. Cold smearing is on
 * by default, which is harmless for semiconductors and needed for metals.
 *
 * <p>Settings (all optional): {@code pseudo_dir} (default Debian's /usr/share/espresso/pseudo),
 * {@code pseudo.EL} (file for element EL), {@code ecutwfc} / {@code ecutrho} (Ry; default: the
 * largest suggested minimum of the pseudopotentials, ecutrho at least 4 x ecutwfc), {@code
 * cutoff_elements} (comma-separated elements whose pseudopotentials set the cutoffs, so that all
 * cells of one chemical system share one basis — use it for hulls), {@code kpoint_density}
 * (k-points per 1/Angstrom including 2 pi, default 2.5), {@code kpoints} ("n1 n2 n3" overriding the
 * density), {@code calculation} (vc-relax, relax, scf), {@code cell_dofree}, {@code smearing},
 * {@code degauss} (Ry), {@code occupations}, {@code mixing_beta}, {@code electron_maxstep}, {@code
 * diagonalization}, {@code conv_thr} (Ry), {@code nstep}, {@code forc_conv_thr} (Ry/bohr), {@code
 * etot_conv_thr} (Ry), {@code press_conv_thr} (kbar), {@code max_seconds}, {@code spin}, {@code
 * pw_command} (default pw.x), {@code launcher} (e.g. "srun", prepended to the command).
 */
public final class QePbeRelaxInputSet implements InputSet {
  /** Registry name. */
  public static final String NAME = "qe-pbe-relax";

  /** Input file name written into the job directory. */
  public static final String INPUT_FILE = "pw.in";

  /** pw.x prefix; outputs go to out/pwscf.save/. */
  public static final String PREFIX = "pwscf";

  /** pw.x outdir relative to the job directory. */
  public static final String OUTDIR = "out";

  /** Default k-point density in k-points per 1/Angstrom (5x5x5 for Si, 7x7x7 for SiC). */
  public static final double DEFAULT_KPOINT_DENSITY = 2.5;

  static final Set<String> KEYS =
      Set.of(
          "pseudo_dir",
          "ecutwfc",
          "ecutrho",
          "cutoff_elements",
          "kpoint_density",
          "kpoints",
          "calculation",
          "cell_dofree",
          "smearing",
          "degauss",
          "occupations",
          "mixing_beta",
          "electron_maxstep",
          "diagonalization",
          "conv_thr",
          "nstep",
          "forc_conv_thr",
          "etot_conv_thr",
          "press_conv_thr",
          "max_seconds",
          "spin",
          "pw_command",
          "launcher");

  private static final Set<String> CELL_DOFREE =
      Set.of(
          "all",
          "ibrav",
          "x",
          "y",
          "z",
          "xy",
          "xz",
          "yz",
          "xyz",
          "shape",
          "volume",
          "2Dxy",
          "2Dshape",
          "epitaxial_ab",
          "epitaxial_ac",
          "epitaxial_bc");

  private final Path defaultPseudoDir;
  private final Map<Path, PseudopotentialLibrary> libraries = new ConcurrentHashMap<>();

  /** Uses Debian's pseudopotential directory unless a job sets {@code pseudo_dir}. */
  public QePbeRelaxInputSet() {
    this(PseudopotentialLibrary.DEBIAN_PSEUDO_DIR);
  }

  /** Uses {@code defaultPseudoDir} unless a job sets {@code pseudo_dir}. */
  public QePbeRelaxInputSet(Path defaultPseudoDir) {
    this.defaultPseudoDir = defaultPseudoDir.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnergyFingerprintInfo fingerprint() {
    return new EnergyFingerprintInfo(
        "quantum-espresso", "PBE", "pslibrary-preferred@" + defaultPseudoDir, "none");
  }

  @Override
  public List<String> command(Map<String, String> settings) {
    String pw = settings == null ? null : settings.get("pw_command");
    String exe = pw == null ? "pw.x" : pw.trim();
    if (!exe.matches("[A-Za-z0-9_./+-]+")) {
      throw new DftInputException(
          NAME + ": pw_command '" + pw + "' is not a plain executable path");
    }
    List<String> argv = new ArrayList<>();
    String launcher = settings == null ? null : settings.get("launcher");
    if (launcher != null && !launcher.isBlank()) {
      // e.g. "srun" or "mpirun -np 4": plain tokens only, they are passed as separate arguments.
      for (String t : launcher.trim().split("\\s+")) {
        if (!t.matches("[A-Za-z0-9_./+=:-]+")) {
          throw new DftInputException(NAME + ": launcher token '" + t + "' is not allowed");
        }
        argv.add(t);
      }
    }
    argv.add(exe);
    argv.add("-in");
    argv.add(INPUT_FILE);
    return List.copyOf(argv);
  }

  @Override
  public DftOutputParser parser() {
    return new QeOutputParser();
  }

  /** The pseudopotential library for a pseudo directory (scanned once). */
  public PseudopotentialLibrary library(Path pseudoDir) {
    return libraries.computeIfAbsent(pseudoDir, PseudopotentialLibrary::scan);
  }

  /** Pseudopotentials chosen for each element of {@code elements}, honouring pseudo.EL settings. */
  public Map<String, Pseudopotential> pseudopotentials(
      List<String> elements, Map<String, String> settings) {
    Map<String, String> st = settings == null ? Map.of() : settings;
    Path dir = pseudoDir(st);
    PseudopotentialLibrary lib = library(dir);
    Map<String, Pseudopotential> out = new LinkedHashMap<>();
    for (String el : elements) {
      if (!Element.isSymbol(el)) {
        throw new DftInputException(NAME + ": '" + el + "' is not an element symbol");
      }
      String explicit = st.get("pseudo." + el);
      out.put(el, explicit != null ? lib.named(el, explicit.trim()) : lib.pbeFor(el));
    }
    return out;
  }

  /**
   * Default cutoffs in Ry {ecutwfc, ecutrho} for a set of elements: the largest suggested minima,
   * rounded up to whole Ry, with ecutrho at least 4 x ecutwfc. Files without suggestions fall back
   * to 30 Ry (norm-conserving) / 35 Ry and 8x / 4x.
   */
  public double[] defaultCutoffsRy(List<String> elements, Map<String, String> settings) {
    double wfc = 0;
    double rho = 0;
    for (Pseudopotential p : pseudopotentials(elements, settings).values()) {
      double w = p.suggestedEcutwfcRy();
      double r = p.suggestedEcutrhoRy();
      if (w <= 0) {
        w = p.type().equals("NC") ? 30 : 35;
      }
      if (r <= 0) {
        r = p.type().equals("NC") ? 4 * w : 8 * w;
      }
      wfc = Math.max(wfc, w);
      rho = Math.max(rho, r);
    }
    wfc = Math.ceil(wfc - 1e-6);
    rho = Math.ceil(Math.max(rho, 4 * wfc) - 1e-6);
    return new double[] {wfc, rho};
  }

  @Override
  public void write(DftStructure s, Path jobDir, Map<String, String> settings) {
    String text = inputText(s, settings);
    try {
      Files.createDirectories(jobDir);
      Path tmp = jobDir.resolve(INPUT_FILE + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          jobDir.resolve(INPUT_FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DftInputException(
          "cannot write " + jobDir.resolve(INPUT_FILE) + ": " + e.getMessage(), e);
    }
  }

  /** The pw.x input text for {@code s} (what {@link #write} puts into pw.in). */
  public String inputText(DftStructure s, Map<String, String> settingsMap) {
    DftSettings st = new DftSettings(NAME, settingsMap, keysWithPseudo(settingsMap));
    Map<String, String> raw = settingsMap == null ? Map.of() : settingsMap;
    command(raw);
    List<String> species = s.distinctSpecies();
    Map<String, Pseudopotential> pps = pseudopotentials(species, raw);
    Path dir = pseudoDir(raw);

    List<String> cutoffElements = species;
    if (st.has("cutoff_elements")) {
      cutoffElements = new ArrayList<>();
      for (String e : st.string("cutoff_elements", "").split("[,\\s]+")) {
        if (!e.isBlank()) {
          cutoffElements.add(e.trim());
        }
      }
      for (String e : species) {
        if (!cutoffElements.contains(e)) {
          throw new DftInputException(
              NAME
                  + ": cutoff_elements "
                  + cutoffElements
                  + " does not include "
                  + e
                  + " of the structure");
        }
      }
    }
    double[] defaults = defaultCutoffsRy(cutoffElements, raw);
    double ecutwfc = st.number("ecutwfc", defaults[0], 5, 500);
    double ecutrho = st.number("ecutrho", Math.max(defaults[1], 4 * ecutwfc), 4 * ecutwfc, 4000);

    String calculation = st.choice("calculation", "vc-relax", Set.of("vc-relax", "relax", "scf"));
    String cellDofree = st.choice("cell_dofree", "all", CELL_DOFREE);
    String occupations = st.choice("occupations", "smearing", Set.of("smearing", "fixed"));
    String smearing = st.choice("smearing", "mv", Set.of("mv", "cold", "gaussian", "mp", "fd"));
    double degauss = st.number("degauss", 0.01, 1e-5, 0.2);
    double mixingBeta = st.number("mixing_beta", 0.7, 0.01, 1.0);
    int maxstep = st.integer("electron_maxstep", 100, 1, 10000);
    String diag = st.choice("diagonalization", "david", Set.of("david", "cg", "ppcg"));
    double convThr = st.number("conv_thr", 1e-8 * s.nAtoms(), 1e-14, 1e-2);
    int nstep = st.integer("nstep", 50, 1, 10000);
    double forcConv = st.number("forc_conv_thr", 1e-3, 1e-6, 1);
    double etotConv = st.number("etot_conv_thr", 1e-4, 1e-8, 1);
    double pressConv = st.number("press_conv_thr", 0.5, 0.01, 100);
    boolean spin = st.bool("spin", false);
    int[] grid;
    if (st.has("kpoints")) {
      String[] parts = st.string("kpoints", "").split("[x\\s,]+");
      if (parts.length != 3) {
        throw new DftInputException(NAME + ": kpoints must be three integers like '6 6 6'");
      }
      grid = new int[3];
      for (int i = 0; i < 3; i++) {
        try {
          grid[i] = Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
          throw new DftInputException(
              NAME + ": kpoints '" + st.string("kpoints", "") + "' is not three integers");
        }
        if (grid[i] < 1 || grid[i] > 100) {
          throw new DftInputException(NAME + ": kpoints entries must be in [1, 100]");
        }
      }
    } else {
      grid =
          KpointGrid.fromDensity(s, st.number("kpoint_density", DEFAULT_KPOINT_DENSITY, 0.01, 100));
    }

    StringBuilder b = new StringBuilder();
    b.append("&CONTROL\n");
    b.append("  calculation = '").append(calculation).append("'\n");
    b.append("  prefix = '").append(PREFIX).append("'\n");
    b.append("  outdir = './").append(OUTDIR).append("'\n");
    b.append("  pseudo_dir = ").append(quoted(dir.toString(), "pseudo_dir")).append('\n');
    b.append("  tprnfor = .true.\n  tstress = .true.\n");
    b.append("  disk_io = 'low'\n");
    if (!calculation.equals("scf")) {
      b.append("  nstep = ").append(nstep).append('\n');
      b.append("  forc_conv_thr = ").append(fortran(forcConv)).append('\n');
      b.append("  etot_conv_thr = ").append(fortran(etotConv)).append('\n');
    }
    if (st.has("max_seconds")) {
      b.append("  max_seconds = ")
          .append(fortran(st.number("max_seconds", 0, 1, 1e8)))
          .append('\n');
    }
    b.append("/\n&SYSTEM\n");
    b.append("  ibrav = 0\n  nat = ")
        .append(s.nAtoms())
        .append("\n  ntyp = ")
        .append(species.size())
        .append('\n');
    b.append("  ecutwfc = ").append(fortran(ecutwfc)).append('\n');
    b.append("  ecutrho = ").append(fortran(ecutrho)).append('\n');
    b.append("  occupations = '").append(occupations).append("'\n");
    if (occupations.equals("smearing")) {
      b.append("  smearing = '").append(smearing).append("'\n");
      b.append("  degauss = ").append(fortran(degauss)).append('\n');
    }
    if (spin) {
      b.append("  nspin = 2\n");
      for (int i = 0; i < species.size(); i++) {
        b.append("  starting_magnetization(").append(i + 1).append(") = 0.5\n");
      }
    }
    b.append("/\n&ELECTRONS\n");
    b.append("  conv_thr = ").append(fortran(convThr)).append('\n');
    b.append("  mixing_beta = ").append(fortran(mixingBeta)).append('\n');
    b.append("  electron_maxstep = ").append(maxstep).append('\n');
    b.append("  diagonalization = '").append(diag).append("'\n");
    b.append("/\n");
    if (!calculation.equals("scf")) {
      b.append("&IONS\n  ion_dynamics = 'bfgs'\n/\n");
    }
    if (calculation.equals("vc-relax")) {
      b.append("&CELL\n  cell_dynamics = 'bfgs'\n  cell_dofree = '")
          .append(cellDofree)
          .append("'\n");
      b.append("  press_conv_thr = ").append(fortran(pressConv)).append("\n/\n");
    }
    b.append("ATOMIC_SPECIES\n");
    for (String el : species) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-3s %10.5f  %s%n",
              el,
              Element.of(el).atomicMass(),
              pps.get(el).fileName()));
    }
    b.append("CELL_PARAMETERS angstrom\n");
    double[][] lat = s.latticeAngstrom();
    for (double[] row : lat) {
      b.append(String.format(Locale.ROOT, "  %18.12f %18.12f %18.12f%n", row[0], row[1], row[2]));
    }
    b.append("ATOMIC_POSITIONS crystal\n");
    for (int i = 0; i < s.nAtoms(); i++) {
      double[] f = s.fractional().get(i);
      b.append(
          String.format(
              Locale.ROOT,
              "  %-3s %16.12f %16.12f %16.12f%n",
              s.species().get(i),
              f[0],
              f[1],
              f[2]));
    }
    b.append("K_POINTS automatic\n");
    b.append(String.format(Locale.ROOT, "  %d %d %d 0 0 0%n", grid[0], grid[1], grid[2]));
    return b.toString();
  }

  private Path pseudoDir(Map<String, String> st) {
    String d = st.get("pseudo_dir");
    return d == null ? defaultPseudoDir : Path.of(d.trim()).toAbsolutePath().normalize();
  }

  private static Set<String> keysWithPseudo(Map<String, String> settings) {
    if (settings == null) {
      return KEYS;
    }
    Set<String> keys = new java.util.HashSet<>(KEYS);
    for (String k : settings.keySet()) {
      if (k.startsWith("pseudo.")) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** A Fortran namelist string literal; refuses characters that would end or break it. */
  static String quoted(String value, String field) {
    if (value.indexOf('\'') >= 0
        || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0
        || value.indexOf('/') < 0 && value.isEmpty()) {
      throw new DftInputException(
          NAME + ": " + field + " '" + value + "' contains quotes or newlines");
    }
    return "'" + value + "'";
  }

  static String fortran(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.6e", v).replace('e', 'd');
  }
}
