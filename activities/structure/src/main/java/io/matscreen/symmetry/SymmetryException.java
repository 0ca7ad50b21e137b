package io.matscreen.symmetry;

/** spglib could not analyse a structure (for example overlapping atoms); the message says why. */
public class SymmetryException extends RuntimeException {
  public SymmetryException(String message) {
    super(message);
  }
}
