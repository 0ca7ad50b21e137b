package io.matscreen.sources;

import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PymatgenJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the structures of one file, choosing the format by its name. */
public final class StructureFiles {
  private StructureFiles() {}

  /** A structure and where it came from ({@code FILE} or {@code FILE#BLOCK}). */
  public record Named(String source, Structure structure) {}

  public static List<Named> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".json")) {
        return List.of(new Named(file.toString(), PymatgenJson.read(file)));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        file + ": unknown structure format (expected .json pymatgen Structure)");
  }
}
