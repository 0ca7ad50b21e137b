package io.matscreen.structure;

/** A chemical formula that cannot be read; the message names the formula and the position. */
public class FormulaException extends IllegalArgumentException {
  private final String formula;

  public FormulaException(String formula, String problem) {
    super("cannot read formula '" + formula + "': " + problem);
    this.formula = formula;
  }

  public String formula() {
    return formula;
  }
}
