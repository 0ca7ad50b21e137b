package io.matscreen.symmetry;

/**
 * A space-group type in one setting, as spglib's database describes it for a Hall number (1–530).
 *
 * @param number International Tables number, 1–230
 * @param hallNumber spglib's Hall-setting index, 1–530
 * @param internationalShort short Hermann–Mauguin symbol, e.g. "Fm-3m"
 * @param internationalFull full Hermann–Mauguin symbol, e.g. "F 4/m -3 2/m"
 * @param international Hermann–Mauguin symbol of this setting, e.g. "P 1 2_1/c 1"
 * @param hallSymbol Hall symbol, e.g. "-F 4 2 3"
 * @param choice setting choice: "1", "2", "H", "R", an axis choice like "b1", or ""
 * @param schoenflies Schoenflies symbol
 */
public record SpacegroupType(
    int number,
    int hallNumber,
    String internationalShort,
    String internationalFull,
    String international,
    String hallSymbol,
    String choice,
    String schoenflies) {

  /** Crystal system name (triclinic … cubic) of a space-group number. */
  public static String crystalSystem(int number) {
    if (number < 1 || number > 230) {
      throw new IllegalArgumentException("space-group number must be 1-230: " + number);
    }
    if (number <= 2) {
      return "triclinic";
    } else if (number <= 15) {
      return "monoclinic";
    } else if (number <= 74) {
      return "orthorhombic";
    } else if (number <= 142) {
      return "tetragonal";
    } else if (number <= 167) {
      return "trigonal";
    } else if (number <= 194) {
      return "hexagonal";
    }
    return "cubic";
  }
}
