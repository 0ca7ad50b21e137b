package io.matscreen.dft.qe;

import io.matscreen.dft.DftInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The UPF files of one pseudopotential directory, and the choice of one PBE file per element:
 * pslibrary 1.0.0 before older pslibrary before other files, PAW before ultrasoft before
 * norm-conserving, and never fully-relativistic or non-PBE files.
 */
public final class PseudopotentialLibrary {
  /** Debian's quantum-espresso-data location. */
  public static final Path DEBIAN_PSEUDO_DIR = Path.of("/usr/share/espresso/pseudo");

  private static final int HEADER_BYTES = 64 * 1024;
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  private static final Pattern SUGGESTED_WFC =
      Pattern.compile("Suggested minimum cutoff for wavefunctions:\\s*([0-9.Ee+-]+)\\s*Ry");
  private static final Pattern SUGGESTED_RHO =
      Pattern.compile("Suggested minimum cutoff for charge density:\\s*([0-9.Ee+-]+)\\s*Ry");
  private static final Pattern PSL_VERSION = Pattern.compile("psl\\.([0-9]+)\\.([0-9]+)");

  private final Path dir;
  private final List<Pseudopotential> all;

  private PseudopotentialLibrary(Path dir, List<Pseudopotential> all) {
    this.dir = dir;
    this.all = all;
  }

  /** Scans {@code dir} for *.UPF / *.upf files and reads their headers. */
  public static PseudopotentialLibrary scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DftInputException(
          "pseudo_dir "
              + dir
              + " is not a directory (install quantum-espresso-data or set pseudo_dir)");
    }
    List<Pseudopotential> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(f) && n.endsWith(".upf")) {
          readHeader(f).ifPresent(list::add);
        }
      }
    } catch (IOException e) {
      throw new DftInputException("cannot list pseudo_dir " + dir + ": " + e.getMessage(), e);
    }
    return new PseudopotentialLibrary(dir, List.copyOf(list));
  }

  /** The directory scanned. */
  public Path dir() {
    return dir;
  }

  /** All readable UPF files. */
  public List<Pseudopotential> all() {
    return all;
  }

  /** The file for {@code element} as named explicitly (e.g. a "pseudo.Si" setting). */
  public Pseudopotential named(String element, String fileName) {
    for (Pseudopotential p : all) {
      if (p.fileName().equals(fileName)) {
        if (!p.element().equals(element)) {
          throw new DftInputException(
              "pseudopotential "
                  + fileName
                  + " in "
                  + dir
                  + " is for "
                  + p.element()
                  + ", not "
                  + element);
        }
        return p;
      }
    }
    throw new DftInputException("pseudopotential file " + fileName + " not found in " + dir);
  }

  /** The preferred PBE pseudopotential for an element, or a clear error when there is none. */
  public Pseudopotential pbeFor(String element) {
    return all.stream()
        .filter(p -> p.element().equals(element) && p.isPbe() && !"full".equals(p.relativistic()))
        .filter(
            p ->
                !p.fileName()
                    .toLowerCase(Locale.ROOT)
                    .startsWith(element.toLowerCase(Locale.ROOT) + ".rel-"))
        .max(
            Comparator.comparingInt(PseudopotentialLibrary::preference)
                .thenComparing(Pseudopotential::fileName, Comparator.reverseOrder()))
        .orElseThrow(
            () ->
                new DftInputException(
                    "no PBE pseudopotential for element "
                        + element
                        + " in "
                        + dir
                        + " (files for it: "
                        + all.stream()
                            .filter(p -> p.element().equals(element))
                            .map(Pseudopotential::fileName)
                            .toList()
                        + "); add one or set pseudo."
                        + element
                        + "=FILE"));
  }

  /** Higher is better: pslibrary version first, then PAW > US > NC. */
  static int preference(Pseudopotential p) {
    Matcher m = PSL_VERSION.matcher(p.fileName());
    int psl = 0;
    if (m.find()) {
      psl = Integer.parseInt(m.group(1)) >= 1 ? 3 : 2;
    }
    int type =
        switch (p.type()) {
          case "PAW" -> 3;
          case "US", "USPP" -> 2;
          default -> 1;
        };
    // Files that suggest no cutoffs leave us guessing the basis; prefer ones that do.
    int hasCutoffs = p.suggestedEcutwfcRy() > 0 ? 1 : 0;
    return psl * 100 + hasCutoffs * 10 + type;
  }

  static Optional<Pseudopotential> readHeader(Path f) {
    String head;
    try (InputStream in = Files.newInputStream(f)) {
      head = new String(in.readNBytes(HEADER_BYTES), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return Optional.empty();
    }
    int start = head.indexOf("<PP_HEADER");
    if (start < 0) {
      return Optional.empty();
    }
    int end = head.indexOf('>', start);
    String header = end < 0 ? head.substring(start) : head.substring(start, end);
    java.util.Map<String, String> attrs = new java.util.HashMap<>();
    Matcher m = ATTRIBUTE.matcher(header);
    while (m.find()) {
      attrs.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
    }
    String element = attrs.getOrDefault("element", "").trim();
    if (element.isEmpty()) {
      // UPF v1: the element is in the file name by convention (El.functional-...).
      element = f.getFileName().toString().split("[._-]")[0];
    }
    String functional = attrs.getOrDefault("functional", "").trim();
    if (functional.isEmpty()) {
      Matcher fm = Pattern.compile("Functional:?\\s*([^\\n]+)").matcher(head);
      functional = fm.find() ? fm.group(1).trim() : "";
    }
    String type = attrs.getOrDefault("pseudo_type", "NC").trim().toUpperCase(Locale.ROOT);
    if (type.equals("USPP")) {
      type = "US";
    }
    if ("true".equalsIgnoreCase(attrs.get("is_paw")) || "T".equalsIgnoreCase(attrs.get("is_paw"))) {
      type = "PAW";
    }
    String rel = attrs.getOrDefault("relativistic", "scalar").trim().toLowerCase(Locale.ROOT);
    double wfc = Math.max(parse(attrs.get("wfc_cutoff")), find(SUGGESTED_WFC, head));
    double rho = Math.max(parse(attrs.get("rho_cutoff")), find(SUGGESTED_RHO, head));
    return Optional.of(new Pseudopotential(f, element, functional, type, rel, wfc, rho));
  }

  private static double find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? parse(m.group(1)) : 0;
  }

  private static double parse(String s) {
    if (s == null) {
      return 0;
    }
    try {
      double d = Double.parseDouble(s.trim().replace('d', 'e').replace('D', 'e'));
      return Double.isFinite(d) ? d : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
