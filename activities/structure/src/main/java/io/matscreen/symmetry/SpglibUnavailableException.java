package io.matscreen.symmetry;

/** The spglib shared library could not be loaded; the message says how to install it. */
public class SpglibUnavailableException extends RuntimeException {
  public SpglibUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
