package io.matscreen.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds spglib Hall settings (1–530) for Hermann–Mauguin symbols, Hall symbols and space-group
 * numbers, from spglib's own database. Symbols are compared without spaces and underscores and
 * without regard to case, so "P 21/c", "P2_1/c" and "P 1 21/c 1" all match.
 */
public final class SpaceGroupSymbols {
  private static final Map<String, Set<Integer>> BY_HERMANN_MAUGUIN = new HashMap<>();
  private static final Map<String, Integer> BY_HALL = new HashMap<>();
  private static final Map<Integer, List<Integer>> BY_NUMBER = new HashMap<>();

  static {
    for (SpacegroupType t : SpglibSymmetry.allSpacegroupTypes()) {
      int h = t.hallNumber();
      BY_NUMBER.computeIfAbsent(t.number(), k -> new ArrayList<>()).add(h);
      BY_HALL.putIfAbsent(normalise(t.hallSymbol()), h);
      String setting = normalise(t.international());
      add(setting, h);
      if (!t.choice().isEmpty()) {
        add(setting + ":" + normalise(t.choice()), h);
        add(normalise(t.internationalShort()) + ":" + normalise(t.choice()), h);
      }
      add(normalise(t.internationalFull()), h);
      add(normalise(t.internationalShort()), h);
    }
  }

  private SpaceGroupSymbols() {}

  private static void add(String key, int hall) {
    BY_HERMANN_MAUGUIN.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(hall);
  }

  static String normalise(String symbol) {
    return symbol.replaceAll("[\\s_]", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Hall settings matching a Hermann–Mauguin symbol, lowest first; a choice may follow as ":1",
   * ":2", ":H", ":R" or the old suffixes " S" (origin choice 1), " Z" (2), " H", " R". Empty when
   * the symbol is unknown; several when the symbol leaves the setting open (e.g. "Fd-3m" without an
   * origin choice, or "R-3m" without axes).
   */
  public static List<Integer> hallNumbersOfHermannMauguin(String symbol) {
    String s = symbol.trim();
    String choice = null;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      choice = s.substring(colon + 1).trim();
      s = s.substring(0, colon).trim();
    } else if (s.matches(".*\\s[SZHRszhr]")) {
      String suffix = s.substring(s.length() - 1).toUpperCase(Locale.ROOT);
      choice =
          switch (suffix) {
            case "S" -> "1";
            case "Z" -> "2";
            default -> suffix;
          };
      s = s.substring(0, s.length() - 1).trim();
    }
    Set<Integer> matches = BY_HERMANN_MAUGUIN.get(normalise(s));
    if (matches == null) {
      return List.of();
    }
    if (choice == null) {
      return List.copyOf(matches);
    }
    Set<Integer> chosen = BY_HERMANN_MAUGUIN.get(normalise(s) + ":" + normalise(choice));
    return chosen == null ? List.of() : List.copyOf(chosen);
  }

  /** The setting-specific symbol of a Hall setting, normalised (e.g. "p121/c1"). */
  static String normalisedSetting(int hallNumber) {
    return normalise(SpglibSymmetry.spacegroupType(hallNumber).international());
  }

  /**
   * Picks one Hall setting for a Hermann–Mauguin symbol. A symbol that names one setting exactly
   * wins; a short symbol means the standard setting (the lowest Hall number), except that an origin
   * choice (1 or 2) is never guessed and rhombohedral groups take hexagonal or rhombohedral axes
   * from {@code rhombohedralAxes}.
   *
   * @throws IllegalArgumentException when the symbol is unknown or leaves the origin choice open
   */
  public static int resolveHermannMauguin(String symbol, boolean rhombohedralAxes) {
    List<Integer> candidates = hallNumbersOfHermannMauguin(symbol);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("unknown Hermann-Mauguin symbol '" + symbol + "'");
    }
    String bare = normalise(symbol.replaceAll(":.*$", ""));
    List<Integer> exact = new ArrayList<>();
    for (int h : candidates) {
      if (normalisedSetting(h).equals(bare)) {
        exact.add(h);
      }
    }
    List<Integer> pool = exact.isEmpty() ? candidates : exact;
    if (pool.size() == 1) {
      return pool.get(0);
    }
    Set<String> choices = new LinkedHashSet<>();
    for (int h : pool) {
      choices.add(SpglibSymmetry.spacegroupType(h).choice());
    }
    if (choices.equals(Set.of("1", "2"))) {
      throw new IllegalArgumentException(
          "space group '"
              + symbol
              + "' has two origin choices and the file does not say which (write e.g. ':1' or"
              + " ':2' after the symbol, or list the symmetry operations)");
    }
    if (choices.equals(Set.of("H", "R"))) {
      String wanted = rhombohedralAxes ? "R" : "H";
      for (int h : pool) {
        if (SpglibSymmetry.spacegroupType(h).choice().equals(wanted)) {
          return h;
        }
      }
    }
    return pool.get(0);
  }

  /** The Hall setting of a Hall symbol such as "-F 4 2 3", or -1 when unknown. */
  public static int hallNumberOfHallSymbol(String hallSymbol) {
    return BY_HALL.getOrDefault(normalise(hallSymbol), -1);
  }

  /** All Hall settings of a space-group number (1–230), spglib's default first. */
  public static List<Integer> hallNumbersOfNumber(int number) {
    List<Integer> halls = BY_NUMBER.get(number);
    if (halls == null) {
      throw new IllegalArgumentException("space-group number must be 1-230: " + number);
    }
    return List.copyOf(halls);
  }
}
