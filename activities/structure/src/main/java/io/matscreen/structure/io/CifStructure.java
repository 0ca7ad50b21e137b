package io.matscreen.structure.io;

import io.matscreen.structure.Structure;
import java.util.List;

/**
 * A structure read from one data block of a CIF file.
 *
 * @param blockName name of the {@code data_} block
 * @param structure the full unit cell (asymmetric unit expanded, coincident sites merged)
 * @param symmetrySource where the symmetry came from, e.g. "4 listed operations" or
 *     "Hermann-Mauguin symbol 'F m -3 m' (Hall 523)"
 * @param warnings checks that did not stop the read (formula or multiplicity disagreements)
 */
public record CifStructure(
    String blockName, Structure structure, String symmetrySource, List<String> warnings) {
  public CifStructure {
    warnings = List.copyOf(warnings);
  }
}
