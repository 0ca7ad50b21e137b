package io.matscreen.symmetry;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Wyckoff representation of a crystal (Wren): its space group and the multiset of occupied
 * Wyckoff positions (element, letter, multiplicity), with the AFLOW-style protostructure label that
 * aviary and Matbench Discovery use, e.g. {@code AB_cF8_225_a_b:Cl-Na}.
 *
 * <p>The label is built as aviary builds it from spglib: anonymous formula, Pearson symbol (crystal
 * family, centring, atoms in the standardised conventional cell), space-group number, the Wyckoff
 * letters of each element (alphabetical elements), canonicalised over the letter permutations of
 * equivalent origin choices (lowest letter score, then alphabetical), and the chemical system.
 */
public final class WyckoffRepresentation {
  private static final Pattern LABEL =
      Pattern.compile("([A-Z][0-9.]*)+_([amothc][PSCIFRAB])([0-9]+)_([0-9]{1,3})_(.+):(.+)");
  private static final Pattern WYCKOFF_TERM = Pattern.compile("([0-9]*)([a-zA])");

  private final int spacegroupNumber;
  private final String pearsonSymbol;
  private final List<WyckoffPosition> positions;
  private final String prototypeFormula;
  private final String chemicalSystem;
  private final String canonicalWyckoffs;
  private final boolean valid;

  private WyckoffRepresentation(
      int spacegroupNumber,
      String pearsonSymbol,
      List<WyckoffPosition> positions,
      String prototypeFormula,
      String chemicalSystem,
      boolean valid) {
    this.spacegroupNumber = spacegroupNumber;
    this.pearsonSymbol = pearsonSymbol;
    this.positions = List.copyOf(positions);
    this.prototypeFormula = prototypeFormula;
    this.chemicalSystem = chemicalSystem;
    this.canonicalWyckoffs = canonicalise(elementWyckoffs(this.positions), spacegroupNumber);
    this.valid = valid;
  }

  /** The representation with the default tolerances (0.1 Å, 5°). */
  public static WyckoffRepresentation of(Structure s) {
    return of(
        s, SpglibSymmetry.DEFAULT_SYMPREC_ANGSTROM, SpglibSymmetry.DEFAULT_ANGLE_TOLERANCE_DEG);
  }

  /**
   * The representation of an ordered structure. When the multiplicities found at the given
   * tolerances do not add up to the composition, the analysis is repeated on spglib's refined cell
   * with a tight tolerance (1e-5 Å), as aviary does; {@link #isValid()} tells whether it then
   * agrees.
   *
   * @throws IllegalArgumentException for a structure with disordered sites
   * @throws SymmetryException when spglib finds no space group
   */
  public static WyckoffRepresentation of(
      Structure s, double symprecAngstrom, double angleToleranceDeg) {
    requireOrdered(s);
    return of(s, SpglibSymmetry.analyze(s, symprecAngstrom, angleToleranceDeg));
  }

  /**
   * The representation of an ordered structure from a dataset already computed for it, with the
   * same retry on spglib's refined cell as {@link #of(Structure, double, double)}.
   */
  public static WyckoffRepresentation of(Structure s, SymmetryDataset dataset) {
    requireOrdered(s);
    WyckoffRepresentation w = fromDataset(s, dataset);
    if (!w.valid) {
      SymmetryDataset refined = SpglibSymmetry.analyze(dataset.standardizedCell(), 1e-5, -1);
      WyckoffRepresentation retry = fromDataset(dataset.standardizedCell(), refined);
      if (retry.valid) {
        return retry;
      }
    }
    return w;
  }

  private static void requireOrdered(Structure s) {
    for (Site site : s.sites()) {
      if (!site.isOrdered()) {
        throw new IllegalArgumentException(
            "a Wyckoff representation needs an ordered structure; site "
                + site.label()
                + " is "
                + site.speciesString());
      }
    }
  }

  /** The representation of an ordered structure from its symmetry dataset. */
  public static WyckoffRepresentation fromDataset(Structure s, SymmetryDataset dataset) {
    int spg = dataset.spacegroupNumber();
    List<String> letters = dataset.wyckoffLetters();
    int[] equivalent = dataset.equivalentAtoms();
    List<WyckoffPosition> positions = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < s.numSites(); i++) {
      if (seen.add(equivalent[i])) {
        String letter = letters.get(i);
        positions.add(
            new WyckoffPosition(
                s.site(i).element(), letter, WyckoffTables.multiplicity(spg, letter)));
      }
    }
    positions.sort(ORDER);
    Composition composition = s.composition();
    String pearson =
        crystalFamilyLetter(spg)
            + centring(dataset.internationalSymbol())
            + dataset.standardizedCell().numSites();
    boolean valid = multiplicitiesMatch(positions, composition);
    return new WyckoffRepresentation(
        spg,
        pearson,
        positions,
        prototypeFormula(composition),
        composition.chemicalSystem(),
        valid);
  }

  private static final Comparator<WyckoffPosition> ORDER =
      Comparator.comparing(WyckoffPosition::element).thenComparing(WyckoffPosition::letter);

  /**
   * Reads a protostructure label such as {@code A2BC4_cF112_227_e_c_df:Hf-N-Zn} back into a
   * representation (multiplicities from {@link WyckoffTables}).
   *
   * @throws IllegalArgumentException naming the part of the label that is wrong
   */
  public static WyckoffRepresentation parse(String protostructureLabel) {
    String label = protostructureLabel == null ? "" : protostructureLabel.trim();
    int colon = label.indexOf(':');
    if (colon < 0) {
      throw badLabel(label, "no ':' before the chemical system");
    }
    String[] parts = label.substring(0, colon).split("_", -1);
    if (parts.length < 4) {
      throw badLabel(label, "expected FORMULA_PEARSON_SPACEGROUP_WYCKOFFS:ELEMENTS");
    }
    String formula = parts[0];
    String pearson = parts[1];
    if (!pearson.matches("[amothc][PSCIFRAB][0-9]+")) {
      throw badLabel(label, "Pearson symbol '" + pearson + "' is not like cF8");
    }
    int spg;
    try {
      spg = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      throw badLabel(label, "space-group number '" + parts[2] + "' is not a number");
    }
    if (spg < 1 || spg > 230) {
      throw badLabel(label, "space-group number " + spg + " is not in 1-230");
    }
    String[] elements = label.substring(colon + 1).split("-", -1);
    int nWyckoffGroups = parts.length - 3;
    if (elements.length != nWyckoffGroups) {
      throw badLabel(
          label,
          nWyckoffGroups
              + " Wyckoff groups for "
              + elements.length
              + " elements in the chemical system");
    }
    Matcher f = Pattern.compile("([A-Z])([0-9.]*)").matcher(formula);
    int nFormula = 0;
    int end = 0;
    while (f.find() && f.start() == end) {
      nFormula++;
      end = f.end();
    }
    if (end != formula.length() || nFormula != elements.length) {
      throw badLabel(
          label,
          "anonymous formula '" + formula + "' does not match " + elements.length + " elements");
    }
    List<WyckoffPosition> positions = new ArrayList<>();
    Map<String, Integer> letters = WyckoffTables.letters(spg);
    for (int e = 0; e < elements.length; e++) {
      String el = elements[e];
      if (!Element.isSymbol(el)) {
        throw badLabel(label, "'" + el + "' is not an element");
      }
      if (e > 0 && elements[e - 1].compareTo(el) >= 0) {
        throw badLabel(label, "elements are not in alphabetical order");
      }
      String group = parts[3 + e];
      Matcher m = WYCKOFF_TERM.matcher(group);
      int at = 0;
      while (m.find()) {
        if (m.start() != at) {
          break;
        }
        at = m.end();
        int count = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        String letter = m.group(2);
        Integer mult = letters.get(letter);
        if (mult == null) {
          throw badLabel(label, "space group " + spg + " has no Wyckoff position '" + letter + "'");
        }
        if (count < 1) {
          throw badLabel(label, "count " + count + " in '" + group + "'");
        }
        for (int k = 0; k < count; k++) {
          positions.add(new WyckoffPosition(el, letter, mult));
        }
      }
      if (at != group.length() || group.isEmpty()) {
        throw badLabel(label, "Wyckoff group '" + group + "' of " + el + " is not like 2ab");
      }
    }
    positions.sort(ORDER);
    Map<String, Double> amounts = new LinkedHashMap<>();
    for (WyckoffPosition p : positions) {
      amounts.merge(p.element(), (double) p.multiplicity(), Double::sum);
    }
    Composition fromWyckoffs = Composition.of(amounts);
    String expectedFormula = prototypeFormula(fromWyckoffs);
    boolean valid = expectedFormula.equals(formula);
    return new WyckoffRepresentation(
        spg, pearson, positions, formula, String.join("-", elements), valid);
  }

  private static IllegalArgumentException badLabel(String label, String problem) {
    return new IllegalArgumentException(
        "cannot read protostructure label '" + label + "': " + problem);
  }

  /** International Tables number of the space group. */
  public int spacegroupNumber() {
    return spacegroupNumber;
  }

  /** Pearson symbol, e.g. "cF8" (atoms counted in the standardised conventional cell). */
  public String pearsonSymbol() {
    return pearsonSymbol;
  }

  /** Occupied Wyckoff positions, one per orbit, sorted by element and then letter. */
  public List<WyckoffPosition> positions() {
    return positions;
  }

  /** Number of occupied Wyckoff positions (orbits). */
  public int numWyckoffPositions() {
    return positions.size();
  }

  /**
   * Anonymous formula in aviary's convention (elements alphabetical, named A, B, …), e.g. "AB2C".
   */
  public String prototypeFormula() {
    return prototypeFormula;
  }

  /** Chemical system, elements alphabetical joined by '-', e.g. "Cl-Na". */
  public String chemicalSystem() {
    return chemicalSystem;
  }

  /**
   * The representation of the same structure with elements replaced (old symbol to new; others
   * stay), without calling spglib: substitution keeps the geometry and so the space group and the
   * Wyckoff positions. Two elements may not end up as one, as that could raise the symmetry.
   *
   * @throws IllegalArgumentException for a symbol that is no element or a mapping that merges
   *     elements
   */
  public WyckoffRepresentation substitute(Map<String, String> elementMap) {
    Set<String> before = new TreeSet<>();
    Set<String> after = new TreeSet<>();
    List<WyckoffPosition> mapped = new ArrayList<>(positions.size());
    for (WyckoffPosition p : positions) {
      String to = elementMap.getOrDefault(p.element(), p.element());
      if (!Element.isSymbol(to)) {
        throw new IllegalArgumentException(
            "cannot substitute " + p.element() + " by '" + to + "': not an element");
      }
      before.add(p.element());
      after.add(to);
      mapped.add(new WyckoffPosition(to, p.letter(), p.multiplicity()));
    }
    if (after.size() != before.size()) {
      throw new IllegalArgumentException(
          "substitution "
              + elementMap
              + " merges elements of "
              + chemicalSystem
              + "; analyse the structure instead");
    }
    mapped.sort(ORDER);
    Map<String, Double> amounts = new LinkedHashMap<>();
    for (WyckoffPosition p : mapped) {
      amounts.merge(p.element(), (double) p.multiplicity(), Double::sum);
    }
    return new WyckoffRepresentation(
        spacegroupNumber,
        pearsonSymbol,
        mapped,
        prototypeFormula(Composition.of(amounts)),
        String.join("-", after),
        valid);
  }

  /**
   * The positions under every letter relabelling of equivalent settings (the identity first, no
   * duplicates): the isopointal descriptions Wren uses to augment its training data.
   */
  public List<List<WyckoffPosition>> equivalentPositionSets() {
    List<List<WyckoffPosition>> out = new ArrayList<>();
    Set<List<WyckoffPosition>> seen = new HashSet<>();
    for (Map<Character, Character> perm : WyckoffTables.relabellings(spacegroupNumber)) {
      List<WyckoffPosition> relabelled = new ArrayList<>(positions.size());
      for (WyckoffPosition p : positions) {
        char c = p.letter().charAt(0);
        String letter = String.valueOf(perm.getOrDefault(c, c));
        relabelled.add(new WyckoffPosition(p.element(), letter, p.multiplicity()));
      }
      relabelled.sort(ORDER);
      if (seen.add(relabelled)) {
        out.add(List.copyOf(relabelled));
      }
    }
    return out;
  }

  /** Atom count per element in the conventional cell implied by the Wyckoff multiplicities. */
  public Map<String, Integer> conventionalCellCounts() {
    Map<String, Integer> out = new TreeMap<>();
    for (WyckoffPosition p : positions) {
      out.merge(p.element(), p.multiplicity(), Integer::sum);
    }
    return out;
  }

  /**
   * True when the Wyckoff multiplicities reproduce the composition (reduced formula) of the
   * structure, or, for a parsed label, its anonymous formula.
   */
  public boolean isValid() {
    return valid;
  }

  /** The AFLOW-style label, e.g. {@code ABC3_cP5_221_a_b_c:Ca-O-Ti}. */
  public String protostructureLabel() {
    return prototypeFormula
        + "_"
        + pearsonSymbol
        + "_"
        + spacegroupNumber
        + "_"
        + canonicalWyckoffs
        + ":"
        + chemicalSystem;
  }

  /** The label without the chemical system: the prototype shared by all element choices. */
  public String prototypeLabel() {
    return prototypeFormula
        + "_"
        + pearsonSymbol
        + "_"
        + spacegroupNumber
        + "_"
        + canonicalWyckoffs;
  }

  private static boolean multiplicitiesMatch(
      List<WyckoffPosition> positions, Composition composition) {
    Map<String, Double> amounts = new LinkedHashMap<>();
    for (WyckoffPosition p : positions) {
      amounts.merge(p.element(), (double) p.multiplicity(), Double::sum);
    }
    Composition fromWyckoffs = Composition.of(amounts);
    return fromWyckoffs.reduced().almostEquals(composition.reduced(), 1e-6);
  }

  static String crystalFamilyLetter(int spg) {
    return switch (SpacegroupType.crystalSystem(spg)) {
      case "triclinic" -> "a";
      case "monoclinic" -> "m";
      case "orthorhombic" -> "o";
      case "tetragonal" -> "t";
      case "trigonal", "hexagonal" -> "h";
      default -> "c";
    };
  }

  /** Centring letter of the Pearson symbol: A-, B- and C-centred (and "S") all count as C. */
  static String centring(String international) {
    char c = international.charAt(0);
    return (c == 'A' || c == 'B' || c == 'C' || c == 'S') ? "C" : String.valueOf(c);
  }

  /**
   * aviary's anonymous formula: integer amounts divided by their gcd, elements alphabetical, named
   * A, B, C…, amounts of 1 left out.
   */
  static String prototypeFormula(Composition composition) {
    Composition reduced = composition.reduced();
    StringBuilder sb = new StringBuilder();
    char name = 'A';
    for (String el : new TreeSet<>(reduced.amounts().keySet())) {
      double amount = reduced.amount(el);
      sb.append(name++);
      if (Math.abs(amount - 1) < 1e-8) {
        continue;
      }
      long r = Math.round(amount);
      if (Math.abs(amount - r) < 1e-8) {
        sb.append(r);
      } else {
        sb.append(amount);
      }
    }
    return sb.toString();
  }

  /** Per element (alphabetical), count-prefixed letters, e.g. "1a_2c1i" (counts of 1 kept here). */
  private static String elementWyckoffs(List<WyckoffPosition> sorted) {
    StringBuilder sb = new StringBuilder();
    String element = null;
    String letter = null;
    int count = 0;
    for (WyckoffPosition p : sorted) {
      if (!p.element().equals(element)) {
        if (letter != null) {
          sb.append(count).append(letter);
        }
        if (element != null) {
          sb.append('_');
        }
        element = p.element();
        letter = p.letter();
        count = 1;
      } else if (!p.letter().equals(letter)) {
        sb.append(count).append(letter);
        letter = p.letter();
        count = 1;
      } else {
        count++;
      }
    }
    if (letter != null) {
      sb.append(count).append(letter);
    }
    return sb.toString();
  }

  /**
   * Among the letter relabellings of equivalent settings, the one with the lowest score (sum over
   * distinct element/letter terms of the letter's alphabet position; alpha scores 0), ties broken
   * alphabetically; within each element the terms are sorted by letter and counts of 1 dropped.
   */
  static String canonicalise(String elementWyckoffs, int spg) {
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    Set<String> tried = new HashSet<>();
    for (Map<Character, Character> perm : WyckoffTables.relabellings(spg)) {
      String relabelled = translate(elementWyckoffs, perm);
      if (!tried.add(relabelled)) {
        continue;
      }
      int score = 0;
      StringBuilder sorted = new StringBuilder();
      for (String group : relabelled.split("_", -1)) {
        Matcher m = WYCKOFF_TERM.matcher(group);
        TreeMap<String, String> terms = new TreeMap<>();
        while (m.find()) {
          String count = m.group(1).equals("1") ? "" : m.group(1);
          terms.put(m.group(2), count);
          score += m.group(2).equals("A") ? 0 : m.group(2).charAt(0) - 'a' + 1;
        }
        if (sorted.length() > 0) {
          sorted.append('_');
        }
        terms.forEach((l, c) -> sorted.append(c).append(l));
      }
      String candidate = sorted.toString();
      if (score < bestScore || (score == bestScore && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private static String translate(String s, Map<Character, Character> perm) {
    if (perm.isEmpty()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(perm.getOrDefault(c, c));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WyckoffRepresentation w
        && protostructureLabel().equals(w.protostructureLabel());
  }

  @Override
  public int hashCode() {
    return protostructureLabel().hashCode();
  }

  @Override
  public String toString() {
    return protostructureLabel() + (valid ? "" : " (multiplicities do not match the composition)");
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
