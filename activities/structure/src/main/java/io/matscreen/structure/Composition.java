package io.matscreen.structure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable chemical composition: element symbol to amount (atoms per formula unit), read from
 * formulas as people write them ("Li2Fe(PO4)3", "Li0.5CoO2", "[Co(NH3)6]Cl3").
 */
public final class Composition {
  private static final double AMOUNT_TOLERANCE = 1e-8;

  /** Amounts in order of first appearance; never empty, all amounts positive. */
  private final Map<String, Double> amounts;

  private Composition(Map<String, Double> amounts) {
    this.amounts = Collections.unmodifiableMap(amounts);
  }

  /** A composition from element amounts; symbols must be elements and amounts positive. */
  public static Composition of(Map<String, ? extends Number> amounts) {
    LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends Number> e : amounts.entrySet()) {
      String symbol = e.getKey();
      double amount = e.getValue().doubleValue();
      if (!Element.isSymbol(symbol)) {
        throw new FormulaException(amounts.toString(), "'" + symbol + "' is not an element");
      }
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new FormulaException(
            amounts.toString(), "amount of " + symbol + " must be a finite number >= 0: " + amount);
      }
      if (amount > AMOUNT_TOLERANCE) {
        copy.merge(symbol, amount, Double::sum);
      }
    }
    if (copy.isEmpty()) {
      throw new FormulaException(amounts.toString(), "no element with a positive amount");
    }
    return new Composition(copy);
  }

  /** Parses a formula; throws {@link FormulaException} naming the position of any problem. */
  public static Composition parse(String formula) {
    if (formula == null || formula.isBlank()) {
      throw new FormulaException(String.valueOf(formula), "empty formula");
    }
    FormulaParser parser = new FormulaParser(formula);
    LinkedHashMap<String, Double> amounts = parser.parseAll();
    if (amounts.isEmpty()) {
      throw new FormulaException(formula, "no element with a positive amount");
    }
    return new Composition(amounts);
  }

  /** Element amounts in order of first appearance. */
  public Map<String, Double> amounts() {
    return amounts;
  }

  /** Amount of an element, 0 if absent. */
  public double amount(String symbol) {
    return amounts.getOrDefault(symbol, 0.0);
  }

  /** Atom fraction of an element, 0 if absent. */
  public double fraction(String symbol) {
    return amount(symbol) / numAtoms();
  }

  /** Total number of atoms per formula unit. */
  public double numAtoms() {
    double n = 0;
    for (double a : amounts.values()) {
      n += a;
    }
    return n;
  }

  /** The element symbols, sorted alphabetically. */
  public SortedSet<String> elements() {
    return new TreeSet<>(amounts.keySet());
  }

  public int numElements() {
    return amounts.size();
  }

  /** Chemical system, elements sorted alphabetically and joined by '-', e.g. "B-C-N". */
  public String chemicalSystem() {
    return String.join("-", elements());
  }

  /** Same composition with amounts normalised to sum to 1. */
  public Composition fractional() {
    double n = numAtoms();
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    amounts.forEach((k, v) -> out.put(k, v / n));
    return new Composition(out);
  }

  /**
   * The reduced composition: integer amounts divided by their greatest common divisor; a
   * composition with non-integer amounts is returned unchanged.
   */
  public Composition reduced() {
    long divisor = reductionFactor();
    if (divisor == 1) {
      return this;
    }
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    amounts.forEach((k, v) -> out.put(k, v / divisor));
    return new Composition(out);
  }

  /** Number of reduced formula units in this composition (1 when amounts are not integers). */
  public long reductionFactor() {
    long gcd = 0;
    for (double a : amounts.values()) {
      long r = Math.round(a);
      if (Math.abs(a - r) > 1e-6 || r == 0) {
        return 1;
      }
      gcd = gcd(gcd, r);
    }
    return Math.max(1, gcd);
  }

  /** Reduced formula with elements ordered by electronegativity, as pymatgen writes it ("NaCl"). */
  public String reducedFormula() {
    return reduced().formula();
  }

  /** Formula with elements ordered by electronegativity and amounts of 1 omitted ("Na4Cl4"). */
  public String formula() {
    List<String> symbols = new ArrayList<>(amounts.keySet());
    symbols.sort(
        Comparator.comparingDouble((String s) -> Element.of(s).formulaOrderKey())
            .thenComparing(s -> Element.of(s).atomicNumber()));
    StringBuilder sb = new StringBuilder();
    for (String s : symbols) {
      sb.append(s).append(formatAmount(amounts.get(s)));
    }
    return sb.toString();
  }

  /** Alphabetical formula with every amount written ("Cl1 Na1"), handy as a stable key. */
  public String alphabeticalFormula() {
    StringBuilder sb = new StringBuilder();
    for (String s : elements()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      double a = amounts.get(s);
      sb.append(s).append(a == Math.rint(a) ? Long.toString((long) a) : formatAmount(a));
    }
    return sb.toString();
  }

  /** True when both have the same elements with amounts equal within {@code tolerance}. */
  public boolean almostEquals(Composition other, double tolerance) {
    if (!amounts.keySet().equals(other.amounts.keySet())) {
      return false;
    }
    for (Map.Entry<String, Double> e : amounts.entrySet()) {
      if (Math.abs(e.getValue() - other.amounts.get(e.getKey())) > tolerance) {
        return false;
      }
    }
    return true;
  }

  static String formatAmount(double amount) {
    if (Math.abs(amount - 1.0) < 1e-8) {
      return "";
    }
    long r = Math.round(amount);
    if (Math.abs(amount - r) < 1e-8) {
      return Long.toString(r);
    }
    String s = String.format(java.util.Locale.ROOT, "%.6f", amount);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Composition c && almostEquals(c, AMOUNT_TOLERANCE);
  }

  @Override
  public int hashCode() {
    return Objects.hash(amounts.keySet());
  }

  @Override
  public String toString() {
    return formula();
  }

  /** Recursive-descent reader for formulas with nested (), [] and {} groups. */
  private static final class FormulaParser {
    private final String text;
    private int pos;

    FormulaParser(String text) {
      this.text = text;
    }

    LinkedHashMap<String, Double> parseAll() {
      LinkedHashMap<String, Double> out = parseGroup((char) 0);
      skipSpaces();
      if (pos < text.length()) {
        throw error("unexpected '" + text.charAt(pos) + "'");
      }
      return out;
    }

    private LinkedHashMap<String, Double> parseGroup(char closing) {
      LinkedHashMap<String, Double> out = new LinkedHashMap<>();
      while (true) {
        skipSpaces();
        if (pos >= text.length()) {
          if (closing != 0) {
            throw error("missing '" + closing + "'");
          }
          return out;
        }
        char c = text.charAt(pos);
        if (c == closing) {
          pos++;
          return out;
        }
        if (c == '(' || c == '[' || c == '{') {
          pos++;
          char close = c == '(' ? ')' : c == '[' ? ']' : '}';
          LinkedHashMap<String, Double> inner = parseGroup(close);
          if (inner.isEmpty()) {
            throw error("empty group");
          }
          double factor = parseAmount();
          inner.forEach((k, v) -> out.merge(k, v * factor, Double::sum));
        } else if (Character.isUpperCase(c)) {
          int start = pos++;
          while (pos < text.length() && Character.isLowerCase(text.charAt(pos))) {
            pos++;
          }
          String symbol = text.substring(start, pos);
          if (!Element.isSymbol(symbol)) {
            pos = start;
            throw error("'" + symbol + "' is not an element symbol");
          }
          double amount = parseAmount();
          out.merge(symbol, amount, Double::sum);
        } else if (c == '·' || c == '*' || c == '.' && pos > 0) {
          throw error(
              "hydrate/adduct notation '"
                  + c
                  + "' is not supported; write the total formula (e.g. Fe2O4H2)");
        } else {
          throw error("unexpected '" + c + "'");
        }
      }
    }

    private double parseAmount() {
      int start = pos;
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      if (start == pos) {
        return 1.0;
      }
      String number = text.substring(start, pos);
      double value;
      try {
        value = Double.parseDouble(number);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("bad amount '" + number + "'");
      }
      if (!(value > 0) || Double.isInfinite(value)) {
        pos = start;
        throw error("amount must be positive, got '" + number + "'");
      }
      return value;
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private FormulaException error(String problem) {
      return new FormulaException(text, problem + " at position " + (pos + 1));
    }
  }
}
