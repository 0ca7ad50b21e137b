package io.matscreen.activities.campaign;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.sources.PrototypeLibrary;
import io.matscreen.sources.SubstitutionEnumerator;
import io.matscreen.structure.Composition;
import io.matscreen.structure.FormulaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Every check of a campaign spec that needs no server: prototype names, known phases (prototype,
 * formula, elements, fit), duplicate elements, local files (candidates, model bundle), DFT executor
 * settings (walltime, CPUs, memory, Slurm names) and the form of the store URL. Each problem is one
 * line that starts with the field it is about, e.g. {@code known_phases[2]: 'rocksalt:Xx2O':
 * formula 'Xx2O': 'Xx' is not an element symbol at position 1}.
 *
 * <p>Plain Java over the spec, structure and sources packages: no store, no Temporal.
 */
public final class CampaignSpecValidator {
  /** Partition, account and QOS names as Slurm allows them, nothing a shell would parse. */
  private static final Pattern SLURM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Environment-module names such as "quantum-espresso/7.2". */
  private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_.+/-]{1,128}");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** Seconds, or Slurm's MM:SS, HH:MM:SS, D-HH:MM:SS (and D-HH:MM). */
  private static final Pattern WALLTIME = Pattern.compile("\\d+|(\\d+-)?\\d+:\\d+(:\\d+)?");

  /** jdbc:postgresql://HOST[:PORT]/DATABASE[?…] */
  private static final Pattern POSTGRES =
      Pattern.compile("jdbc:postgresql://[A-Za-z0-9_.\\[\\]:-]+(:\\d{1,5})?/[^/?\\s]+(\\?\\S*)?");

  /** What a check found: the spec (null when the file could not be read) and the problems. */
  public record Result(CampaignSpec spec, List<String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private CampaignSpecValidator() {}

  /** Reads a campaign file and checks it; a file the reader refuses gives that one problem. */
  public static Result validate(Path file) {
    CampaignSpec spec;
    try {
      spec = CampaignSpecReader.read(file);
    } catch (InvalidCampaignSpecException e) {
      return new Result(null, List.of(e.getMessage()));
    }
    return new Result(spec, problems(spec, true));
  }

  /**
   * Problems of a parsed spec; relative paths are resolved against the folder of its file (its
   * {@code spec_path}) as the activities resolve them.
   *
   * @param checkModel whether to check that a model bundle path exists here (the inference pool may
   *     run on another machine than the one checking)
   */
  public static List<String> problems(CampaignSpec spec, boolean checkModel) {
    List<String> out = new ArrayList<>();
    elements(spec, out);
    prototypes(spec, out);
    candidatesFile(spec, out);
    knownPhases(spec, out);
    if (checkModel) {
      model(spec, out);
    }
    dftSettings(spec, out);
    store(spec.getStore(), out);
    return out;
  }

  private static void elements(CampaignSpec spec, List<String> out) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.getElementsCount(); i++) {
      String e = spec.getElements(i);
      if (!seen.add(e)) {
        out.add("elements[" + i + "]: '" + e + "' is listed twice");
      }
    }
  }

  private static void prototypes(CampaignSpec spec, List<String> out) {
    Set<String> known = new LinkedHashSet<>(PrototypeLibrary.names());
    for (int i = 0; i < spec.getPrototypesCount(); i++) {
      String p = spec.getPrototypes(i);
      if (!known.contains(p)) {
        out.add(
            "candidates.prototypes["
                + i
                + "]: unknown prototype '"
                + p
                + "' (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  private static void candidatesFile(CampaignSpec spec, List<String> out) {
    if (!spec.getCandidatesSource().equals("file") || spec.getCandidatesFile().isEmpty()) {
      return;
    }
    Path p = resolve(spec, spec.getCandidatesFile());
    if (!Files.exists(p)) {
      out.add(
          "candidates.file: '"
              + spec.getCandidatesFile()
              + "' does not exist"
              + (p.toString().equals(spec.getCandidatesFile()) ? "" : " (looked for " + p + ")"));
    } else if (!Files.isReadable(p)) {
      out.add("candidates.file: '" + spec.getCandidatesFile() + "' cannot be read (" + p + ")");
    }
  }

  private static void knownPhases(CampaignSpec spec, List<String> out) {
    Set<String> elements = new HashSet<>(spec.getElementsList());
    Set<String> elemental = new TreeSet<>();
    boolean allRead = true;
    for (int i = 0; i < spec.getKnownPhasesCount(); i++) {
      String phase = spec.getKnownPhases(i);
      String field = "known_phases[" + i + "]: '" + phase + "': ";
      int colon = phase.indexOf(':');
      if (colon <= 0) {
        out.add(field + "must be PROTOTYPE:FORMULA, e.g. zincblende:SiC");
        allRead = false;
        continue;
      }
      String prototype = phase.substring(0, colon);
      String formula = phase.substring(colon + 1);
      boolean ok = true;
      if (!PrototypeLibrary.names().contains(prototype)) {
        out.add(field + "unknown prototype '" + prototype + "'");
        ok = false;
      }
      Composition c = null;
      try {
        c = Composition.parse(formula);
      } catch (FormulaException e) {
        out.add(field + formulaProblem(formula, e));
        ok = false;
      }
      if (c != null) {
        Set<String> outside = new TreeSet<>(c.elements());
        outside.removeAll(elements);
        if (!outside.isEmpty()) {
          out.add(
              field
                  + "has "
                  + String.join(", ", outside)
                  + ", not in elements "
                  + spec.getElementsList());
          ok = false;
        }
      }
      if (ok) {
        try {
          SubstitutionEnumerator.knownPhase(phase);
        } catch (IllegalArgumentException e) {
          out.add(field + e.getMessage());
          ok = false;
        }
      }
      if (ok && c.numElements() == 1) {
        elemental.addAll(c.elements());
      }
      allRead &= ok;
    }
    if (allRead) {
      Set<String> missing = new TreeSet<>(elements);
      missing.removeAll(elemental);
      if (!missing.isEmpty()) {
        out.add(
            "known_phases: needs an elemental phase of each of "
                + missing
                + " (e.g. diamond:"
                + missing.iterator().next()
                + "); DFT references of every element are required for the final hull");
      }
    }
  }

  /** "unknown element Xx"-style text from a formula error, without repeating the formula. */
  private static String formulaProblem(String formula, FormulaException e) {
    String prefix = "cannot read formula '" + formula + "': ";
    String msg = e.getMessage();
    return "formula '"
        + formula
        + "': "
        + (msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg);
  }

  private static void model(CampaignSpec spec, List<String> out) {
    String model = spec.getModel();
    if (model.isEmpty() || model.equals("default")) {
      return;
    }
    Path p = resolve(spec, model);
    if (!Files.exists(p)) {
      out.add(
          "model: bundle '"
              + model
              + "' does not exist"
              + (p.toString().equals(model) ? "" : " (looked for " + p + ")")
              + "; use 'default' for the shipped model");
    } else if (Files.isDirectory(p) && !Files.isRegularFile(p.resolve("model.json"))) {
      out.add("model: bundle '" + model + "' has no model.json (" + p + ")");
    }
  }

  private static void dftSettings(CampaignSpec spec, List<String> out) {
    Map<String, String> settings = spec.getDft().getSettingsMap();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet()) {
      String key = e.getKey();
      String v = e.getValue().trim();
      String field = "dft.settings." + key + ": ";
      switch (key) {
        case "walltime" -> {
          if (!WALLTIME.matcher(v).matches() || v.matches("0+")) {
            out.add(field + "'" + v + "' must be seconds or [D-]HH:MM:SS, more than 0");
          }
        }
        case "cpus" -> integer(field, v, 1, 100_000, out);
        case "memory_mb" -> integer(field, v, 0, 100_000_000, out);
        case "max_corrections" -> integer(field, v, 0, 1000, out);
        case "array_parallelism" -> integer(field, v, 1, 99_999, out);
        case "partition", "account", "qos" -> {
          if (!SLURM_NAME.matcher(v).matches()) {
            out.add(
                field + "'" + v + "' is not a Slurm name (letters, digits, '_', '.', '-'; 1-64)");
          }
        }
        case "modules" -> {
          for (String m : v.split("[,\\s]+")) {
            if (!m.isEmpty() && !MODULE.matcher(m).matches()) {
              out.add(field + "'" + m + "' is not a module name");
            }
          }
        }
        default -> {
          if (key.startsWith("env.") && !ENV_NAME.matcher(key.substring(4)).matches()) {
            out.add("dft.settings." + key + ": '" + key.substring(4) + "' is not a variable name");
          }
        }
      }
    }
  }

  private static void integer(String field, String v, long min, long max, List<String> out) {
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      out.add(field + "'" + v + "' is not an integer");
      return;
    }
    if (n < min || n > max) {
      out.add(field + v + " is outside [" + min + ", " + max + "]");
    }
  }

  private static void store(String url, List<String> out) {
    if (url.isEmpty()) {
      return;
    }
    if (url.startsWith("jdbc:sqlite:")) {
      String file = url.substring("jdbc:sqlite:".length());
      if (file.isBlank()) {
        out.add("store: '" + url + "' names no database file (jdbc:sqlite:PATH)");
      }
      return;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      if (!POSTGRES.matcher(url).matches()) {
        out.add(
            "store: '"
                + url
                + "' is not a PostgreSQL URL of the form jdbc:postgresql://HOST[:PORT]/DATABASE");
      }
      return;
    }
    out.add(
        "store: '" + url + "' must be jdbc:sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DATABASE");
  }

  private static Path resolve(CampaignSpec spec, String file) {
    Path p = Path.of(file);
    if (!p.isAbsolute() && !spec.getSpecPath().isEmpty()) {
      Path parent = Path.of(spec.getSpecPath()).getParent();
      return parent == null ? p : parent.resolve(p);
    }
    return p;
  }
}
