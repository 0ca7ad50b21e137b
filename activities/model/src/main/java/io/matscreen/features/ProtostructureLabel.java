package io.matscreen.features;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed AFLOW-style protostructure label, e.g. {@code AB6C3_hR30_160_a_2b_b:Hf-N-Zn}: prototype
 * stoichiometry, Pearson symbol, space group number, the occupied Wyckoff letters of each element
 * and the element symbols (in the order A, B, C, …).
 *
 * <p>Kept small on purpose: the symmetry package's Wyckoff representation (with multiplicities)
 * replaces it once merged.
 *
 * @param label the label as given
 * @param pearsonSymbol e.g. "hR30"
 * @param spacegroup space group number 1–230
 * @param sites occupied Wyckoff sites, one entry per occupied orbit
 * @param stoichiometry the prototype's count of each element, in the order of {@code elements}
 * @param elements element symbols in the order A, B, C, …
 */
public record ProtostructureLabel(
    String label,
    String pearsonSymbol,
    int spacegroup,
    List<Site> sites,
    int[] stoichiometry,
    List<String> elements) {

  /** One occupied Wyckoff orbit: element symbol and Wyckoff letter ('a'–'z', or 'A'). */
  public record Site(String element, char letter) {}

  /** Parses a label; throws {@link IllegalArgumentException} saying which part is malformed. */
  public static ProtostructureLabel parse(String label) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("empty protostructure label");
    }
    String trimmed = label.strip();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "protostructure label '" + label + "' has no ':' before the element list");
    }
    String[] elements = trimmed.substring(colon + 1).split("-");
    String[] parts = trimmed.substring(0, colon).split("_");
    if (parts.length < 4) {
      throw new IllegalArgumentException(
          "protostructure label '"
              + label
              + "' needs prototype_pearson_spacegroup_wyckoff...; got "
              + parts.length
              + " parts");
    }
    int[] stoichiometry = parseStoichiometry(parts[0], label);
    if (stoichiometry.length != elements.length) {
      throw new IllegalArgumentException(
          "protostructure label '"
              + label
              + "' has "
              + stoichiometry.length
              + " species in its prototype but "
              + elements.length
              + " elements");
    }
    if (parts.length - 3 != elements.length) {
      throw new IllegalArgumentException(
          "protostructure label '"
              + label
              + "' has "
              + (parts.length - 3)
              + " Wyckoff groups for "
              + elements.length
              + " elements");
    }
    String pearson = parts[1];
    if (!pearson.matches("[amothc][PSCABIFR]\\d+")) {
      throw new IllegalArgumentException(
          "protostructure label '" + label + "' has a malformed Pearson symbol '" + pearson + "'");
    }
    int spacegroup;
    try {
      spacegroup = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      spacegroup = -1;
    }
    if (spacegroup < 1 || spacegroup > 230) {
      throw new IllegalArgumentException(
          "protostructure label '" + label + "' has space group '" + parts[2] + "', not 1–230");
    }
    List<Site> sites = new ArrayList<>();
    for (int e = 0; e < elements.length; e++) {
      if (!elements[e].matches("[A-Z][a-z]?")) {
        throw new IllegalArgumentException(
            "protostructure label '" + label + "' has a malformed element '" + elements[e] + "'");
      }
      String group = parts[3 + e];
      int i = 0;
      while (i < group.length()) {
        int start = i;
        while (i < group.length() && Character.isDigit(group.charAt(i))) {
          i++;
        }
        int count = start == i ? 1 : Integer.parseInt(group.substring(start, i));
        if (i >= group.length() || !isWyckoffLetter(group.charAt(i))) {
          throw new IllegalArgumentException(
              "protostructure label '"
                  + label
                  + "' has a malformed Wyckoff group '"
                  + group
                  + "' for "
                  + elements[e]);
        }
        for (int k = 0; k < count; k++) {
          sites.add(new Site(elements[e], group.charAt(i)));
        }
        i++;
      }
    }
    return new ProtostructureLabel(
        trimmed, pearson, spacegroup, List.copyOf(sites), stoichiometry, List.of(elements));
  }

  private static boolean isWyckoffLetter(char c) {
    return (c >= 'a' && c <= 'z') || c == 'A';
  }

  private static int[] parseStoichiometry(String prototype, String label) {
    List<Integer> counts = new ArrayList<>();
    int i = 0;
    char expected = 'A';
    while (i < prototype.length()) {
      if (prototype.charAt(i) != expected) {
        throw new IllegalArgumentException(
            "protostructure label '"
                + label
                + "' has prototype '"
                + prototype
                + "'; expected species letter "
                + expected);
      }
      i++;
      int start = i;
      while (i < prototype.length() && Character.isDigit(prototype.charAt(i))) {
        i++;
      }
      counts.add(start == i ? 1 : Integer.parseInt(prototype.substring(start, i)));
      expected++;
    }
    return counts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Crystal family letter of the Pearson symbol (a, m, o, t, h, c). */
  public char crystalFamily() {
    return pearsonSymbol.charAt(0);
  }

  /** Centring letter of the Pearson symbol (P, S, C, A, B, I, F, R). */
  public char centring() {
    return pearsonSymbol.charAt(1);
  }
}
