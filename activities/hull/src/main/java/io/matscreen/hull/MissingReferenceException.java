package io.matscreen.hull;

/** A total-energy phase diagram lacks the elemental reference entry of an element. */
public final class MissingReferenceException extends HullException {
  private final String element;

  public MissingReferenceException(String element) {
    super(
        "missing elemental reference for "
            + element
            + ": a phase diagram of total energies needs an entry of pure "
            + element
            + " (formation-energy diagrams take elements at 0 eV/atom)");
    this.element = element;
  }

  /** The element symbol without a reference entry. */
  public String element() {
    return element;
  }
}
