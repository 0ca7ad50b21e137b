package io.matscreen.hull;

/** A hull input file that cannot be used at all (unreadable, or without the needed columns). */
public final class HullInputException extends HullException {
  public HullInputException(String message) {
    super(message);
  }
}
