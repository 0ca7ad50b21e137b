package io.matscreen.model;

/** The input kinds a bundle can take, as written in model.json and on the command line. */
public final class InputKinds {
  /** Chemical formulas (Roost-like model). */
  public static final String COMPOSITION = "composition";

  /** AFLOW-style protostructure labels (Wren-like model). */
  public static final String PROTOSTRUCTURE = "protostructure";

  /**
   * Paths of structure files (CIF, POSCAR, pymatgen JSON), read and turned into a composition or a
   * protostructure label as the model needs ({@link StructureInputs}); never a bundle's own kind.
   */
  public static final String STRUCTURE = "structure";

  private InputKinds() {}
}
