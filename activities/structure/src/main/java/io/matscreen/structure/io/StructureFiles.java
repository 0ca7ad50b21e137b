package io.matscreen.structure.io;

import io.matscreen.structure.Structure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads structure files of any supported format, chosen by name: {@code .cif}; POSCAR, CONTCAR
 * (also with suffixes such as POSCAR.relax) and {@code .vasp}/{@code .poscar}; {@code .json}
 * (pymatgen {@code as_dict}).
 */
public final class StructureFiles {
  /**
   * A structure with where it came from: {@code FILE}, or {@code FILE#BLOCK} for CIFs with several
   * blocks.
   */
  public record Named(String source, Structure structure) {}

  /** File formats known by name. */
  public enum Format {
    CIF,
    POSCAR,
    PYMATGEN_JSON
  }

  private StructureFiles() {}

  /** The format of a file from its name, or throws {@link StructureFormatException}. */
  public static Format formatOf(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".cif")) {
      return Format.CIF;
    }
    if (lower.endsWith(".json")) {
      return Format.PYMATGEN_JSON;
    }
    if (lower.endsWith(".vasp")
        || lower.endsWith(".poscar")
        || name.startsWith("POSCAR")
        || name.startsWith("CONTCAR")) {
      return Format.POSCAR;
    }
    throw new StructureFormatException(
        file.toString(),
        0,
        "unknown file type: expected .cif, .json, .vasp or a POSCAR/CONTCAR name");
  }

  /** All structures in a file. */
  public static List<Named> read(Path file) throws IOException {
    String source = file.toString();
    switch (formatOf(file)) {
      case CIF -> {
        List<CifStructure> blocks = CifReader.read(file);
        List<Named> out = new ArrayList<>();
        for (CifStructure b : blocks) {
          out.add(
              new Named(blocks.size() > 1 ? source + "#" + b.blockName() : source, b.structure()));
        }
        return out;
      }
      case POSCAR -> {
        return List.of(new Named(source, PoscarReader.read(file)));
      }
      default -> {
        return List.of(new Named(source, PymatgenJson.read(file)));
      }
    }
  }
}
