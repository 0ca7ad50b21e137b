package io.matscreen.dft;

/**
 * A failure that one DFT code announces in its output and a parser of that code recognised (e.g.
 * VASP's EDDDAV). Implemented by the code's error enum, so handlers switch on constants instead of
 * reading them back out of a message.
 */
public interface CodeError {
  /** The code that reports this error, as in {@link DftResult#code()} ("vasp"). */
  String code();

  /** Stable lower-case name of the error within its code, e.g. "edddav". */
  String id();

  /** The generic classification the correction machinery acts on. */
  DftErrorKind kind();
}
