package io.matscreen.dft.vasp;

import io.matscreen.dft.DftInputException;
import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftSettings;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.EnergyFingerprintInfo;
import io.matscreen.dft.InputSet;
import io.matscreen.structure.Element;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * "vasp-mp-relax": a VASP relaxation following the Materials Project relax set — PAW PBE with MP's
 * POTCAR variants, ENCUT 520 eV, EDIFF 5e-5 eV per atom, 64 k-points per reciprocal volume
 * (Gamma-centred), ISPIN 2 with MP's default moments, GGA+U (Dudarev) for oxides and fluorides of
 * Co, Cr, Fe, Mn, Mo, Ni, V, W. POTCARs are never shipped: setting {@code potcar_dir} names a
 * directory with {@code SYMBOL/POTCAR} (VASP's layout) or {@code POTCAR.SYMBOL[.gz]} files.
 *
 * <p>Other settings: {@code vasp_command} (default "vasp_std"), {@code reciprocal_density}, {@code
 * incar.TAG} to override or add any INCAR tag (validated as a plain token).
 */
public final class VaspMpRelaxInputSet implements InputSet {
  /** Registry name. */
  public static final String NAME = "vasp-mp-relax";

  private static final Set<String> KEYS =
      Set.of("potcar_dir", "vasp_command", "reciprocal_density");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnergyFingerprintInfo fingerprint() {
    return new EnergyFingerprintInfo("vasp", "PBE/PBE+U", "PAW_PBE (MP variants)", "none");
  }

  @Override
  public List<String> command(Map<String, String> settings) {
    String c = settings == null ? null : settings.get("vasp_command");
    String exe = c == null ? "vasp_std" : c.trim();
    if (!exe.matches("[A-Za-z0-9_./+-]+")) {
      throw new DftInputException(
          NAME + ": vasp_command '" + c + "' is not a plain executable path");
    }
    return List.of(exe);
  }

  @Override
  public DftOutputParser parser() {
    return new VaspOutputParser();
  }

  @Override
  public void write(DftStructure s, Path jobDir, Map<String, String> settings) {
    Map<String, String> raw = settings == null ? Map.of() : settings;
    DftStructure sorted = groupedBySpecies(s);
    String incar = incar(sorted, raw);
    String kpoints = kpoints(sorted, raw);
    String poscar = poscar(sorted);
    String potcarDir = raw.get("potcar_dir");
    if (potcarDir == null || potcarDir.isBlank()) {
      throw new DftInputException(
          NAME
              + ": setting potcar_dir is required (a directory with SYMBOL/POTCAR or "
              + "POTCAR.SYMBOL files from your VASP licence; matscreen never ships POTCARs)");
    }
    List<Path> potcars = potcarFiles(sorted.distinctSpecies(), Path.of(potcarDir.trim()));
    try {
      Files.createDirectories(jobDir);
      Files.writeString(jobDir.resolve("INCAR"), incar, StandardCharsets.UTF_8);
      Files.writeString(jobDir.resolve("KPOINTS"), kpoints, StandardCharsets.UTF_8);
      Files.writeString(jobDir.resolve("POSCAR"), poscar, StandardCharsets.UTF_8);
      try (OutputStream out = Files.newOutputStream(jobDir.resolve("POTCAR"))) {
        for (Path p : potcars) {
          try (InputStream in = open(p)) {
            in.transferTo(out);
          }
        }
      }
    } catch (IOException e) {
      throw new DftInputException(
          NAME + ": cannot write inputs in " + jobDir + ": " + e.getMessage(), e);
    }
  }

  /** INCAR text: MP relax tags, +U where MP applies it, overrides from incar.TAG settings. */
  public String incar(DftStructure s, Map<String, String> settings) {
    Set<String> known = new java.util.HashSet<>(KEYS);
    for (String k : settings.keySet()) {
      if (k.startsWith("incar.")) {
        known.add(k);
      }
    }
    new DftSettings(NAME, settings, known);
    List<String> species = s.distinctSpecies();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("ALGO", "Fast");
    tags.put(
        "EDIFF",
        String.format(Locale.ROOT, "%.3e", MpRelaxParameters.EDIFF_PER_ATOM_EV * s.nAtoms()));
    tags.put("ENCUT", String.format(Locale.ROOT, "%.0f", MpRelaxParameters.ENCUT_EV));
    tags.put("IBRION", "2");
    tags.put("ISIF", "3");
    tags.put("ISMEAR", "-5");
    tags.put("ISPIN", "2");
    tags.put("LASPH", "True");
    tags.put("LORBIT", "11");
    tags.put("LREAL", "Auto");
    tags.put("LWAVE", "False");
    tags.put("NELM", "100");
    tags.put("NSW", "99");
    tags.put("PREC", "Accurate");
    tags.put("SIGMA", "0.05");
    StringBuilder magmom = new StringBuilder();
    for (String el : s.species()) {
      magmom
          .append(fmt(MpRelaxParameters.MAGMOM.getOrDefault(el, MpRelaxParameters.DEFAULT_MAGMOM)))
          .append(' ');
    }
    tags.put("MAGMOM", compress(magmom.toString().trim()));
    if (needsU(species)) {
      StringBuilder u = new StringBuilder();
      StringBuilder l = new StringBuilder();
      StringBuilder j = new StringBuilder();
      for (String el : species) {
        double uv = MpRelaxParameters.HUBBARD_U.getOrDefault(el, 0.0);
        u.append(fmt(uv)).append(' ');
        l.append(uv > 0 ? "2" : "0").append(' ');
        j.append("0 ");
      }
      tags.put("LDAU", "True");
      tags.put("LDAUTYPE", "2");
      tags.put("LDAUL", l.toString().trim());
      tags.put("LDAUU", u.toString().trim());
      tags.put("LDAUJ", j.toString().trim());
      tags.put("LDAUPRINT", "1");
      tags.put("LMAXMIX", "4");
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith("incar.")) {
        String tag = e.getKey().substring(6).toUpperCase(Locale.ROOT);
        if (!tag.matches("[A-Z][A-Z0-9_]{0,31}")
            || !e.getValue().matches("[A-Za-z0-9_.+*\\- ]{1,2000}")) {
          throw new DftInputException(
              NAME
                  + ": INCAR override "
                  + e.getKey()
                  + "='"
                  + e.getValue()
                  + "' is not a plain tag/value");
        }
        tags.put(tag, e.getValue().trim());
      }
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : tags.entrySet()) {
      b.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
    }
    return b.toString();
  }

  /** Whether MP's +U applies: an O or F anion and at least one of the U metals. */
  static boolean needsU(List<String> species) {
    boolean anion = species.stream().anyMatch(MpRelaxParameters.U_ANIONS::contains);
    boolean metal = species.stream().anyMatch(MpRelaxParameters.HUBBARD_U::containsKey);
    return anion && metal;
  }

  /**
   * Gamma-centred grid with about reciprocal_density x reciprocal volume k-points, n_i proportional
   * to |b_i|.
   */
  public String kpoints(DftStructure s, Map<String, String> settings) {
    int[] n =
        kpointGrid(
            s,
            new DftSettings(NAME, settings, allKeys(settings))
                .number("reciprocal_density", MpRelaxParameters.RECIPROCAL_DENSITY, 1, 1e5));
    return String.format(
        Locale.ROOT,
        "matscreen %s: reciprocal density grid%n0%nGamma%n%d %d %d%n",
        NAME,
        n[0],
        n[1],
        n[2]);
  }

  static int[] kpointGrid(DftStructure s, double reciprocalDensity) {
    double[] b = s.reciprocalLengthsInverseAngstrom();
    double recipVolume = Math.pow(2 * Math.PI, 3) / s.volumeAngstrom3();
    double target = reciprocalDensity * recipVolume;
    double scale = Math.cbrt(target / (b[0] * b[1] * b[2]));
    int[] n = new int[3];
    for (int i = 0; i < 3; i++) {
      n[i] = Math.max(1, (int) Math.round(b[i] * scale));
    }
    return n;
  }

  /**
   * POSCAR (VASP 5 format, direct coordinates) with species grouped in order of first appearance.
   */
  public static String poscar(DftStructure s) {
    StringBuilder b = new StringBuilder();
    List<String> species = s.distinctSpecies();
    b.append(String.join(" ", species)).append('\n').append("1.0\n");
    for (double[] row : s.latticeAngstrom()) {
      b.append(String.format(Locale.ROOT, "  %20.14f %20.14f %20.14f%n", row[0], row[1], row[2]));
    }
    b.append(String.join(" ", species)).append('\n');
    List<String> counts = new ArrayList<>();
    for (String sp : species) {
      counts.add(Long.toString(s.species().stream().filter(sp::equals).count()));
    }
    b.append(String.join(" ", counts)).append("\nDirect\n");
    for (int i = 0; i < s.nAtoms(); i++) {
      double[] f = s.fractional().get(i);
      b.append(String.format(Locale.ROOT, "  %18.14f %18.14f %18.14f%n", f[0], f[1], f[2]));
    }
    return b.toString();
  }

  /** The POTCAR file of each element, in order; a clear error naming what is missing. */
  static List<Path> potcarFiles(List<String> species, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DftInputException(NAME + ": potcar_dir " + dir + " is not a directory");
    }
    List<Path> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String el : species) {
      if (!Element.isSymbol(el)) {
        throw new DftInputException(NAME + ": '" + el + "' is not an element symbol");
      }
      String symbol = MpRelaxParameters.POTCAR.get(el);
      if (symbol == null) {
        throw new DftInputException(NAME + ": the MP relax set has no POTCAR choice for " + el);
      }
      Path found = null;
      for (Path c :
          List.of(
              dir.resolve(symbol).resolve("POTCAR"),
              dir.resolve(symbol).resolve("POTCAR.gz"),
              dir.resolve("POTCAR." + symbol),
              dir.resolve("POTCAR." + symbol + ".gz"))) {
        if (Files.isRegularFile(c)) {
          found = c;
          break;
        }
      }
      if (found == null) {
        missing.add(el + " (" + symbol + "/POTCAR or POTCAR." + symbol + ")");
      } else {
        out.add(found);
      }
    }
    if (!missing.isEmpty()) {
      throw new DftInputException(
          NAME + ": POTCAR missing in " + dir + " for " + String.join(", ", missing));
    }
    return out;
  }

  private static InputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    return p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  /** Sites reordered so that each species is contiguous (POSCAR needs one block per species). */
  static DftStructure groupedBySpecies(DftStructure s) {
    List<String> sp = new ArrayList<>();
    List<double[]> fr = new ArrayList<>();
    for (String el : s.distinctSpecies()) {
      for (int i = 0; i < s.nAtoms(); i++) {
        if (s.species().get(i).equals(el)) {
          sp.add(el);
          fr.add(s.fractional().get(i));
        }
      }
    }
    return new DftStructure(s.latticeAngstrom(), sp, fr);
  }

  private static Set<String> allKeys(Map<String, String> settings) {
    Set<String> known = new java.util.HashSet<>(KEYS);
    for (String k : settings.keySet()) {
      if (k.startsWith("incar.")) {
        known.add(k);
      }
    }
    return known;
  }

  private static String fmt(double v) {
    return v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%s", v);
  }

  /** "0.6 0.6 5" -> "2*0.6 5" as VASP reads it. */
  static String compress(String values) {
    String[] v = values.split(" ");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j < v.length && v[j].equals(v[i])) {
        j++;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(j - i > 1 ? (j - i) + "*" + v[i] : v[i]);
      i = j;
    }
    return b.toString();
  }
}
