package io.matscreen.dft;

/** Inputs for a DFT job cannot be written: a setting, structure or pseudopotential is wrong. */
public class DftInputException extends RuntimeException {
  public DftInputException(String message) {
    super(message);
  }

  public DftInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
