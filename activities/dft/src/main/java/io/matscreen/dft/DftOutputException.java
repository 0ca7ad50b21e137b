package io.matscreen.dft;

/** A DFT output file could not be read at all (missing directory, unreadable file). */
public class DftOutputException extends RuntimeException {
  public DftOutputException(String message) {
    super(message);
  }

  public DftOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
