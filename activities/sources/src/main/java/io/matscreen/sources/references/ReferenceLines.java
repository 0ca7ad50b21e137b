package io.matscreen.sources.references;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.structure.Composition;
import io.matscreen.structure.FormulaException;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import io.matscreen.structure.io.StructureFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The reference line format of matscreen's files and of {@code matscreen fetch}: one JSON object a
 * line with {@code id}, {@code reduced_formula}, {@code source}, {@code formation_energy_per_atom}
 * (eV/atom or null), {@code energy_fingerprint} (an object, when known) and {@code structure}
 * (pymatgen {@code Structure.as_dict()}, or absent for composition-only references), as in
 * ../shared/data/mp-structures.jsonl.gz.
 */
public final class ReferenceLines {
  public static final String ID = "id";
  public static final String REDUCED_FORMULA = "reduced_formula";
  public static final String SOURCE = "source";
  public static final String FORMATION_ENERGY = "formation_energy_per_atom";
  public static final String FINGERPRINT = "energy_fingerprint";
  public static final String STRUCTURE = "structure";

  private ReferenceLines() {}

  /**
   * Reads a reference lines file; lines that cannot be read go to {@code skipped} (file, line, id,
   * reason) and the rest to {@code sink}.
   *
   * @param defaultFingerprint the fingerprint of energies whose line does not state one
   * @return the number of references handed to {@code sink}
   */
  public static long read(
      Path file,
      EnergyFingerprint defaultFingerprint,
      Consumer<Reference> sink,
      Consumer<SkippedEntry> skipped)
      throws IOException {
    long[] read = {0};
    String defaultSource = "file:" + file.getFileName();
    JsonLines.read(
        file,
        (line, object) -> {
          String location = file + ":" + line;
          try {
            sink.accept(fromTree(object, location, defaultSource, defaultFingerprint));
            read[0]++;
          } catch (ReferenceFormatException e) {
            skipped.accept(new SkippedEntry(location, e.id(), e.getMessage()));
          }
        },
        skipped);
    return read[0];
  }

  /**
   * One reference from its line's object.
   *
   * @throws ReferenceFormatException naming what is missing or wrong
   */
  public static Reference fromTree(
      ObjectNode object,
      String location,
      String defaultSource,
      EnergyFingerprint defaultFingerprint) {
    String id = text(object, ID);
    if (id == null || id.isBlank()) {
      throw new ReferenceFormatException(null, "no \"" + ID + "\"");
    }
    Structure structure = null;
    JsonNode s = object.get(STRUCTURE);
    if (s != null && !s.isNull()) {
      try {
        structure = PymatgenJson.fromTree(s, location);
      } catch (StructureFormatException e) {
        throw new ReferenceFormatException(id, "bad structure: " + e.problem());
      }
      if (!structure.isOrdered()) {
        throw new ReferenceFormatException(
            id,
            "the structure is disordered (partial occupancies); only ordered structures are used");
      }
    }
    Composition composition;
    String formula = text(object, REDUCED_FORMULA);
    try {
      if (structure != null) {
        composition = structure.composition();
        if (formula != null
            && !Composition.parse(formula).reduced().almostEquals(composition.reduced(), 1e-6)) {
          throw new ReferenceFormatException(
              id,
              "\""
                  + REDUCED_FORMULA
                  + "\" "
                  + formula
                  + " does not match the structure's "
                  + composition.reducedFormula());
        }
      } else if (formula != null) {
        composition = Composition.parse(formula);
      } else {
        throw new ReferenceFormatException(
            id, "neither \"" + STRUCTURE + "\" nor \"" + REDUCED_FORMULA + "\"");
      }
    } catch (FormulaException e) {
      throw new ReferenceFormatException(id, "bad formula: " + e.getMessage());
    }
    Double energy = null;
    JsonNode e = object.get(FORMATION_ENERGY);
    if (e != null && !e.isNull()) {
      if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
        throw new ReferenceFormatException(
            id, "\"" + FORMATION_ENERGY + "\" must be a finite number, got " + e);
      }
      energy = e.asDouble();
    }
    String source = text(object, SOURCE);
    return new Reference(
        id,
        source == null ? defaultSource : source,
        composition,
        structure,
        energy,
        fingerprint(object.get(FINGERPRINT), id, defaultFingerprint));
  }

  /** The line of a reference. */
  public static ObjectNode toTree(Reference r) {
    ObjectNode o = JsonLines.object();
    o.put(ID, r.id());
    o.put(REDUCED_FORMULA, r.reducedFormula());
    o.put(SOURCE, r.source());
    if (r.formationEnergyPerAtom() == null) {
      o.putNull(FORMATION_ENERGY);
    } else {
      o.put(FORMATION_ENERGY, r.formationEnergyPerAtom());
    }
    ObjectNode f = o.putObject(FINGERPRINT);
    f.put("code", r.fingerprint().code());
    f.put("functional", r.fingerprint().functional());
    f.put("pseudopotentials", r.fingerprint().pseudopotentials());
    f.put("correction_scheme", r.fingerprint().correctionScheme());
    if (r.structure() != null) {
      o.set(STRUCTURE, PymatgenJson.toTree(r.structure()));
    }
    return o;
  }

  /** Writes references one a line. */
  public static final class Writer implements AutoCloseable {
    private final JsonLines.Writer out;

    public Writer(Path file) throws IOException {
      out = new JsonLines.Writer(file);
    }

    public void write(Reference r) {
      out.write(toTree(r));
    }

    public long lines() {
      return out.lines();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static EnergyFingerprint fingerprint(
      JsonNode node, String id, EnergyFingerprint defaultFingerprint) {
    if (node == null || node.isNull()) {
      return defaultFingerprint;
    }
    String[] parts = new String[4];
    String[] names = {"code", "functional", "pseudopotentials", "correction_scheme"};
    for (int i = 0; i < names.length; i++) {
      JsonNode v = node.get(names[i]);
      if (v == null || !v.isTextual()) {
        throw new ReferenceFormatException(
            id, "\"" + FINGERPRINT + "\" needs a text \"" + names[i] + "\"");
      }
      parts[i] = v.asText();
    }
    return EnergyFingerprint.of(parts[0], parts[1], parts[2], parts[3]);
  }

  private static String text(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
