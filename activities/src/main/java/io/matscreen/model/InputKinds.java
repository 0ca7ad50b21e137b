package io.matscreen.model;

/** The input kinds a bundle can take, as written in model.json and on the command line. */
public final class InputKinds {
  /** Chemical formulas (Roost-like model). */
  public static final String COMPOSITION = "composition";

  /** AFLOW-style protostructure labels (Wren-like model). */
  public static final String PROTOSTRUCTURE = "protostructure";

  private InputKinds() {}
}
