package io.matscreen.structure;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.openscience.cdk.config.Elements;
import org.openscience.cdk.config.Isotopes;

/** A chemical element with the data matscreen uses, backed by CDK's periodic table. */
public final class Element implements Comparable<Element> {
  private static final Element[] BY_NUMBER = new Element[119];
  private static final java.util.Map<String, Element> BY_SYMBOL = new java.util.HashMap<>();

  static {
    Isotopes isotopes;
    try {
      isotopes = Isotopes.getInstance();
    } catch (IOException e) {
      throw new UncheckedIOException("CDK isotope data could not be loaded", e);
    }
    for (Elements e : Elements.values()) {
      int z = e.number();
      if (z < 1 || z > 118 || BY_NUMBER[z] != null) {
        continue;
      }
      double mass = isotopes.getNaturalMass(e.toIElement());
      Element el =
          new Element(
              e.symbol(),
              z,
              e.period(),
              e.group(),
              mass,
              e.electronegativity() == null ? Double.NaN : e.electronegativity(),
              e.covalentRadius() == null ? Double.NaN : e.covalentRadius());
      BY_NUMBER[z] = el;
      BY_SYMBOL.put(el.symbol, el);
    }
  }

  private final String symbol;
  private final int atomicNumber;
  private final int period;
  private final int group;
  private final double atomicMass;
  private final double paulingElectronegativity;
  private final double covalentRadiusAngstrom;

  private Element(
      String symbol,
      int atomicNumber,
      int period,
      int group,
      double atomicMass,
      double paulingElectronegativity,
      double covalentRadiusAngstrom) {
    this.symbol = symbol;
    this.atomicNumber = atomicNumber;
    this.period = period;
    this.group = group;
    this.atomicMass = atomicMass;
    this.paulingElectronegativity = paulingElectronegativity;
    this.covalentRadiusAngstrom = covalentRadiusAngstrom;
  }

  /** The element with this symbol (case-sensitive, e.g. "Fe"); throws if there is none. */
  public static Element of(String symbol) {
    Element el = BY_SYMBOL.get(symbol);
    if (el == null) {
      throw new IllegalArgumentException("'" + symbol + "' is not an element symbol");
    }
    return el;
  }

  /** True when the symbol names a real element (Z 1 to 118). */
  public static boolean isSymbol(String symbol) {
    return BY_SYMBOL.containsKey(symbol);
  }

  public static Element ofAtomicNumber(int z) {
    if (z < 1 || z > 118 || BY_NUMBER[z] == null) {
      throw new IllegalArgumentException("no element with atomic number " + z);
    }
    return BY_NUMBER[z];
  }

  public String symbol() {
    return symbol;
  }

  public int atomicNumber() {
    return atomicNumber;
  }

  public int period() {
    return period;
  }

  /** IUPAC group 1-18; 0 for lanthanides and actinides, as CDK reports them. */
  public int group() {
    return group;
  }

  /** Natural atomic mass, u. */
  public double atomicMass() {
    return atomicMass;
  }

  /** Pauling electronegativity; NaN where none is defined (e.g. noble gases). */
  public double paulingElectronegativity() {
    return paulingElectronegativity;
  }

  /** Covalent radius, Angstrom; NaN where unknown. */
  public double covalentRadiusAngstrom() {
    return covalentRadiusAngstrom;
  }

  /**
   * Electronegativity used to order elements in formulas, as pymatgen does: elements without a
   * Pauling value sort last.
   */
  double formulaOrderKey() {
    return Double.isNaN(paulingElectronegativity) ? 100.0 : paulingElectronegativity;
  }

  @Override
  public int compareTo(Element o) {
    return Integer.compare(atomicNumber, o.atomicNumber);
  }

  @Override
  public String toString() {
    return symbol;
  }
}
